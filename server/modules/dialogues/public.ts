import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type {
  CommitmentState,
  DialogueStatus,
  PublicCommitment,
  PublicDialogue,
  PublicDialogueDetail,
} from "../../../common/schemas/dialogues.ts";
import { maskPersonalData } from "../intake/public.ts";
import { notFoundDialogue } from "./access.ts";
import type { CivicDeps } from "./deps.ts";
import { type UnitIndex, unitIndex } from "./directory.ts";
import { acceptsQuestions, commitmentState } from "./policy.ts";
import { dialogueCommitments, dialogueQuestions, dialogues } from "./tables.ts";

/**
 * What the portal shows: dialogues, their published questions and answers, the minutes and
 * the commitments, with personal data masked (Nghị định 13/2023). Pending and rejected
 * questions, askers' names and contacts never leave the staff side.
 */

type DialogueRow = typeof dialogues.$inferSelect;
type CommitmentRow = typeof dialogueCommitments.$inferSelect;

function publicDialogue(row: DialogueRow, units: UnitIndex, published: number, now: Date): PublicDialogue {
  return {
    id: row.id,
    title: row.title,
    topic: maskPersonalData(row.topic),
    leader: row.leader,
    place: row.place,
    startsAt: row.startsAt.toISOString(),
    status: row.status as DialogueStatus,
    hostUnit: units.name(row.hostUnitId),
    communes: row.communeIds.map((id) => units.name(id)),
    acceptsQuestions: acceptsQuestions(row.status as DialogueStatus, row.startsAt, now),
    publishedQuestions: published,
  };
}

function publicCommitment(
  row: CommitmentRow,
  title: string,
  units: UnitIndex,
  today: string,
): PublicCommitment {
  return {
    id: row.id,
    dialogueId: row.dialogueId,
    dialogueTitle: title,
    text: maskPersonalData(row.text),
    ownerUnit: units.name(row.ownerUnitId),
    dueDate: row.dueDate,
    state: commitmentState(row.status as "open" | "done", row.dueDate, today),
    closingNote: row.closingNote === null ? null : maskPersonalData(row.closingNote),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

async function publishedCounts(deps: CivicDeps, ids: string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const rows = await deps.database.db
    .select({ id: dialogueQuestions.dialogueId, n: sql<number>`count(*)::int` })
    .from(dialogueQuestions)
    .where(and(inArray(dialogueQuestions.dialogueId, ids), eq(dialogueQuestions.status, "published")))
    .groupBy(dialogueQuestions.dialogueId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function publicDialogues(deps: CivicDeps, when: "upcoming" | "past" | "all") {
  const db = deps.database.db;
  const now = deps.now();
  const conditions = [eq(dialogues.tenantId, deps.tenant.id)];
  if (when === "upcoming") conditions.push(sql`${dialogues.startsAt} >= ${now}`);
  if (when === "past") conditions.push(sql`${dialogues.startsAt} < ${now}`);
  const rows = await db
    .select()
    .from(dialogues)
    .where(and(...conditions))
    .orderBy(when === "upcoming" ? asc(dialogues.startsAt) : desc(dialogues.startsAt))
    .limit(500);
  const units = await unitIndex(db, deps.tenant.id);
  const counts = await publishedCounts(
    deps,
    rows.map((r) => r.id),
  );
  return { items: rows.map((row) => publicDialogue(row, units, counts.get(row.id) ?? 0, now)) };
}

export async function publicDialogueDetail(deps: CivicDeps, id: string): Promise<PublicDialogueDetail> {
  const db = deps.database.db;
  const [row] = await db
    .select()
    .from(dialogues)
    .where(and(eq(dialogues.tenantId, deps.tenant.id), eq(dialogues.id, id)));
  if (!row) throw notFoundDialogue();
  const units = await unitIndex(db, deps.tenant.id);
  const questions = await db
    .select()
    .from(dialogueQuestions)
    .where(eq(dialogueQuestions.dialogueId, row.id))
    .orderBy(asc(dialogueQuestions.createdAt));
  const published = questions.filter((q) => q.status === "published");
  // Every asker's name is masked wherever it appears: in questions, answers and the minutes.
  const knownNames = questions.map((q) => q.askerName).filter((n): n is string => !!n);
  const commitments = await db
    .select()
    .from(dialogueCommitments)
    .where(eq(dialogueCommitments.dialogueId, row.id))
    .orderBy(asc(dialogueCommitments.dueDate));
  const today = deps.today();
  return {
    ...publicDialogue(row, units, published.length, deps.now()),
    minutes: row.minutes === null ? null : maskPersonalData(row.minutes, { knownNames }),
    questions: published.map((q) => ({
      id: q.id,
      text: maskPersonalData(q.text, { knownNames }),
      answer: q.answer === null ? null : maskPersonalData(q.answer, { knownNames }),
      submittedAt: q.createdAt.toISOString(),
    })),
    commitments: commitments.map((c) => publicCommitment(c, row.title, units, today)),
  };
}

export async function publicCommitments(deps: CivicDeps, state: CommitmentState | undefined) {
  const db = deps.database.db;
  const today = deps.today();
  const conditions = [eq(dialogueCommitments.tenantId, deps.tenant.id)];
  if (state) {
    conditions.push(
      sql`(CASE WHEN ${dialogueCommitments.status} = 'done' THEN 'done' WHEN ${dialogueCommitments.dueDate} < ${today} THEN 'overdue' ELSE 'open' END) = ${state}`,
    );
  }
  const rows = await db
    .select({ c: dialogueCommitments, title: dialogues.title })
    .from(dialogueCommitments)
    .innerJoin(dialogues, eq(dialogues.id, dialogueCommitments.dialogueId))
    .where(and(...conditions))
    .orderBy(asc(dialogueCommitments.dueDate))
    .limit(2000);
  const units = await unitIndex(db, deps.tenant.id);
  return { items: rows.map(({ c, title }) => publicCommitment(c, title, units, today)) };
}

import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type {
  Commitment,
  DialogueDetail,
  DialogueInput,
  DialoguePatch,
  DialogueStatus,
  DialogueSummary,
  Question,
} from "../../../common/schemas/dialogues.ts";
import type { DbOrTx, Tx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { conflict } from "../../lib/errors.ts";
import { type AuditActor, recordAudit, recordPersonalDataRead } from "../audit/service.ts";
import type { Actor } from "../auth/actor.ts";
import { displayNames } from "../auth/users.ts";
import { authorize, may } from "../authorize.ts";
import { accessDialogue, type DialogueRow, dialogueResource } from "./access.ts";
import { type UnitIndex, unitIndex } from "./directory.ts";
import { moderationView } from "./moderation.ts";
import { commitmentActions, commitmentState, dialogueActions, scopeFor } from "./policy.ts";
import { dialogueCommitments, dialogueQuestions, dialogues } from "./tables.ts";

type QuestionRow = typeof dialogueQuestions.$inferSelect;

type CommitmentRow = typeof dialogueCommitments.$inferSelect;

/** The day of a dialogue in Vietnam (UTC+7), for due dates that cannot come before it. */
export function dayOf(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

function checkUnits(units: UnitIndex, input: Partial<DialogueInput>, day: string) {
  if (input.hostUnitId) units.requireInForce(input.hostUnitId, day, "hostUnitId");
  for (const [i, id] of (input.communeIds ?? []).entries()) units.requireInForce(id, day, `communeIds.${i}`);
}

export async function createDialogue(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  input: DialogueInput,
  today: string,
) {
  const units = await unitIndex(tx, actor.tenantId);
  checkUnits(units, input, today);
  authorize(actor, "dialogues.schedule", {
    tenantId: actor.tenantId,
    hostUnitAncestorIds: units.ancestors(input.hostUnitId),
  });
  const [row] = await tx
    .insert(dialogues)
    .values({
      tenantId: actor.tenantId,
      title: input.title.normalize("NFC"),
      topic: input.topic.normalize("NFC"),
      leader: input.leader.normalize("NFC"),
      place: input.place.normalize("NFC"),
      startsAt: new Date(input.startsAt),
      hostUnitId: input.hostUnitId,
      communeIds: [...new Set(input.communeIds)],
      createdBy: actor.userId,
    })
    .returning({ id: dialogues.id });
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: audit,
    action: "dialogue.schedule",
    entityType: "dialogue",
    entityId: row.id,
    after: { ...input },
  });
  return row;
}

export async function updateDialogue(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  id: string,
  patch: DialoguePatch,
  today: string,
) {
  const { row, units } = await accessDialogue(tx, actor, id, "edit", true);
  if (patch.version !== row.version) throw conflict(row.version, patch.version);
  checkUnits(units, patch, today);
  // Moving the dialogue to another host unit needs the right to host there too.
  if (patch.hostUnitId) {
    authorize(actor, "dialogues.schedule", {
      tenantId: actor.tenantId,
      hostUnitAncestorIds: units.ancestors(patch.hostUnitId),
    });
  }
  const { version: _v, ...changes } = patch;
  await tx
    .update(dialogues)
    .set({
      ...(changes.title !== undefined ? { title: changes.title.normalize("NFC") } : {}),
      ...(changes.topic !== undefined ? { topic: changes.topic.normalize("NFC") } : {}),
      ...(changes.leader !== undefined ? { leader: changes.leader.normalize("NFC") } : {}),
      ...(changes.place !== undefined ? { place: changes.place.normalize("NFC") } : {}),
      ...(changes.startsAt !== undefined ? { startsAt: new Date(changes.startsAt) } : {}),
      ...(changes.hostUnitId !== undefined ? { hostUnitId: changes.hostUnitId } : {}),
      ...(changes.communeIds !== undefined ? { communeIds: [...new Set(changes.communeIds)] } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.minutes !== undefined ? { minutes: changes.minutes.normalize("NFC") || null } : {}),
      version: row.version + 1,
      updatedAt: clock.now(),
    })
    .where(eq(dialogues.id, row.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: audit,
    action: changes.minutes !== undefined ? "dialogue.minutes" : "dialogue.update",
    entityType: "dialogue",
    entityId: row.id,
    // The minutes may name people: the audit entry keeps their length, not their words.
    before: { status: row.status, version: row.version },
    after: {
      ...changes,
      minutes: changes.minutes === undefined ? undefined : `${changes.minutes.length} chars`,
    },
  });
  return { version: row.version + 1 };
}

async function counts(db: DbOrTx, ids: string[], today: string) {
  const questions = new Map<string, DialogueSummary["questions"]>();
  const commitments = new Map<string, DialogueSummary["commitments"]>();
  if (ids.length === 0) return { questions, commitments };
  const q = await db
    .select({
      id: dialogueQuestions.dialogueId,
      status: dialogueQuestions.status,
      n: sql<number>`count(*)::int`,
    })
    .from(dialogueQuestions)
    .where(inArray(dialogueQuestions.dialogueId, ids))
    .groupBy(dialogueQuestions.dialogueId, dialogueQuestions.status);
  for (const r of q) {
    const c = questions.get(r.id) ?? { pending: 0, published: 0, total: 0 };
    if (r.status === "pending") c.pending += r.n;
    if (r.status === "published") c.published += r.n;
    c.total += r.n;
    questions.set(r.id, c);
  }
  const c = await db
    .select({
      id: dialogueCommitments.dialogueId,
      state: sql<string>`CASE WHEN ${dialogueCommitments.status} = 'done' THEN 'done' WHEN ${dialogueCommitments.dueDate} < ${today} THEN 'overdue' ELSE 'open' END`,
      n: sql<number>`count(*)::int`,
    })
    .from(dialogueCommitments)
    .where(inArray(dialogueCommitments.dialogueId, ids))
    .groupBy(sql`1, 2`);
  for (const r of c) {
    const k = commitments.get(r.id) ?? { open: 0, overdue: 0, done: 0 };
    k[r.state as "open"] += r.n;
    commitments.set(r.id, k);
  }
  return { questions, commitments };
}

function summary(row: DialogueRow, units: UnitIndex, c: Awaited<ReturnType<typeof counts>>): DialogueSummary {
  return {
    id: row.id,
    title: row.title,
    topic: row.topic,
    leader: row.leader,
    place: row.place,
    startsAt: row.startsAt.toISOString(),
    status: row.status as DialogueStatus,
    hostUnit: { id: row.hostUnitId, name: units.name(row.hostUnitId) },
    communes: row.communeIds.map((id) => ({ id, name: units.name(id) })),
    questions: c.questions.get(row.id) ?? { pending: 0, published: 0, total: 0 },
    commitments: c.commitments.get(row.id) ?? { open: 0, overdue: 0, done: 0 },
  };
}

export async function listDialogues(
  db: DbOrTx,
  actor: Actor,
  query: { when: "upcoming" | "past" | "all"; q?: string },
  now: Date,
  today: string,
) {
  const scope = scopeFor(actor);
  const units = await unitIndex(db, actor.tenantId);
  const canSchedule =
    may(actor, "dialogues.schedule", { tenantId: actor.tenantId, hostUnitAncestorIds: [] }) ||
    actor.grants.some((g) => g.role === "unit_officer" || g.role === "unit_leader");
  if (scope.kind === "none") return { items: [], canSchedule: false };
  const conditions = [eq(dialogues.tenantId, actor.tenantId)];
  if (query.when === "upcoming") conditions.push(sql`${dialogues.startsAt} >= ${now}`);
  if (query.when === "past") conditions.push(sql`${dialogues.startsAt} < ${now}`);
  if (query.q) {
    const needle = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    conditions.push(
      sql`(vi_fold(${dialogues.title}) LIKE vi_fold(${needle}) OR vi_fold(${dialogues.topic}) LIKE vi_fold(${needle}) OR vi_fold(${dialogues.place}) LIKE vi_fold(${needle}))`,
    );
  }
  const rows = (
    await db
      .select()
      .from(dialogues)
      .where(and(...conditions))
      .orderBy(query.when === "upcoming" ? asc(dialogues.startsAt) : desc(dialogues.startsAt))
      .limit(1000)
  ).filter((row) => may(actor, "dialogues.read", dialogueResource(row, units)));
  const c = await counts(
    db,
    rows.map((r) => r.id),
    today,
  );
  return { items: rows.map((row) => summary(row, units, c)), canSchedule };
}

export function questionView(
  row: QuestionRow,
  units: UnitIndex,
  names: Map<string, string>,
  personal: boolean,
): Question {
  return {
    id: row.id,
    text: row.text,
    channel: row.channel as "portal" | "staff",
    askerName: personal ? row.askerName : null,
    askerPhone: personal ? row.askerPhone : null,
    askerEmail: personal ? row.askerEmail : null,
    commune: row.communeId ? { id: row.communeId, name: units.name(row.communeId) } : null,
    moderation: moderationView({
      ...row,
      moderatedByName: row.moderatedBy ? names.get(row.moderatedBy) : null,
    }),
    answer: row.answer,
    submittedAt: row.createdAt.toISOString(),
  };
}

export function commitmentView(
  row: CommitmentRow,
  dialogue: DialogueRow,
  units: UnitIndex,
  actor: Actor,
  today: string,
): Commitment {
  return {
    id: row.id,
    dialogueId: row.dialogueId,
    dialogueTitle: dialogue.title,
    questionId: row.questionId,
    text: row.text,
    ownerUnit: { id: row.ownerUnitId, name: units.name(row.ownerUnitId) },
    dueDate: row.dueDate,
    state: commitmentState(row.status as "open" | "done", row.dueDate, today),
    closingNote: row.closingNote,
    closedAt: row.closedAt?.toISOString() ?? null,
    actions: commitmentActions(actor, {
      tenantId: row.tenantId,
      ownerUnitAncestorIds: units.ancestors(row.ownerUnitId),
      dialogue: dialogueResource(dialogue, units),
      status: row.status as "open" | "done",
    }),
  };
}

export async function dialogueDetail(
  db: DbOrTx,
  actor: Actor,
  id: string,
  today: string,
): Promise<DialogueDetail> {
  const { row, resource, units } = await accessDialogue(db, actor, id);
  const questionRows = await db
    .select()
    .from(dialogueQuestions)
    .where(eq(dialogueQuestions.dialogueId, row.id))
    .orderBy(asc(dialogueQuestions.createdAt));
  const commitmentRows = await db
    .select()
    .from(dialogueCommitments)
    .where(eq(dialogueCommitments.dialogueId, row.id))
    .orderBy(asc(dialogueCommitments.dueDate), asc(dialogueCommitments.createdAt));
  const names = await displayNames(
    db,
    questionRows.map((q) => q.moderatedBy),
  );
  const personal = may(actor, "dialogues.personalData", resource);
  if (personal) {
    await recordPersonalDataRead(db, {
      tenantId: row.tenantId,
      actor,
      entityType: "dialogue",
      entityId: row.id,
      purpose: "staff.questions",
      records: questionRows.filter((q) => q.askerName || q.askerPhone || q.askerEmail).map((q) => q.id),
      fields: ["askerName", "askerPhone", "askerEmail"],
    });
  }
  const c = await counts(db, [row.id], today);
  return {
    ...summary(row, units, c),
    minutes: row.minutes,
    version: row.version,
    questionList: questionRows.map((q) => questionView(q, units, names, personal)),
    commitmentList: commitmentRows.map((k) => commitmentView(k, row, units, actor, today)),
    actions: dialogueActions(actor, resource),
  };
}

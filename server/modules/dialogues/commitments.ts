import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { formatDate } from "../../../common/dates.ts";
import type { Commitment, CommitmentCreate, CommitmentState } from "../../../common/schemas/dialogues.ts";
import type { DbOrTx, Tx } from "../../db/connection.ts";
import type { WorkingCalendar } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize, may } from "../authorize.ts";
import { accessDialogue, dialogueResource } from "./access.ts";
import { unitIndex } from "./directory.ts";
import { commitmentView, dayOf } from "./service.ts";
import { dialogueCommitments, dialogueQuestions, dialogues } from "./tables.ts";

const COMMITMENT = both("cam kết", "commitment");
const notFoundCommitment = () => notFound(COMMITMENT);

/**
 * The due date of a commitment: a date, or N working days from today on the Vietnamese
 * working-day calendar (weekends, holidays, Tết). Never before the dialogue's own day.
 */
export function dueDateOf(
  input: Pick<CommitmentCreate, "dueDate" | "dueInWorkingDays">,
  dialogueDay: string,
  today: string,
  calendar: WorkingCalendar,
): string {
  if (input.dueDate && input.dueInWorkingDays) throw new AppError(400, "commitment_due_both", {}, "dueDate");
  if (!input.dueDate && !input.dueInWorkingDays)
    throw new AppError(400, "commitment_due_missing", {}, "dueDate");
  const due = input.dueDate ?? calendar.addWorkingDays(today, input.dueInWorkingDays!);
  if (due < dialogueDay)
    throw new AppError(400, "commitment_due_past", { date: formatDate(dialogueDay) }, "dueDate");
  return due;
}

export async function createCommitment(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  dialogueId: string,
  input: CommitmentCreate,
  today: string,
  calendar: WorkingCalendar,
) {
  const { row, units } = await accessDialogue(tx, actor, dialogueId, "commit", true);
  units.requireInForce(input.ownerUnitId, today, "ownerUnitId");
  const dueDate = dueDateOf(input, dayOf(row.startsAt), today, calendar);
  if (input.questionId) {
    const [question] = await tx
      .select({ id: dialogueQuestions.id })
      .from(dialogueQuestions)
      .where(and(eq(dialogueQuestions.id, input.questionId), eq(dialogueQuestions.dialogueId, row.id)));
    if (!question) throw new AppError(400, "commitment_question_other", {}, "questionId");
  }
  const [created] = await tx
    .insert(dialogueCommitments)
    .values({
      tenantId: row.tenantId,
      dialogueId: row.id,
      questionId: input.questionId ?? null,
      text: input.text.normalize("NFC"),
      ownerUnitId: input.ownerUnitId,
      dueDate,
      createdBy: actor.userId,
    })
    .returning({ id: dialogueCommitments.id });
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: audit,
    action: "dialogue.commitment.create",
    entityType: "dialogue_commitment",
    entityId: created.id,
    after: { dialogueId: row.id, ownerUnitId: input.ownerUnitId, dueDate, text: input.text },
  });
  return { id: created.id, dueDate };
}

async function loadForUpdate(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select()
    .from(dialogueCommitments)
    .where(and(eq(dialogueCommitments.tenantId, actor.tenantId), eq(dialogueCommitments.id, id)))
    .for("update");
  if (!row) throw notFoundCommitment();
  const [dialogue] = await tx.select().from(dialogues).where(eq(dialogues.id, row.dialogueId));
  const units = await unitIndex(tx, actor.tenantId);
  const resource = {
    tenantId: row.tenantId,
    ownerUnitAncestorIds: units.ancestors(row.ownerUnitId),
    dialogue: dialogueResource(dialogue, units),
    status: row.status as "open" | "done",
  };
  authorize(actor, "commitments.read", resource, { missing: COMMITMENT });
  authorize(actor, "commitments.update", resource);
  return row;
}

export async function closeCommitment(tx: Tx, actor: Actor, audit: AuditActor, id: string, note: string) {
  const row = await loadForUpdate(tx, actor, id);
  if (row.status !== "open") throw new AppError(409, "commitment_state", { status: row.status });
  await tx
    .update(dialogueCommitments)
    .set({
      status: "done",
      closingNote: note.normalize("NFC"),
      closedAt: clock.now(),
      closedBy: actor.userId,
      updatedAt: clock.now(),
    })
    .where(eq(dialogueCommitments.id, row.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: audit,
    action: "dialogue.commitment.close",
    entityType: "dialogue_commitment",
    entityId: row.id,
    before: { status: row.status },
    after: { status: "done", note },
  });
}

export async function reopenCommitment(tx: Tx, actor: Actor, audit: AuditActor, id: string) {
  const row = await loadForUpdate(tx, actor, id);
  if (row.status !== "done") throw new AppError(409, "commitment_state", { status: row.status });
  await tx
    .update(dialogueCommitments)
    .set({ status: "open", closingNote: null, closedAt: null, closedBy: null, updatedAt: clock.now() })
    .where(eq(dialogueCommitments.id, row.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: audit,
    action: "dialogue.commitment.reopen",
    entityType: "dialogue_commitment",
    entityId: row.id,
    before: { status: "done", note: row.closingNote },
    after: { status: "open" },
  });
}

const stateSql = (today: string) =>
  sql<CommitmentState>`CASE WHEN ${dialogueCommitments.status} = 'done' THEN 'done' WHEN ${dialogueCommitments.dueDate} < ${today} THEN 'overdue' ELSE 'open' END`;

/** Commitments the actor may see: filter by owner unit (and the units below it), state, dialogue. */
export async function listCommitments(
  db: DbOrTx,
  actor: Actor,
  query: { ownerUnitId?: string; state?: CommitmentState; dialogueId?: string },
  today: string,
): Promise<{ items: Commitment[] }> {
  const units = await unitIndex(db, actor.tenantId);
  const conditions = [eq(dialogueCommitments.tenantId, actor.tenantId)];
  if (query.state) conditions.push(sql`${stateSql(today)} = ${query.state}`);
  if (query.dialogueId) conditions.push(eq(dialogueCommitments.dialogueId, query.dialogueId));
  const rows = await db
    .select()
    .from(dialogueCommitments)
    .where(and(...conditions))
    .orderBy(asc(dialogueCommitments.dueDate))
    .limit(5000);
  const dialogueIds = [...new Set(rows.map((r) => r.dialogueId))];
  const dialogueRows =
    dialogueIds.length === 0
      ? []
      : await db.select().from(dialogues).where(inArray(dialogues.id, dialogueIds));
  const byId = new Map(dialogueRows.map((d) => [d.id, d]));
  const items = rows
    .filter((row) => !query.ownerUnitId || units.ancestors(row.ownerUnitId).includes(query.ownerUnitId))
    .filter((row) =>
      may(actor, "commitments.read", {
        tenantId: row.tenantId,
        ownerUnitAncestorIds: units.ancestors(row.ownerUnitId),
        dialogue: dialogueResource(byId.get(row.dialogueId)!, units),
        status: row.status as "open",
      }),
    )
    .map((row) => commitmentView(row, byId.get(row.dialogueId)!, units, actor, today));
  return { items };
}

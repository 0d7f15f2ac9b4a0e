import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { AssignmentStatus, UpdateBody } from "../../../common/schemas/assignments.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, conflict, forbidden, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { visit } from "../plans/tree.ts";
import type { EvidenceFile } from "./evidence.ts";
import { ONCE } from "./occurrences.ts";
import { canUpdate, type Scope, scopeCondition } from "./scope.ts";
import { checkTransition, isOpen, OPEN_STATUSES } from "./status.ts";
import { assignmentFiles, assignments, assignmentUpdates } from "./tables.ts";
import { type AssignmentRow, planCache } from "./views.ts";

/**
 * Progress reports and status changes, one entry each on the assignment's timeline. The writer
 * names the version they read: two officers reporting at once on one assignment get one success
 * and one 409, and the second reloads and sends again — nothing is overwritten or lost.
 */

export const ASSIGNMENT = both("nhiệm vụ được giao", "assignment");

/** The assignment, if the actor may see it; otherwise "not found", whether it exists or not. */
export async function visibleAssignment(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock = false,
): Promise<AssignmentRow> {
  const query = db
    .select()
    .from(assignments)
    .where(and(eq(assignments.id, id), scopeCondition(scope)));
  const [row] = lock ? await query.for("update", { of: assignments }) : await query;
  if (!row) throw notFound(ASSIGNMENT);
  return row;
}

export interface UpdateInput extends UpdateBody {
  files: EvidenceFile[];
}

export async function recordUpdate(
  tx: DbOrTx,
  scope: Scope,
  author: AuditActor,
  id: string,
  input: UpdateInput,
  today: string,
) {
  const row = await visibleAssignment(tx, scope, id, true);
  if (!canUpdate(scope, row)) throw forbidden();
  if (row.version !== input.version) throw conflict(row.version, input.version);
  const hasProgress =
    !!input.text ||
    input.percent !== undefined ||
    Object.keys(input.figures ?? {}).length > 0 ||
    input.files.length > 0;
  let to: AssignmentStatus | undefined = input.status;
  if (to === row.status && hasProgress) to = undefined;
  if (to) checkTransition(row.status, to, input.reason);
  else if (!isOpen(row.status)) throw new AppError(409, "assignment_closed", { status: row.status });
  if (!to && !hasProgress) throw new AppError(400, "nothing_to_change");
  // A first report of work means the work has started.
  if (!to && row.status === "not_started") to = "in_progress";
  if (to === "completed") await refuseOpenChildren(tx, scope, row);

  const status = to ?? (row.status as AssignmentStatus);
  const percent = status === "completed" ? 100 : (input.percent ?? row.percent);
  const [saved] = await tx
    .update(assignments)
    .set({
      status,
      percent,
      pauseReason: status === "paused" ? (to === "paused" ? input.reason! : row.pauseReason) : null,
      completedOn: status === "completed" ? today : null,
      version: sql`${assignments.version} + 1`,
      updatedAt: clock.now(),
    })
    .where(and(eq(assignments.id, row.id), eq(assignments.version, input.version)))
    .returning();
  if (!saved) throw conflict(row.version + 1, input.version);
  const [update] = await tx
    .insert(assignmentUpdates)
    .values({
      tenantId: row.tenantId,
      assignmentId: row.id,
      kind: hasProgress ? "progress" : "status",
      statusFrom: to ? row.status : null,
      statusTo: to ?? null,
      percent: input.percent ?? (to === "completed" ? 100 : null),
      text: input.text || null,
      reason: input.reason ?? null,
      figures: input.figures ?? {},
      authorUserId: author.userId,
      authorName: author.name,
      reportedOn: today,
    })
    .returning();
  if (input.files.length > 0) {
    await tx.insert(assignmentFiles).values(
      input.files.map((file) => ({
        id: file.id,
        tenantId: row.tenantId,
        assignmentId: row.id,
        updateId: update.id,
        storageKey: file.storageKey,
        filename: file.filename,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
      })),
    );
  }
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: author,
    action: to ? "assignment.status" : "assignment.progress",
    entityType: "assignment",
    entityId: row.id,
    before: { status: row.status, percent: row.percent, version: row.version },
    after: {
      status: saved.status,
      percent: saved.percent,
      version: saved.version,
      reason: input.reason ?? null,
      files: input.files.map((file) => ({ id: file.id, sha256: file.sha256, size: file.size })),
    },
  });
  return { row: saved, updateId: update.id };
}

/**
 * A task is not done while its sub-items are not: completing it is refused while the same unit
 * still has open assignments on items under it (for the same period, and one-off ones).
 */
async function refuseOpenChildren(tx: DbOrTx, scope: Scope, row: AssignmentRow) {
  const plan = await planCache(tx, scope.actor.tenantId)(row.planId);
  const item = plan?.items.get(row.itemCode);
  if (!item || item.children.length === 0) return;
  const codes: string[] = [];
  visit(item.children, (child) => codes.push(child.code));
  const open = await tx
    .select({ itemCode: assignments.itemCode, occurrence: assignments.occurrence })
    .from(assignments)
    .where(
      and(
        eq(assignments.planId, row.planId),
        eq(assignments.unitId, row.unitId),
        inArray(assignments.itemCode, codes),
        inArray(assignments.status, [...OPEN_STATUSES]),
        or(eq(assignments.occurrence, row.occurrence), eq(assignments.occurrence, ONCE)),
      ),
    )
    .orderBy(assignments.itemCode);
  if (open.length === 0) return;
  const list = [...new Set(open.map((o) => o.itemCode))];
  throw new AppError(
    409,
    "assignment_children_open",
    { code: row.itemCode, count: list.length, list: list.join(", ") },
    "status",
    {
      openItems: list,
    },
  );
}

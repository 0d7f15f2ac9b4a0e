import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type {
  AssignmentDetail,
  AssignmentStatus,
  AssignmentUpdate,
} from "../../../common/schemas/assignments.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { notFound } from "../../lib/errors.ts";
import type { Scope } from "./scope.ts";
import { assignmentFiles, assignments, assignmentTransfers, assignmentUpdates } from "./tables.ts";
import { visibleAssignment } from "./updates.ts";
import { planCache, toSummaries } from "./views.ts";

/** One assignment with its timeline, evidence and transfers; and an evidence file, same scope. */

export async function listUpdates(db: DbOrTx, assignmentId: string): Promise<AssignmentUpdate[]> {
  const rows = await db
    .select()
    .from(assignmentUpdates)
    .where(eq(assignmentUpdates.assignmentId, assignmentId))
    .orderBy(desc(assignmentUpdates.reportedOn), desc(assignmentUpdates.createdAt));
  const files =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(assignmentFiles)
          .where(
            inArray(
              assignmentFiles.updateId,
              rows.map((row) => row.id),
            ),
          )
          .orderBy(asc(assignmentFiles.createdAt));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as AssignmentUpdate["kind"],
    statusFrom: row.statusFrom as AssignmentStatus | null,
    statusTo: row.statusTo as AssignmentStatus | null,
    percent: row.percent,
    text: row.text,
    reason: row.reason,
    figures: row.figures,
    author: row.authorName,
    reportedOn: row.reportedOn,
    at: new Date(row.createdAt).toISOString(),
    files: files
      .filter((file) => file.updateId === row.id)
      .map((file) => ({
        id: file.id,
        filename: file.filename,
        contentType: file.contentType,
        size: file.size,
        href: `/api/assignments/${assignmentId}/updates/${row.id}/files/${file.id}`,
      })),
  }));
}

async function transfers(db: DbOrTx, scope: Scope, id: string, direction: "from" | "to") {
  const self = direction === "from" ? assignmentTransfers.transferredTo : assignmentTransfers.transferredFrom;
  const other =
    direction === "from" ? assignmentTransfers.transferredFrom : assignmentTransfers.transferredTo;
  const rows = await db
    .select({
      assignmentId: other,
      unitId: assignments.unitId,
      effectiveDate: assignmentTransfers.effectiveDate,
      kind: assignmentTransfers.kind,
    })
    .from(assignmentTransfers)
    .innerJoin(assignments, eq(assignments.id, other))
    .where(eq(self, id))
    .orderBy(asc(assignmentTransfers.effectiveDate));
  return rows.map((row) => {
    const unit = scope.directory.unit(row.unitId);
    return {
      assignmentId: row.assignmentId,
      unit: { id: row.unitId, name: unit?.name ?? row.unitId, validTo: unit?.validTo ?? null },
      effectiveDate: row.effectiveDate,
      kind: row.kind,
    };
  });
}

export async function assignmentDetail(
  db: DbOrTx,
  scope: Scope,
  id: string,
  today: string,
): Promise<AssignmentDetail> {
  const row = await visibleAssignment(db, scope, id);
  const plans = planCache(db, scope.actor.tenantId);
  const [summary] = await toSummaries(db, scope, [row], today, plans);
  const item = (await plans(row.planId))?.items.get(row.itemCode);
  return {
    ...summary,
    itemText: item?.text ?? "",
    due: item?.due ?? null,
    updates: await listUpdates(db, row.id),
    transferredFrom: await transfers(db, scope, row.id, "from"),
    transferredTo: await transfers(db, scope, row.id, "to"),
  };
}

/** An evidence file of an update of a visible assignment; the ids must belong together. */
export async function evidenceFile(
  db: DbOrTx,
  scope: Scope,
  ids: { id: string; updateId: string; fileId: string },
) {
  const row = await visibleAssignment(db, scope, ids.id);
  const [file] = await db
    .select()
    .from(assignmentFiles)
    .where(
      and(
        eq(assignmentFiles.id, ids.fileId),
        eq(assignmentFiles.updateId, ids.updateId),
        eq(assignmentFiles.assignmentId, row.id),
      ),
    );
  if (!file) throw notFound("tệp minh chứng / evidence file");
  return file;
}

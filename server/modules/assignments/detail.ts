import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Locale } from "../../../common/enums.ts";
import type {
  AssignmentDetail,
  AssignmentStatus,
  AssignmentUpdate,
  PredecessorHistory,
} from "../../../common/schemas/assignments.ts";
import { type DbOrTx, queryRows } from "../../db/connection.ts";
import { both, notFound } from "../../lib/errors.ts";
import { shownReason } from "./plan-reasons.ts";
import type { Scope } from "./scope.ts";
import { assignmentFiles, assignments, assignmentTransfers, assignmentUpdates } from "./tables.ts";
import { visibleAssignment } from "./updates.ts";
import { planCache, toSummaries } from "./views.ts";

/** One assignment with its timeline, evidence and transfers; and an evidence file, same scope. */

/**
 * The updates of an assignment; `hrefBase` is the assignment whose page shows them (a
 * predecessor's files are fetched through its successor, within the successor's scope). A reason
 * the plan's publishing wrote reads in `locale`.
 */
export async function listUpdates(
  db: DbOrTx,
  assignmentId: string,
  locale: Locale,
  hrefBase = assignmentId,
): Promise<AssignmentUpdate[]> {
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
    reason: shownReason(row, locale),
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
        href: `/api/assignments/${hrefBase}/updates/${row.id}/files/${file.id}`,
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

const MAX_CHAIN = 20;

/**
 * Every assignment this one continues, through any number of restructurings: each with the day
 * the duty passed on from it. Oldest first; a unit met twice (two paths) is listed once.
 */
async function predecessorChain(db: DbOrTx, tenantId: string, id: string) {
  return queryRows<{ id: string; unit_id: string; passed_on: string; kind: string; percent: number | null }>(
    db,
    sql`WITH RECURSIVE chain(id, passed_on, kind, depth) AS (
          SELECT transferred_from, effective_date, kind, 1 FROM assignment_transfers
          WHERE tenant_id = ${tenantId} AND transferred_to = ${id}::uuid
          UNION
          SELECT t.transferred_from, t.effective_date, t.kind, c.depth + 1
          FROM assignment_transfers t JOIN chain c ON t.transferred_to = c.id
          WHERE t.tenant_id = ${tenantId} AND c.depth < ${MAX_CHAIN}
        )
        SELECT DISTINCT ON (a.id) a.id::text, a.unit_id::text, c.passed_on::text, c.kind, a.percent
        FROM chain c JOIN assignments a ON a.id = c.id
        WHERE a.tenant_id = ${tenantId} AND a.id <> ${id}::uuid
        ORDER BY a.id, c.depth`,
  );
}

/** The ids of the assignments a visible one continues: their files are served through it. */
export async function predecessorIds(db: DbOrTx, tenantId: string, id: string): Promise<string[]> {
  return (await predecessorChain(db, tenantId, id)).map((row) => row.id);
}

async function predecessors(
  db: DbOrTx,
  scope: Scope,
  id: string,
  locale: Locale,
): Promise<PredecessorHistory[]> {
  const chain = await predecessorChain(db, scope.actor.tenantId, id);
  chain.sort((a, b) => a.passed_on.localeCompare(b.passed_on) || a.id.localeCompare(b.id));
  const result: PredecessorHistory[] = [];
  for (const row of chain) {
    const unit = scope.directory.unit(row.unit_id);
    result.push({
      assignmentId: row.id,
      unit: { id: row.unit_id, name: unit?.name ?? row.unit_id, validTo: unit?.validTo ?? null },
      passedOn: String(row.passed_on).slice(0, 10),
      kind: row.kind,
      percent: row.percent === null ? null : Number(row.percent),
      updates: await listUpdates(db, row.id, locale, id),
    });
  }
  return result;
}

export async function assignmentDetail(
  db: DbOrTx,
  scope: Scope,
  id: string,
  today: string,
  locale: Locale = "vi",
): Promise<AssignmentDetail> {
  const row = await visibleAssignment(db, scope, id);
  const plans = planCache(db, scope.actor.tenantId);
  const [summary] = await toSummaries(db, scope, [row], today, plans);
  const item = (await plans(row.planId))?.items.get(row.itemCode);
  return {
    ...summary,
    itemText: item?.text ?? "",
    due: item?.due ?? null,
    updates: await listUpdates(db, row.id, locale),
    transferredFrom: await transfers(db, scope, row.id, "from"),
    transferredTo: await transfers(db, scope, row.id, "to"),
    predecessors: await predecessors(db, scope, row.id, locale),
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
        inArray(assignmentFiles.assignmentId, [
          row.id,
          ...(await predecessorIds(db, scope.actor.tenantId, row.id)),
        ]),
      ),
    );
  if (!file) throw notFound(both("tệp minh chứng", "evidence file"));
  return file;
}

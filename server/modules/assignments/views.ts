import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import type {
  AssignmentRole,
  AssignmentStatus,
  AssignmentSummary,
} from "../../../common/schemas/assignments.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { versionRow } from "../plans/publish.ts";
import { planHead } from "../plans/registry.ts";
import { visit } from "../plans/tree.ts";
import { headingsOf, itemLabel } from "./obligations.ts";
import { occurrenceLabel } from "./occurrences.ts";
import { canUpdate, type Scope } from "./scope.ts";
import { classify, isOpen, isOverdue, stateOf } from "./status.ts";
import { assignments, assignmentUpdates } from "./tables.ts";

/** How assignment rows become API answers: the plan's tree for labels, the directory for names. */

export type AssignmentRow = typeof assignments.$inferSelect;

export interface PlanInfo {
  id: string;
  title: string;
  version: number;
  tree: PlanTree;
  items: Map<string, PlanItem>;
  headings: Map<string, string>;
}

/** The version in force of each plan asked for, loaded once per request. */
export function planCache(db: DbOrTx, tenantId: string) {
  const cache = new Map<string, Promise<PlanInfo | null>>();
  const load = async (planId: string): Promise<PlanInfo | null> => {
    const head = await planHead(db, tenantId, planId);
    if (!head || head.currentVersion === 0) return null;
    const version = await versionRow(db, planId, head.currentVersion);
    if (!version) return null;
    const items = new Map<string, PlanItem>();
    visit(version.tree.items, (item) => items.set(item.code, item));
    return {
      id: planId,
      title: head.title,
      version: head.currentVersion,
      tree: version.tree,
      items,
      headings: headingsOf(version.tree),
    };
  };
  return (planId: string): Promise<PlanInfo | null> => {
    let found = cache.get(planId);
    if (!found) {
      found = load(planId);
      cache.set(planId, found);
    }
    return found;
  };
}

export type LatestUpdate = AssignmentSummary["latestUpdate"];

/** The latest progress report (with text or percent) of each assignment, in one query. */
export async function latestUpdates(
  db: DbOrTx,
  ids: string[],
): Promise<Map<string, NonNullable<LatestUpdate>>> {
  const result = new Map<string, NonNullable<LatestUpdate>>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectDistinctOn([assignmentUpdates.assignmentId], {
        assignmentId: assignmentUpdates.assignmentId,
        id: assignmentUpdates.id,
        reportedOn: assignmentUpdates.reportedOn,
        text: assignmentUpdates.text,
        percent: assignmentUpdates.percent,
      })
      .from(assignmentUpdates)
      .where(
        and(
          inArray(assignmentUpdates.assignmentId, ids.slice(i, i + 1000)),
          eq(assignmentUpdates.kind, "progress"),
        ),
      )
      .orderBy(
        assignmentUpdates.assignmentId,
        desc(assignmentUpdates.reportedOn),
        desc(assignmentUpdates.createdAt),
      );
    for (const { assignmentId, ...rest } of rows) result.set(assignmentId, rest);
  }
  return result;
}

export async function toSummaries(
  db: DbOrTx,
  scope: Scope,
  rows: AssignmentRow[],
  today: string,
  plans = planCache(db, scope.actor.tenantId),
): Promise<AssignmentSummary[]> {
  const latest = await latestUpdates(
    db,
    rows.map((row) => row.id),
  );
  const result: AssignmentSummary[] = [];
  for (const row of rows) {
    const plan = await plans(row.planId);
    const item = plan?.items.get(row.itemCode);
    const unit = scope.directory.unit(row.unitId);
    result.push({
      id: row.id,
      plan: { id: row.planId, title: plan?.title ?? "" },
      itemCode: row.itemCode,
      itemLabel: item ? itemLabel(item) : "",
      itemRemoved: !item,
      headingCode: plan?.headings.get(row.itemCode) ?? row.itemCode.split(".")[0],
      unit: { id: row.unitId, name: unit?.name ?? row.unitId, validTo: unit?.validTo ?? null },
      role: row.role as AssignmentRole,
      occurrence: row.occurrence,
      occurrenceLabel: occurrenceLabel(row.occurrence),
      dueDate: row.dueDate,
      dueText: item?.due?.text ?? null,
      status: row.status as AssignmentStatus,
      state: stateOf(row),
      overdue: isOverdue(row, today),
      classification: classify(row, today),
      percent: row.percent,
      pauseReason: row.pauseReason,
      completedOn: row.completedOn,
      version: row.version,
      updatedAt: new Date(row.updatedAt).toISOString(),
      latestUpdate: latest.get(row.id) ?? null,
      permissions: { update: isOpen(row.status) && canUpdate(scope, row) },
    });
  }
  return result;
}

/** Overdue first, then by due date (none last), plan, code, unit name. */
export const listOrder = (today: string) => [
  sql`(${assignments.status} IN ('not_started', 'in_progress', 'paused') AND ${assignments.role} <> 'requested' AND NOT ${assignments.historical} AND ${assignments.dueDate} < ${today}) DESC`,
  sql`${assignments.dueDate} ASC NULLS LAST`,
  assignments.planId,
  assignments.itemCode,
  assignments.occurrence,
  assignments.id,
];

import { and, count, eq, gte, inArray, lt, lte, ne, notInArray, type SQL, sql } from "drizzle-orm";
import type {
  AssignmentListQuery,
  AssignmentSummary,
  Counts,
  RequestedCounts,
} from "../../../common/schemas/assignments.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { addDays } from "../../lib/calendar/index.ts";
import { mineCondition, type Scope, scopeCondition } from "./scope.ts";
import { emptyCounts, emptyRequested, OPEN_STATUSES, tally } from "./status.ts";
import { assignments } from "./tables.ts";
import { listOrder, planCache, toSummaries } from "./views.ts";

/** "Việc của đơn vị" and the Government Office's classification, both through the one scope. */

/** "Sắp đến hạn": due within this many calendar days. */
export const DUE_SOON_DAYS = 14;

export const CLASSIFICATION_RULE =
  "per assignment with a due date or not: completed on time (completed on or before the due date, or without one), completed late (completed after it), open within the deadline (not completed, due date not passed or none), open overdue (not completed after the due date); requested bodies are counted apart and never overdue; cancelled and transferred assignments, occurrences whose period has not begun, and historical ones (of a plan recorded after it was published, already past due that day) are not counted";

const open = inArray(assignments.status, [...OPEN_STATUSES]);

export function overdueCondition(today: string): SQL {
  return and(
    open,
    ne(assignments.role, "requested"),
    eq(assignments.historical, false),
    lt(assignments.dueDate, today),
  )!;
}

export function dueSoonCondition(today: string): SQL {
  return and(open, gte(assignments.dueDate, today), lte(assignments.dueDate, addDays(today, DUE_SOON_DAYS)))!;
}

function statusCondition(status: AssignmentListQuery["status"]): SQL {
  switch (status) {
    case undefined:
      return notInArray(assignments.status, ["cancelled", "transferred"]);
    case "open":
      return open;
    case "completed_late":
      return and(
        eq(assignments.status, "completed"),
        eq(assignments.historical, false),
        sql`${assignments.completedOn} > ${assignments.dueDate}`,
      )!;
    default:
      return eq(assignments.status, status);
  }
}

export function listConditions(scope: Scope, query: Partial<AssignmentListQuery>, today: string): SQL[] {
  const conditions = [scopeCondition(scope), statusCondition(query.status)];
  if (query.mine) conditions.push(mineCondition(scope));
  if (query.planId) conditions.push(eq(assignments.planId, query.planId));
  if (query.unitId) conditions.push(eq(assignments.unitId, query.unitId));
  if (query.code) conditions.push(eq(assignments.itemCode, query.code));
  if (query.role) conditions.push(eq(assignments.role, query.role));
  if (query.due === "overdue") conditions.push(overdueCondition(today));
  if (query.due === "soon") conditions.push(dueSoonCondition(today));
  return conditions;
}

export async function listAssignments(
  db: DbOrTx,
  scope: Scope,
  query: AssignmentListQuery,
  today: string,
): Promise<{ items: AssignmentSummary[]; total: number; today: string }> {
  const where = and(...listConditions(scope, query, today));
  const [{ total }] = await db.select({ total: count() }).from(assignments).where(where);
  const rows = await db
    .select()
    .from(assignments)
    .where(where)
    .orderBy(...listOrder(today))
    .limit(query.limit)
    .offset(query.offset);
  return { items: await toSummaries(db, scope, rows, today), total, today };
}

interface Group {
  key: string;
  label: string;
  counts: Counts;
  requested: RequestedCounts;
}

/** The four counts (and the requested ones apart) per unit, per task heading or per plan. */
export async function summarize(
  db: DbOrTx,
  scope: Scope,
  query: { planId?: string; groupBy: "unit" | "heading" | "plan"; mine?: boolean },
  today: string,
) {
  const conditions = [scopeCondition(scope), notInArray(assignments.status, ["cancelled", "transferred"])];
  if (query.planId) conditions.push(eq(assignments.planId, query.planId));
  if (query.mine) conditions.push(mineCondition(scope));
  const rows = await db
    .select({
      planId: assignments.planId,
      itemCode: assignments.itemCode,
      unitId: assignments.unitId,
      role: assignments.role,
      status: assignments.status,
      dueDate: assignments.dueDate,
      completedOn: assignments.completedOn,
      historical: assignments.historical,
      startsOn: assignments.startsOn,
    })
    .from(assignments)
    .where(and(...conditions));
  const plans = planCache(db, scope.actor.tenantId);
  const groups = new Map<string, Group>();
  const totals = { counts: emptyCounts(), requested: emptyRequested() };
  for (const row of rows) {
    const plan = await plans(row.planId);
    let key: string;
    let label: string;
    if (query.groupBy === "unit") {
      key = row.unitId;
      label = scope.directory.name(row.unitId);
    } else if (query.groupBy === "plan") {
      key = row.planId;
      label = plan?.title ?? row.planId;
    } else {
      const heading = plan?.headings.get(row.itemCode) ?? row.itemCode.split(".")[0];
      key = query.planId ? heading : `${row.planId}:${heading}`;
      const item = plan?.items.get(heading);
      label = item ? `${heading}. ${item.title ?? item.text.slice(0, 120)}` : heading;
    }
    let group = groups.get(key);
    if (!group) {
      group = { key, label, counts: emptyCounts(), requested: emptyRequested() };
      groups.set(key, group);
    }
    tally(group.counts, group.requested, row, today);
    tally(totals.counts, totals.requested, row, today);
  }
  const sorted = [...groups.values()].sort((a, b) =>
    query.groupBy === "heading" ? compareCodes(a.key, b.key) : a.label.localeCompare(b.label, "vi"),
  );
  return { groupBy: query.groupBy, today, rule: CLASSIFICATION_RULE, groups: sorted, totals };
}

/** Plan codes in reading order: II.2 before II.10, IV before V, II.2.a.-2 before II.2.a.-10. */
export function compareCodes(a: string, b: string): number {
  const pa = a.split(/[.:]/);
  const pb = b.split(/[.:]/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const na = Number(pa[i].replace(/^-/, ""));
    const nb = Number(pb[i].replace(/^-/, ""));
    if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    if (/^[IVXLC]+$/.test(pa[i]) && /^[IVXLC]+$/.test(pb[i])) return roman(pa[i]) - roman(pb[i]);
    return pa[i].localeCompare(pb[i]);
  }
  return pa.length - pb.length;
}

function roman(text: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = values[text[i]];
    total += i + 1 < text.length && values[text[i + 1]] > value ? -value : value;
  }
  return total;
}

/** Counts for the home page: one query, no rows loaded. */
export async function countWhere(db: DbOrTx, conditions: SQL[]): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(assignments)
    .where(and(...conditions));
  return n;
}

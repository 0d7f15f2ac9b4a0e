import { and, eq, sql } from "drizzle-orm";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { both } from "../../lib/errors.ts";
import type { UnitUsageCheck } from "../orgs/service.ts";
import type { PublishHandler, PublishPreviewer } from "../plans/hooks.ts";
import { obligationsOf } from "./obligations.ts";
import { syncPlan } from "./sync.ts";
import { assignments } from "./tables.ts";

/** What this module registers with others (declared in the manifest, index.ts). */

/**
 * Publishing a version creates the assignments it asks for; an amendment also cancels the open
 * ones of the tasks it removed. Tasks that did not change keep their assignments and history.
 */
export const assignmentsOnPublish: PublishHandler = async (tx, tenantId, planId) => {
  await syncPlan(tx, tenantId, planId, todayInVietnam(), { cancelRemoved: true });
};

/** A unit that holds assignments cannot be deleted from the directory: close it by an event. */
export const assignmentUnitUsage: UnitUsageCheck = async (db, tenantId, unitId) => {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assignments)
    .where(and(eq(assignments.tenantId, tenantId), eq(assignments.unitId, unitId)));
  return row.n > 0
    ? both(`${row.n} nhiệm vụ được giao`, row.n === 1 ? "1 assignment" : `${row.n} assignments`)
    : null;
};

/** What publishing a draft today would create, and how many at once overdue (as isOverdue counts). */
export const assignmentsPreview: PublishPreviewer = async (_db, _tenantId, draft) => {
  const obligations = obligationsOf(draft.tree, draft.mentions, draft.from, draft.today).filter(
    (o) => !o.startsOn || o.startsOn <= draft.today,
  );
  const overdue = obligations.filter(
    (o) => o.role !== "requested" && o.dueDate !== null && o.dueDate < draft.today,
  );
  const earliest = overdue.reduce<string | null>(
    (min, o) => (!min || o.dueDate! < min ? o.dueDate : min),
    null,
  );
  return { assignments: obligations.length, overdue: overdue.length, earliestOverdue: earliest };
};

import { and, eq, sql } from "drizzle-orm";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import type { UnitUsageCheck } from "../orgs/service.ts";
import type { PublishHandler } from "../plans/hooks.ts";
import { syncPlan } from "./sync.ts";
import { assignments } from "./tables.ts";

/** What this module registers with others (server/modules/hooks.ts installs them). */

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
  return row.n > 0 ? `nhiệm vụ được giao / assignments: ${row.n}` : null;
};

import { and, eq, sql } from "drizzle-orm";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { both } from "../../lib/errors.ts";
import type { UnitUsageCheck } from "../orgs/service.ts";
import type { PublishHandler } from "../plans/hooks.ts";
import { syncReporting } from "./schedules.ts";
import { reports } from "./tables.ts";

/** What this module registers with others (declared in the manifest, index.ts). */

/** Publishing a version makes (or updates) the plan's report form, schedules and periods. */
export const reportsOnPublish: PublishHandler = async (tx, tenantId, planId) => {
  await syncReporting(tx, tenantId, planId, todayInVietnam());
};

/** A unit that filed reports cannot be deleted from the directory: close it by an event. */
export const reportUnitUsage: UnitUsageCheck = async (db, tenantId, unitId) => {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reports)
    .where(and(eq(reports.tenantId, tenantId), eq(reports.unitId, unitId)));
  return row.n > 0 ? both(`${row.n} báo cáo`, row.n === 1 ? "1 report" : `${row.n} reports`) : null;
};

import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { both, notFound } from "../../lib/errors.ts";
import type { Actor } from "../auth/actor.ts";
import { may } from "../authorize.ts";
import { loadReportDirectory, type ReportDirectory } from "./directory.ts";
import type { PeriodState, ReportResource, ReportStatus } from "./policy.ts";
import { reportForms, reportPeriods, reportReopenings, reportSchedules, reports } from "./tables.ts";

/**
 * The one way to a report, a period or a form for an actor: what they may not read answers
 * "not found", whether it exists or not. Units an actor's units succeeded are readable (their
 * history), never writable.
 */

export const REPORT = both("báo cáo", "report");
export const PERIOD = both("kỳ báo cáo", "reporting period");

export type ReportRow = typeof reports.$inferSelect;
export type PeriodRow = typeof reportPeriods.$inferSelect;
export type ScheduleRow = typeof reportSchedules.$inferSelect;
export type FormRow = typeof reportForms.$inferSelect;

export interface Access {
  actor: Actor;
  directory: ReportDirectory;
  /** null: every unit of the tenant. */
  readable: Set<string> | null;
}

export async function accessFor(db: DbOrTx, actor: Actor): Promise<Access> {
  const directory = await loadReportDirectory(db, actor.tenantId);
  if (may(actor, "reports.readsAll")) return { actor, directory, readable: null };
  return { actor, directory, readable: readableUnits(actor, directory) };
}

/** The units under the actor's grants, and the units those succeeded (read-only history). */
export function readableUnits(actor: Actor, directory: ReportDirectory): Set<string> {
  const own = new Set<string>();
  const grants = new Set(actor.grants.map((g) => g.unitId));
  for (const id of directory.ids) {
    if (directory.ancestors(id).some((a) => grants.has(a))) own.add(id);
  }
  const result = new Set(own);
  const back = (id: string) => {
    for (const p of directory.predecessorsOf(id)) {
      if (result.has(p)) continue;
      result.add(p);
      back(p);
    }
  };
  for (const id of own) back(id);
  return result;
}

export const canRead = (access: Access, unitId: string) =>
  access.readable === null || access.readable.has(unitId);

export function resourceOf(
  access: Access,
  report: Pick<ReportRow, "tenantId" | "unitId" | "status">,
): ReportResource {
  return {
    tenantId: report.tenantId,
    unitAncestorIds: access.directory.ancestors(report.unitId),
    status: report.status as ReportStatus,
  };
}

export async function loadPeriod(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select({ period: reportPeriods, schedule: reportSchedules })
    .from(reportPeriods)
    .innerJoin(reportSchedules, eq(reportSchedules.id, reportPeriods.scheduleId))
    .where(and(eq(reportPeriods.tenantId, tenantId), eq(reportPeriods.id, id)));
  if (!row) throw notFound(PERIOD);
  return row;
}

/** The latest reopening of a period for a unit (its last day), if any. */
export async function reopenedUntil(db: DbOrTx, periodId: string, unitId: string): Promise<string | null> {
  const [row] = await db
    .select({ until: reportReopenings.until })
    .from(reportReopenings)
    .where(and(eq(reportReopenings.periodId, periodId), eq(reportReopenings.unitId, unitId)))
    .orderBy(desc(reportReopenings.at))
    .limit(1);
  return row?.until ?? null;
}

export async function periodState(
  db: DbOrTx,
  period: PeriodRow,
  schedule: ScheduleRow,
  unitId: string,
): Promise<PeriodState> {
  return {
    deadline: period.deadline,
    lockDays: schedule.lockDays,
    reopenedUntil: await reopenedUntil(db, period.id, unitId),
  };
}

/** The report, if the actor may read it (locked for the transaction when asked). */
export async function visibleReport(
  db: DbOrTx,
  access: Access,
  id: string,
  lock = false,
): Promise<ReportRow> {
  const query = db
    .select()
    .from(reports)
    .where(and(eq(reports.tenantId, access.actor.tenantId), eq(reports.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || !canRead(access, row.unitId)) throw notFound(REPORT);
  return row;
}

export async function formVersion(db: DbOrTx, planId: string, version?: number): Promise<FormRow | null> {
  const query = db.select().from(reportForms);
  const [row] = version
    ? await query.where(and(eq(reportForms.planId, planId), eq(reportForms.version, version)))
    : await query.where(eq(reportForms.planId, planId)).orderBy(desc(reportForms.version)).limit(1);
  return row ?? null;
}

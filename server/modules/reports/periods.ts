import { and, asc, eq, inArray } from "drizzle-orm";
import type { Locale } from "../../../common/enums.ts";
import { byUnitType } from "../../../common/unit-types.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { label } from "../../lib/labels.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { authorize } from "../authorize.ts";
import { versionRow } from "../plans/publish.ts";
import { accessPlan, planHead } from "../plans/registry.ts";
import { planAsOf } from "../plans/tree.ts";
import { type Access, loadPeriod, type PeriodRow, type ScheduleRow } from "./access.ts";
import { namesOn } from "./directory.ts";
import { isLocked, lockDay } from "./policy.ts";
import { ensurePeriods } from "./schedules.ts";
import { reportPeriods, reportReopenings, reportSchedules, reports } from "./tables.ts";

/**
 * Periods: their completeness and timeliness (received / expected, on time / late) for the
 * province, per unit type and per unit; the coordinator's reopening of a locked period for one
 * unit; ad-hoc requests ("báo cáo đột xuất") with their own deadline and units.
 */

export interface Counts {
  expected: number;
  received: number;
  onTime: number;
  late: number;
  accepted: number;
  returned: number;
  missing: number;
}

type Standing = { status: string; firstSentAt: Date | null; late: boolean | null };

/** Pure: the counts of a set of expected units from their reports. */
export function countsOf(unitIds: readonly string[], byUnit: Map<string, Standing>): Counts {
  const counts: Counts = {
    expected: unitIds.length,
    received: 0,
    onTime: 0,
    late: 0,
    accepted: 0,
    returned: 0,
    missing: 0,
  };
  for (const id of unitIds) {
    const report = byUnit.get(id);
    if (!report?.firstSentAt) {
      counts.missing++;
      continue;
    }
    counts.received++;
    if (report.late) counts.late++;
    else counts.onTime++;
    if (report.status === "accepted") counts.accepted++;
    if (report.status === "returned") counts.returned++;
  }
  return counts;
}

async function standings(db: DbOrTx, periodIds: string[]) {
  if (periodIds.length === 0)
    return new Map<string, Map<string, Standing & { id: string; revision: number }>>();
  const rows = await db
    .select({
      id: reports.id,
      periodId: reports.periodId,
      unitId: reports.unitId,
      status: reports.status,
      firstSentAt: reports.firstSentAt,
      late: reports.late,
      revision: reports.revision,
    })
    .from(reports)
    .where(inArray(reports.periodId, periodIds));
  const result = new Map<string, Map<string, Standing & { id: string; revision: number }>>();
  for (const row of rows) {
    const map = result.get(row.periodId) ?? new Map();
    map.set(row.unitId, row);
    result.set(row.periodId, map);
  }
  return result;
}

/** The units of a period the actor may see in its completeness (all for the province roles). */
const visibleUnits = (access: Access, period: PeriodRow) =>
  access.readable ? period.unitIds.filter((id) => access.readable!.has(id)) : period.unitIds;

function toPeriod(
  access: Access,
  period: PeriodRow,
  schedule: ScheduleRow,
  byUnit: Map<string, Standing>,
  today: string,
) {
  const state = { deadline: period.deadline, lockDays: schedule.lockDays };
  return {
    id: period.id,
    planId: period.planId,
    scheduleId: period.scheduleId,
    kind: schedule.kind as "duty" | "ad_hoc",
    key: period.key,
    label: { vi: period.labelVi, en: period.labelEn },
    request: period.request,
    windowStart: period.windowStart,
    windowEnd: period.windowEnd,
    deadline: period.deadline,
    deadlineSource: period.deadlineSource,
    basis: period.basis,
    lockDay: lockDay(state),
    locked: isLocked(state, today),
    counts: countsOf(visibleUnits(access, period), byUnit),
  };
}

/** The plan's periods, newest deadline first, after making sure the current ones exist. */
export async function listPeriods(db: DbOrTx, access: Access, planId: string, today = todayInVietnam()) {
  await accessPlan(db, access.actor, planId, "read");
  const rows = await db
    .select({ period: reportPeriods, schedule: reportSchedules })
    .from(reportPeriods)
    .innerJoin(reportSchedules, eq(reportSchedules.id, reportPeriods.scheduleId))
    .where(and(eq(reportPeriods.tenantId, access.actor.tenantId), eq(reportPeriods.planId, planId)))
    .orderBy(asc(reportPeriods.deadline), asc(reportPeriods.key));
  const all = await standings(
    db,
    rows.map((r) => r.period.id),
  );
  return {
    items: rows
      .map(({ period, schedule }) =>
        toPeriod(access, period, schedule, all.get(period.id) ?? new Map(), today),
      )
      .reverse(),
  };
}

/** Adds the periods due by now (the daily job does it too); returns how many it created. */
export async function refreshPeriods(tx: DbOrTx, tenantId: string, planId: string, today = todayInVietnam()) {
  const head = await planHead(tx, tenantId, planId);
  if (!head || head.currentVersion === 0) return 0;
  const version = (await versionRow(tx, planId, head.currentVersion))!;
  return ensurePeriods(tx, tenantId, planId, planAsOf(head.docDate, new Date(version.publishedAt)), today);
}

export async function completeness(
  db: DbOrTx,
  access: Access,
  periodId: string,
  today = todayInVietnam(),
  locale: Locale = "vi",
) {
  const { period, schedule } = await loadPeriod(db, access.actor.tenantId, periodId);
  await accessPlan(db, access.actor, period.planId, "read");
  const byUnit = (await standings(db, [period.id])).get(period.id) ?? new Map();
  const units = visibleUnits(access, period);
  const names = await namesOn(db, period.tenantId, access.directory, units, period.deadline);
  const typeOf = (id: string) => access.directory.unit(id)?.type ?? "other";
  const types = [...new Set(units.map(typeOf))].sort(byUnitType);
  const reopenings = await db
    .select()
    .from(reportReopenings)
    .where(eq(reportReopenings.periodId, period.id))
    .orderBy(asc(reportReopenings.at));
  const reopened = new Map(reopenings.map((r) => [r.unitId, r.until]));
  return {
    period: toPeriod(access, period, schedule, byUnit, today),
    today,
    province: countsOf(units, byUnit),
    byType: types.map((type) => ({
      key: type,
      label: label(locale, `unitType.${type}`),
      counts: countsOf(
        units.filter((id) => typeOf(id) === type),
        byUnit,
      ),
    })),
    units: units
      .map((id) => {
        const report = byUnit.get(id);
        return {
          unitId: id,
          unitName: names.get(id) ?? access.directory.name(id),
          unitType: typeOf(id),
          reportId: report?.id ?? null,
          status: (report?.status ?? "none") as "none",
          revision: report?.revision ?? null,
          firstSentAt: report?.firstSentAt ? new Date(report.firstSentAt).toISOString() : null,
          late: report?.late ?? null,
          reopenedUntil: reopened.get(id) ?? null,
        };
      })
      .sort((a, b) => a.unitName.localeCompare(b.unitName, "vi")),
  };
}

/** The coordinator reopens a locked period for one unit until a day, with a reason (recorded). */
export async function reopenPeriod(
  tx: DbOrTx,
  access: Access,
  author: AuditActor,
  periodId: string,
  unitId: string,
  body: { until: string; reason: string },
  today = todayInVietnam(),
) {
  authorize(access.actor, "reports.coordinate", access.actor);
  const { period, schedule } = await loadPeriod(tx, access.actor.tenantId, periodId);
  const state = { deadline: period.deadline, lockDays: schedule.lockDays };
  if (!period.unitIds.includes(unitId)) {
    throw new AppError(409, "report_unit_not_expected", {
      unit: access.directory.name(unitId),
      period: period.labelVi,
    });
  }
  if (!isLocked(state, today)) {
    throw new AppError(409, "report_period_not_locked", { period: period.labelVi, day: lockDay(state) });
  }
  if (body.until < today)
    throw new AppError(400, "report_reopen_until", { until: body.until, today }, "until");
  const [row] = await tx
    .insert(reportReopenings)
    .values({
      tenantId: period.tenantId,
      periodId: period.id,
      unitId,
      until: body.until,
      reason: body.reason,
      byUserId: author.userId,
      byName: author.name,
    })
    .returning();
  await recordAudit(tx, {
    tenantId: period.tenantId,
    actor: author,
    action: "report.period.reopen",
    entityType: "report_period",
    entityId: period.id,
    after: { unitId, until: body.until, reason: body.reason },
  });
  return row;
}

/** An ad-hoc request: its own window, deadline and units, a period of its own schedule. */
export async function createRequest(
  tx: DbOrTx,
  access: Access,
  author: AuditActor,
  planId: string,
  body: {
    title: string;
    request: string;
    windowStart: string;
    windowEnd: string;
    deadline: string;
    unitIds: string[];
    lockDays?: number;
  },
  today = todayInVietnam(),
) {
  authorize(access.actor, "reports.coordinate", access.actor);
  const { row: plan } = await accessPlan(tx, access.actor, planId, "read");
  if (plan.currentVersion === 0) throw notFound(both("kế hoạch đã ban hành", "published plan"));
  if (body.windowEnd < body.windowStart || body.deadline < body.windowStart || body.deadline < today) {
    throw new AppError(
      400,
      "report_request_dates",
      { from: body.windowStart, to: body.windowEnd, deadline: body.deadline },
      "deadline",
    );
  }
  const units = [...new Set(body.unitIds)].filter((id) => {
    const unit = access.directory.unit(id);
    return (
      unit && (!unit.validTo || unit.validTo >= today) && (!unit.validFrom || unit.validFrom <= body.deadline)
    );
  });
  if (units.length !== new Set(body.unitIds).size || units.length === 0) {
    throw new AppError(400, "report_request_units", {}, "unitIds");
  }
  const existing = await tx
    .select({ source: reportSchedules.source })
    .from(reportSchedules)
    .where(and(eq(reportSchedules.planId, planId), eq(reportSchedules.kind, "ad_hoc")));
  const key = `dot-xuat-${String(existing.length + 1).padStart(2, "0")}`;
  const [schedule] = await tx
    .insert(reportSchedules)
    .values({
      tenantId: plan.tenantId,
      planId,
      kind: "ad_hoc",
      source: key,
      clause: body.title,
      namedUnitIds: units,
      lockDays: body.lockDays ?? 30,
    })
    .returning();
  const [period] = await tx
    .insert(reportPeriods)
    .values({
      tenantId: plan.tenantId,
      planId,
      scheduleId: schedule.id,
      key,
      labelVi: `Báo cáo đột xuất: ${body.title}`,
      labelEn: `Ad-hoc report: ${body.title}`,
      request: body.request,
      windowStart: body.windowStart,
      windowEnd: body.windowEnd,
      deadline: body.deadline,
      deadlineSource: "request",
      basis: ["Yêu cầu báo cáo đột xuất của Sở Nội vụ"],
      unitIds: units,
    })
    .returning();
  await recordAudit(tx, {
    tenantId: plan.tenantId,
    actor: author,
    action: "report.request",
    entityType: "report_period",
    entityId: period.id,
    after: { key, title: body.title, deadline: body.deadline, units: units.length },
  });
  return period;
}

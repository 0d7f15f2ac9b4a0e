import { and, asc, desc, eq } from "drizzle-orm";
import { systemActor } from "../../../common/actors.ts";
import type { PlanTree, ReportingDuty } from "../../../common/plan-tree.ts";
import type { DbOrTx } from "../../db/connection.ts";
import type { IsoDate } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import {
  type PeriodRef,
  periodContaining,
  type ReportingFrequency,
  reportingPeriod,
  shift,
} from "../../lib/periods.ts";
import { dueInPeriod } from "../assignments/occurrences.ts";
import { recordAudit } from "../audit/service.ts";
import { versionRow } from "../plans/publish.ts";
import { planHead } from "../plans/registry.ts";
import type { FrozenMention } from "../plans/tables.ts";
import { planAsOf } from "../plans/tree.ts";
import { loadReportDirectory, type ReportDirectory } from "./directory.ts";
import { DEFAULT_INDICATORS, formHeadings } from "./form.ts";
import { reportForms, reportPeriods, reportSchedules } from "./tables.ts";

/**
 * Reporting schedules come from the plan's reporting duties (`reporting` of plan-tree/1): a duty
 * with a frequency ("định kỳ trước ngày 10/12 hằng năm") becomes a schedule, and each of its
 * periods (Nghị định 09/2019 windows, server/lib/periods.ts; the plan's own deadline) a row with
 * the units expected to report — those carrying the named units' duties on the deadline, so the
 * 2024 period expects the 2024 units and the 2025 one their successors. Publishing a version
 * syncs them (and the form); the daily job adds the next periods. Idempotent.
 */

const SYSTEM = systemActor("system");

const FREQUENCIES: ReportingFrequency[] = ["monthly", "quarterly", "half-yearly", "yearly"];

type ScheduleRow = typeof reportSchedules.$inferSelect;

const resolver = (mentions: FrozenMention[]) => {
  const map = new Map(mentions.map((m) => [m.mention, m.unitIds]));
  return (mention: string | null) => (mention ? (map.get(mention) ?? []) : []);
};

const frequencyOf = (duty: ReportingDuty): ReportingFrequency | null => {
  const recurrence = duty.due?.recurrence;
  return recurrence && (FREQUENCIES as string[]).includes(recurrence)
    ? (recurrence as ReportingFrequency)
    : null;
};

/** Syncs the form, the schedules and the periods of a plan with its version in force. */
export async function syncReporting(tx: DbOrTx, tenantId: string, planId: string, today: IsoDate) {
  const head = await planHead(tx, tenantId, planId);
  if (!head || head.currentVersion === 0) return { periods: 0 };
  const version = (await versionRow(tx, planId, head.currentVersion))!;
  await syncForm(tx, tenantId, planId, version.tree, head.currentVersion);
  const resolve = resolver(version.mentions);
  for (const duty of version.tree.reporting) {
    const frequency = frequencyOf(duty);
    // A duty without a frequency ("định kỳ") is the coordinator's own consolidation (III.2).
    if (!frequency) continue;
    const values = {
      frequency,
      deadlineMonth: duty.due?.month ?? null,
      deadlineDay: duty.due?.day ?? null,
      deadlineMonthsAfter: duty.due?.monthsAfter ?? null,
      clause: duty.due?.text ?? null,
      fromMentions: duty.from,
      toMention: duty.to,
      viaMention: duty.via,
      namedUnitIds: [...new Set(duty.from.flatMap(resolve))],
      toUnitId: resolve(duty.to)[0] ?? null,
      viaUnitId: resolve(duty.via)[0] ?? null,
      updatedAt: clock.now(),
    };
    await tx
      .insert(reportSchedules)
      .values({ tenantId, planId, kind: "duty", source: duty.source, ...values })
      .onConflictDoUpdate({
        target: [reportSchedules.planId, reportSchedules.kind, reportSchedules.source],
        set: values,
      });
  }
  const from = planAsOf(head.docDate, new Date(version.publishedAt));
  return { periods: await ensurePeriods(tx, tenantId, planId, from, today) };
}

/** Creates the form's first version, or a new one when an amendment changed the headings. */
async function syncForm(tx: DbOrTx, tenantId: string, planId: string, tree: PlanTree, planVersion: number) {
  const headings = formHeadings(tree);
  const [latest] = await tx
    .select()
    .from(reportForms)
    .where(eq(reportForms.planId, planId))
    .orderBy(desc(reportForms.version))
    .limit(1);
  if (latest && JSON.stringify(latest.headings) === JSON.stringify(headings)) return;
  await tx.insert(reportForms).values({
    tenantId,
    planId,
    version: (latest?.version ?? 0) + 1,
    headings,
    indicators: latest?.indicators ?? DEFAULT_INDICATORS,
    reason: latest ? `Kế hoạch sửa đổi, bổ sung (phiên bản ${planVersion})` : null,
    createdByName: SYSTEM.name,
  });
}

/** A schedule's period for a reference, as the periods library computes it. */
export function periodOf(
  schedule: Pick<ScheduleRow, "deadlineDay" | "deadlineMonth" | "deadlineMonthsAfter" | "clause">,
  ref: PeriodRef,
) {
  const period = reportingPeriod(ref);
  if (!schedule.deadlineDay && !schedule.deadlineMonth)
    return { period, deadline: period.deadline, source: "default" };
  const deadline = dueInPeriod(
    {
      text: schedule.clause ?? "",
      recurrence: ref.frequency,
      date: null,
      month: schedule.deadlineMonth,
      day: schedule.deadlineDay,
      ...(schedule.deadlineMonthsAfter ? { monthsAfter: schedule.deadlineMonthsAfter } : {}),
    },
    ref,
  );
  return { period, deadline, source: "plan" };
}

/** The units expected to report in a period: the carriers of the named units on its deadline. */
export function expectedUnits(directory: ReportDirectory, namedUnitIds: string[], deadline: IsoDate) {
  return [...new Set(namedUnitIds.flatMap((id) => directory.carriersOn(id, deadline)))];
}

/**
 * Every periodic schedule of the plan gets its periods from the plan's date until the period
 * after today's. A period, once made, keeps its expected units (the directory of its deadline).
 */
export async function ensurePeriods(
  tx: DbOrTx,
  tenantId: string,
  planId: string,
  from: IsoDate,
  today: IsoDate,
): Promise<number> {
  const schedules = await tx
    .select()
    .from(reportSchedules)
    .where(and(eq(reportSchedules.planId, planId), eq(reportSchedules.kind, "duty")))
    .orderBy(asc(reportSchedules.source));
  if (schedules.length === 0) return 0;
  const existing = new Set(
    (
      await tx.select({ key: reportPeriods.key }).from(reportPeriods).where(eq(reportPeriods.planId, planId))
    ).map((r) => r.key),
  );
  const directory = await loadReportDirectory(tx, tenantId);
  let created = 0;
  for (const schedule of schedules) {
    const frequency = schedule.frequency as ReportingFrequency;
    const last = shift(periodContaining(frequency, today > from ? today : from), 1);
    for (let ref: PeriodRef = periodContaining(frequency, from); ; ref = shift(ref, 1)) {
      const { period, deadline, source } = periodOf(schedule, ref);
      if (!existing.has(period.key)) {
        await tx
          .insert(reportPeriods)
          .values({
            tenantId,
            planId,
            scheduleId: schedule.id,
            key: period.key,
            labelVi: period.label.vi,
            labelEn: period.label.en,
            windowStart: period.window.start,
            windowEnd: period.window.end,
            deadline,
            deadlineSource: source,
            basis:
              source === "plan" && schedule.clause
                ? [period.basis[0], `Thời hạn do kế hoạch quy định (${schedule.source}): ${schedule.clause}`]
                : period.basis,
            unitIds: expectedUnits(directory, schedule.namedUnitIds, deadline),
          })
          .onConflictDoNothing();
        existing.add(period.key);
        created++;
      }
      if (ref.year === last.year && ref.index === last.index) break;
    }
  }
  if (created > 0) {
    await recordAudit(tx, {
      tenantId,
      actor: SYSTEM,
      action: "report.periods",
      entityType: "plan",
      entityId: planId,
      after: { created },
    });
  }
  return created;
}

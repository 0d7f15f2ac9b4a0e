import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { systemActor } from "../../../common/actors.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { both } from "../../lib/errors.ts";
import type { Closure, SuccessionHandler, Transfer } from "../orgs/restructure.ts";
import { reportEvents, reportPeriods, reports } from "./tables.ts";

/**
 * A restructuring passes a closed unit's coming reporting duties to its successors: in every
 * period whose deadline falls on or after the effective date, the closed unit's place among the
 * expected units goes to its successors. Periods due before keep their units (the 2024 report
 * stays the 2024 units'), and filed reports never move.
 */

type PeriodRow = typeof reportPeriods.$inferSelect;

async function duePeriods(tx: DbOrTx, tenantId: string, effectiveDate: string) {
  return tx
    .select()
    .from(reportPeriods)
    .where(and(eq(reportPeriods.tenantId, tenantId), gte(reportPeriods.deadline, effectiveDate)));
}

/** Pure: the expected units after the closures. A split's share goes to every successor. */
export function passOn(
  unitIds: readonly string[],
  closures: readonly Pick<Closure, "unitId" | "successorIds">[],
) {
  const byUnit = new Map(closures.map((c) => [c.unitId, c.successorIds]));
  const result: string[] = [];
  for (const id of unitIds) {
    const successors = byUnit.get(id);
    for (const next of successors ?? [id]) if (!result.includes(next)) result.push(next);
  }
  return result;
}

const touched = (period: PeriodRow, closures: readonly Closure[]) =>
  closures.filter((c) => period.unitIds.includes(c.unitId));

const UNSENT = ["draft", "pending_approval", "returned"];

/** The unsent reports of closing units for periods due on or after the date, with their successor. */
async function passingReports(tx: DbOrTx, closures: readonly Closure[], periods: PeriodRow[]) {
  const single = closures.filter((c) => c.successorIds.length === 1);
  if (single.length === 0 || periods.length === 0) return [];
  const rows = await tx
    .select()
    .from(reports)
    .where(
      and(
        inArray(
          reports.unitId,
          single.map((c) => c.unitId),
        ),
        inArray(
          reports.periodId,
          periods.map((p) => p.id),
        ),
        inArray(reports.status, UNSENT),
      ),
    );
  const result: { report: typeof reports.$inferSelect; closure: Closure; period: PeriodRow }[] = [];
  for (const report of rows) {
    const closure = single.find((c) => c.unitId === report.unitId)!;
    const [theirs] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.periodId, report.periodId), eq(reports.unitId, closure.successorIds[0])));
    if (theirs) continue;
    result.push({ report, closure, period: periods.find((p) => p.id === report.periodId)! });
  }
  return result;
}

export const reportSuccession: SuccessionHandler = {
  module: "reports",

  async plan(tx, tenantId, closures, effectiveDate) {
    const transfers: Transfer[] = [];
    const periods = await duePeriods(tx, tenantId, effectiveDate);
    for (const period of periods) {
      for (const closure of touched(period, closures)) {
        if (closure.successorIds.length === 0) continue;
        transfers.push({
          module: "reports",
          description: both(
            `Báo cáo ${period.labelVi} (hạn ${period.deadline})`,
            `The ${period.labelEn} report (due ${period.deadline})`,
          ),
          fromUnitId: closure.unitId,
          toUnitIds: closure.successorIds,
        });
      }
    }
    for (const { closure, period } of await passingReports(tx, closures, periods)) {
      transfers.push({
        module: "reports",
        description: both(`Báo cáo ${period.labelVi} đang soạn`, `The unsent ${period.labelEn} report`),
        fromUnitId: closure.unitId,
        toUnitIds: closure.successorIds,
      });
    }
    return { transfers, problems: [] };
  },

  async apply(tx, tenantId, closures, effectiveDate) {
    const periods = await duePeriods(tx, tenantId, effectiveDate);
    // Before the expected units change: a successor that already has a report keeps its own.
    for (const { report, closure } of await passingReports(tx, closures, periods)) {
      const [moved] = await tx
        .update(reports)
        .set({
          unitId: closure.successorIds[0],
          version: sql`${reports.version} + 1`,
          updatedAt: clock.now(),
        })
        .where(eq(reports.id, report.id))
        .returning();
      await tx.insert(reportEvents).values({
        tenantId,
        reportId: moved.id,
        revision: moved.revision,
        action: "transferred",
        // Data, not a sentence: the web names the event ("passed to the successor unit") in its language.
        comment: `${closure.unitName}: ${effectiveDate}`,
        actorName: systemActor("system").name,
      });
    }
    for (const period of periods) {
      if (touched(period, closures).length === 0) continue;
      await tx
        .update(reportPeriods)
        .set({ unitIds: passOn(period.unitIds, closures) })
        .where(eq(reportPeriods.id, period.id));
    }
  },
};

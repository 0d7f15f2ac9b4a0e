import { and, desc, eq, sql } from "drizzle-orm";
import type { SaveBody } from "../../../common/schemas/reports.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { authorize } from "../authorize.ts";
import {
  type Access,
  formVersion,
  loadPeriod,
  periodState,
  type ReportRow,
  resourceOf,
  visibleReport,
} from "./access.ts";
import { diffReports } from "./diff.ts";
import { checkSections, checkValues } from "./form.ts";
import { editRefusal, isOpenFor } from "./policy.ts";
import { prefillFrom, progressNotes } from "./prefill.ts";
import { reportEvents, reports } from "./tables.ts";
import { lockedError, refuseWrite, reportEvent } from "./workflow-shared.ts";

export { refuseWrite, reportNoticeParams } from "./workflow-shared.ts";
export { transition } from "./workflow-steps.ts";

/**
 * A unit's report through its workflow. Every change names the version it read: two people
 * saving one draft get one success and one 409 that carries the current report and the sections
 * that differ, so the second merges instead of overwriting. Every step is an event (who, when,
 * from, to, comments); every sending a frozen revision.
 */

/**
 * Opens the unit's report for a period (or returns the one it has): the form version in force,
 * pre-filled from the unit's progress of the period. Only the unit's own people may; only a
 * unit the period expects; not after the period locked, unless reopened for the unit.
 */
export async function openReport(
  tx: DbOrTx,
  access: Access,
  author: AuditActor,
  periodId: string,
  unitId: string,
  today = todayInVietnam(),
): Promise<{ row: ReportRow; created: boolean }> {
  const { period, schedule } = await loadPeriod(tx, access.actor.tenantId, periodId);
  const unit = access.directory.unit(unitId);
  if (!unit) throw new AppError(404, "not_found", { what: both("đơn vị", "unit") });
  const resource = { tenantId: access.actor.tenantId, unitAncestorIds: access.directory.ancestors(unitId) };
  authorize(access.actor, "reports.write", resource);
  const [existing] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.periodId, period.id), eq(reports.unitId, unitId)));
  if (existing) return { row: existing, created: false };
  if (!period.unitIds.includes(unitId)) {
    throw new AppError(409, "report_unit_not_expected", { unit: unit.name, period: period.labelVi });
  }
  if (!isOpenFor(await periodState(tx, period, schedule, unitId), today)) throw lockedError(period, schedule);
  const form = await formVersion(tx, period.planId);
  if (!form) throw new AppError(409, "report_no_form", { plan: period.planId });
  const notes = (
    await progressNotes(tx, access.directory, {
      tenantId: period.tenantId,
      planId: period.planId,
      unitId,
      from: period.windowStart,
      to: period.windowEnd,
    })
  ).filter((note) => note.itemCode !== schedule.source);
  const prefill = prefillFrom(notes, form.headings, form.indicators, unit.type);
  const [row] = await tx
    .insert(reports)
    .values({
      tenantId: period.tenantId,
      planId: period.planId,
      periodId: period.id,
      unitId,
      formVersion: form.version,
      sections: prefill.sections,
      values: prefill.values,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    // Someone of the unit opened it at the same moment: theirs is the report.
    const [theirs] = await tx
      .select()
      .from(reports)
      .where(and(eq(reports.periodId, period.id), eq(reports.unitId, unitId)));
    return { row: theirs, created: false };
  }
  await reportEvent(tx, row, author, { action: "created", statusTo: "draft" });
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: author,
    action: "report.open",
    entityType: "report",
    entityId: row.id,
    after: {
      periodId: period.id,
      unitId,
      formVersion: form.version,
      prefilled: Object.keys(prefill.sections),
    },
  });
  return { row, created: true };
}

const content = (r: Pick<ReportRow, "sections" | "values" | "difficulties" | "proposals">) => ({
  sections: r.sections,
  values: r.values,
  difficulties: r.difficulties,
  proposals: r.proposals,
});

/** Saves the draft. A returned report becomes the draft of its next revision. */
export async function saveReport(
  tx: DbOrTx,
  access: Access,
  author: AuditActor,
  id: string,
  body: SaveBody,
  today = todayInVietnam(),
): Promise<ReportRow> {
  const row = await visibleReport(tx, access, id, true);
  const resource = resourceOf(access, row);
  authorize(access.actor, "reports.write", resource);
  const { period, schedule } = await loadPeriod(tx, row.tenantId, row.periodId);
  const state = await periodState(tx, period, schedule, row.unitId);
  refuseWrite(editRefusal(access.actor, resource, state, today), row, period, schedule);
  const form = (await formVersion(tx, row.planId, row.formVersion))!;
  const unitType = access.directory.unit(row.unitId)?.type ?? "other";
  const values = body.values ? checkValues(body.values, form.indicators, unitType) : undefined;
  const sections = body.sections ? checkSections(body.sections, form.headings) : undefined;
  const next = {
    sections: sections ? { ...row.sections, ...sections } : row.sections,
    values: values ? { ...row.values, ...values } : row.values,
    difficulties: body.difficulties ?? row.difficulties,
    proposals: body.proposals ?? row.proposals,
  };
  if (row.version !== body.version) {
    // Which of the writer's fields differ from what is stored now: what the merge prompt shows.
    const mine = {
      sections: { ...row.sections, ...(sections ?? {}) },
      values: { ...row.values, ...(values ?? {}) },
      difficulties: body.difficulties ?? row.difficulties,
      proposals: body.proposals ?? row.proposals,
    };
    const diff = diffReports(content(row), mine, form.headings, form.indicators);
    throw new AppError(
      409,
      "report_conflict",
      { current: row.version, yours: body.version, sections: diff.changed.join(", ") || "—" },
      undefined,
      { currentVersion: row.version, differingSections: diff.changed, current: content(row) },
    );
  }
  const reopening = row.status === "returned";
  const [saved] = await tx
    .update(reports)
    .set({
      ...next,
      status: reopening ? "draft" : row.status,
      revision: reopening ? row.revision + 1 : row.revision,
      version: sql`${reports.version} + 1`,
      updatedAt: clock.now(),
    })
    .where(and(eq(reports.id, row.id), eq(reports.version, body.version)))
    .returning();
  if (!saved) throw new AppError(409, "conflict", { current: row.version + 1, yours: body.version });
  if (reopening) {
    await reportEvent(tx, saved, author, { action: "reopened", statusFrom: "returned", statusTo: "draft" });
  }
  const changed = diffReports(content(row), content(saved), form.headings, form.indicators).changed;
  await reportEvent(tx, saved, author, {
    action: "saved",
    comment: changed.length ? changed.join(", ") : null,
  });
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: author,
    action: "report.save",
    entityType: "report",
    entityId: row.id,
    before: { version: row.version, status: row.status, revision: row.revision },
    after: { version: saved.version, status: saved.status, revision: saved.revision, changed },
  });
  return saved;
}

/** The latest return's comments, shown while the unit corrects its report. */
export async function lastReturn(db: DbOrTx, reportId: string) {
  const [row] = await db
    .select()
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.action, "return")))
    .orderBy(desc(reportEvents.at))
    .limit(1);
  return row ? { comment: row.comment, sections: row.sectionComments } : null;
}

import { and, desc, eq, sql } from "drizzle-orm";
import { formatDate } from "../../../common/dates.ts";
import type { SaveBody, TransitionBody } from "../../../common/schemas/reports.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, forbidden } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { type NoticeKind, notify, type RecipientSpec } from "../notifications/notify.ts";
import {
  type Access,
  formVersion,
  loadPeriod,
  type PeriodRow,
  periodState,
  type ReportRow,
  resourceOf,
  type ScheduleRow,
  visibleReport,
} from "./access.ts";
import { diffReports } from "./diff.ts";
import { checkSections, checkValues } from "./form.ts";
import {
  editRefusal,
  isLate,
  isOpenFor,
  lockDay,
  type ReportStatus,
  reportPolicy,
  transitionOf,
  type WriteRefusal,
} from "./policy.ts";
import { prefillFrom, progressNotes } from "./prefill.ts";
import { reportEvents, reportRevisions, reports } from "./tables.ts";

/**
 * A unit's report through its workflow. Every change names the version it read: two people
 * saving one draft get one success and one 409 that carries the current report and the sections
 * that differ, so the second merges instead of overwriting. Every step is an event (who, when,
 * from, to, comments); every sending a frozen revision.
 */

const STATUS_VI: Record<string, string> = {
  draft: "nháp",
  pending_approval: "chờ lãnh đạo duyệt",
  sent: "đã gửi",
  received: "đã tiếp nhận",
  accepted: "đã chấp nhận",
  returned: "trả lại để bổ sung",
};
const ACTION_VI: Record<string, string> = {
  submit: "trình lãnh đạo duyệt",
  send: "duyệt và gửi",
  withdraw: "rút về để sửa",
  receive: "tiếp nhận",
  accept: "chấp nhận",
  return: "trả lại để bổ sung",
};

function lockedError(period: PeriodRow, schedule: ScheduleRow) {
  return new AppError(409, "report_period_locked", {
    period: period.labelVi,
    day: lockDay({ deadline: period.deadline, lockDays: schedule.lockDays }),
  });
}

/**
 * Throws the answer to a refused change of a report (policy.ts `editRefusal`, `attachRefusal`):
 * the content route and the file route refuse with the same codes and messages.
 */
export function refuseWrite(
  refusal: WriteRefusal | null,
  row: Pick<ReportRow, "status">,
  period: PeriodRow,
  schedule: ScheduleRow,
): void {
  if (refusal === "forbidden") throw forbidden();
  if (refusal === "not_editable")
    throw new AppError(409, "report_not_editable", { status: STATUS_VI[row.status] ?? row.status });
  if (refusal === "locked") throw lockedError(period, schedule);
}

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
  if (!reportPolicy.write(access.actor, resource)) throw forbidden();
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
  await event(tx, row, author, { action: "created", statusTo: "draft" });
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

async function event(
  tx: DbOrTx,
  row: Pick<ReportRow, "id" | "tenantId" | "revision">,
  author: AuditActor,
  fields: {
    action: string;
    statusFrom?: string | null;
    statusTo?: string | null;
    comment?: string | null;
    sectionComments?: Record<string, string>;
    revision?: number;
  },
): Promise<string> {
  const [inserted] = await tx
    .insert(reportEvents)
    .values({
      tenantId: row.tenantId,
      reportId: row.id,
      revision: fields.revision ?? row.revision,
      action: fields.action,
      statusFrom: fields.statusFrom ?? null,
      statusTo: fields.statusTo ?? null,
      comment: fields.comment ?? null,
      sectionComments: fields.sectionComments ?? {},
      actorUserId: author.userId,
      actorName: author.name,
    })
    .returning({ id: reportEvents.id });
  return inserted.id;
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
  if (!reportPolicy.write(access.actor, resource)) throw forbidden();
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
    await event(tx, saved, author, { action: "reopened", statusFrom: "returned", statusTo: "draft" });
  }
  const changed = diffReports(content(row), content(saved), form.headings, form.indicators).changed;
  await event(tx, saved, author, { action: "saved", comment: changed.length ? changed.join(", ") : null });
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

/**
 * A step of the workflow. Sending freezes a revision (late when sent after the deadline, never
 * refused for it); returning needs the coordinator's comments; the next edit opens a revision.
 */
export async function transition(
  tx: DbOrTx,
  access: Access,
  author: AuditActor,
  id: string,
  action: "submit" | "send" | "withdraw" | "receive" | "accept" | "return",
  body: TransitionBody,
  today = todayInVietnam(),
  now = clock.now(),
): Promise<ReportRow> {
  const row = await visibleReport(tx, access, id, true);
  const resource = resourceOf(access, row);
  const rule = transitionOf(action);
  const allowed =
    rule.who === "coordinate"
      ? reportPolicy.coordinate(access.actor, resource)
      : rule.who === "approve"
        ? reportPolicy.approve(access.actor, resource)
        : reportPolicy.write(access.actor, resource);
  if (!allowed) throw forbidden();
  if (body.version !== undefined && body.version !== row.version) {
    throw new AppError(409, "conflict", { current: row.version, yours: body.version }, undefined, {
      currentVersion: row.version,
    });
  }
  // A returned report may be sent again as it stands: that opens its next revision too.
  const from: ReportStatus[] =
    action === "submit" || action === "send" ? [...rule.from, "returned"] : rule.from;
  if (!from.includes(row.status as ReportStatus)) {
    throw new AppError(409, "report_transition", {
      action: ACTION_VI[action],
      status: STATUS_VI[row.status] ?? row.status,
    });
  }
  const { period, schedule } = await loadPeriod(tx, row.tenantId, row.periodId);
  if (rule.needsOpen && !isOpenFor(await periodState(tx, period, schedule, row.unitId), today)) {
    throw lockedError(period, schedule);
  }
  let sectionComments: Record<string, string> = {};
  if (action === "return") {
    const form = (await formVersion(tx, row.planId, row.formVersion))!;
    sectionComments = Object.fromEntries(
      Object.entries(body.sectionComments ?? {}).filter(([, text]) => text.trim().length > 0),
    );
    const known = new Set([...form.headings.map((h) => h.code), "values", "difficulties", "proposals"]);
    for (const code of Object.keys(sectionComments)) {
      if (!known.has(code)) {
        throw new AppError(400, "report_heading_unknown", { code }, `sectionComments.${code}`);
      }
    }
    if (!body.comment && Object.keys(sectionComments).length === 0) {
      throw new AppError(400, "report_return_comment", {}, "comment");
    }
  }
  const revision = row.status === "returned" ? row.revision + 1 : row.revision;
  const set: Partial<typeof reports.$inferInsert> = { status: rule.to, revision, updatedAt: now };
  let late: boolean | null = row.late;
  if (action === "send") {
    const sentOn = todayInVietnam(now);
    // Timeliness is judged on the first sending; a corrected revision keeps it.
    late = row.firstSentAt ? row.late : isLate(sentOn, period.deadline);
    Object.assign(set, { sentAt: now, firstSentAt: row.firstSentAt ?? now, late });
  }
  const [saved] = await tx
    .update(reports)
    .set({ ...set, version: sql`${reports.version} + 1` })
    .where(and(eq(reports.id, row.id), eq(reports.version, row.version)))
    .returning();
  if (row.status === "returned") {
    await event(tx, saved, author, { action: "reopened", statusFrom: "returned", statusTo: "draft" });
  }
  if (action === "send") {
    await tx.insert(reportRevisions).values({
      tenantId: row.tenantId,
      reportId: row.id,
      revision,
      formVersion: row.formVersion,
      sections: row.sections,
      values: row.values,
      difficulties: row.difficulties,
      proposals: row.proposals,
      sentAt: now,
      late: late ?? false,
      sentBy: author.userId,
      sentByName: author.name,
    });
  }
  const eventId = await event(tx, saved, author, {
    action,
    statusFrom: row.status,
    statusTo: rule.to,
    comment: body.comment ?? null,
    sectionComments,
  });
  const handoff = HANDOFFS[action];
  if (handoff) {
    const comment = [body.comment?.trim(), ...Object.values(sectionComments).map((text) => text.trim())]
      .filter(Boolean)
      .join(" — ");
    await notify(tx, {
      tenantId: row.tenantId,
      eventKey: `report-${action}:${eventId}`,
      kind: handoff.kind,
      recipients: handoff.to(row.unitId),
      params: {
        ...reportNoticeParams(access.directory.unit(row.unitId)?.name ?? "", period),
        comment,
      },
      link: `/reports/${row.id}`,
      actorUserId: author.userId,
    });
  }
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: author,
    action: `report.${action}`,
    entityType: "report",
    entityId: row.id,
    before: { status: row.status, revision: row.revision, version: row.version },
    after: { status: saved.status, revision: saved.revision, version: saved.version, late: saved.late },
  });
  return saved;
}

const unitPeople =
  (...roles: ("unit_officer" | "unit_leader")[]) =>
  (unitId: string): RecipientSpec[] => [{ unitId, roles }];

/** Who must act next after each step: the leader approves, the coordinator reviews, the unit corrects. */
const HANDOFFS: Partial<Record<string, { kind: NoticeKind; to: (unitId: string) => RecipientSpec[] }>> = {
  submit: { kind: "report-submitted", to: unitPeople("unit_leader") },
  send: { kind: "report-sent", to: () => [{ role: "coordinator" }] },
  return: { kind: "report-returned", to: unitPeople("unit_officer", "unit_leader") },
  accept: { kind: "report-accepted", to: unitPeople("unit_officer", "unit_leader") },
};

/** The placeholders every report notice fills. */
export function reportNoticeParams(
  unit: string,
  period: Pick<PeriodRow, "labelVi" | "labelEn" | "deadline">,
): Record<string, string> {
  return { unit, period: period.labelVi, periodEn: period.labelEn, deadline: formatDate(period.deadline) };
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

import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { shownActor } from "../../../common/actors.ts";
import type { Locale } from "../../../common/enums.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { type Access, formVersion, loadPeriod, periodState, type ReportRow, resourceOf } from "./access.ts";
import { namesOn } from "./directory.ts";
import { allowedActions, isLocked, lockDay } from "./policy.ts";
import { reportEvents, reportFiles, reportPeriods, reportRevisions, reports } from "./tables.ts";
import { lastReturn } from "./workflow.ts";

/** The reads of reports: the list in the actor's scope and one report with all it carries. */

/** A report passed on by a restructuring, as its comment was written before it became data. */
const GLUED_TRANSFER = /^Chuyển từ (.+) do sắp xếp tổ chức \((\d{4}-\d{2}-\d{2})\) \/ passed on from \1$/;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listReports(
  db: DbOrTx,
  access: Access,
  query: {
    planId?: string;
    periodId?: string;
    unitId?: string;
    status?: string;
    unitType?: string;
    mine?: "true" | "false";
    limit: number;
    offset: number;
  },
) {
  const conditions: (SQL | undefined)[] = [eq(reports.tenantId, access.actor.tenantId)];
  if (query.planId) conditions.push(eq(reports.planId, query.planId));
  if (query.periodId) conditions.push(eq(reports.periodId, query.periodId));
  if (query.unitId) conditions.push(eq(reports.unitId, query.unitId));
  if (query.status) conditions.push(eq(reports.status, query.status));
  // An unknown period is a mistake in the link, not an empty list.
  if (query.periodId) await loadPeriod(db, access.actor.tenantId, query.periodId);
  let units: string[] | null = access.readable ? [...access.readable] : null;
  if (query.unitType) {
    const ofType = access.directory.ids.filter((id) => access.directory.unit(id)?.type === query.unitType);
    units = units ? ofType.filter((id) => units!.includes(id)) : ofType;
  }
  if (query.mine === "true") {
    const grants = new Set(access.actor.grants.map((g) => g.unitId));
    const mine = access.directory.ids.filter((id) =>
      access.directory.ancestors(id).some((a) => grants.has(a)),
    );
    units = units ? mine.filter((id) => units!.includes(id)) : mine;
  }
  if (units) {
    if (units.length === 0) return { items: [], total: 0 };
    conditions.push(inArray(reports.unitId, units));
  }
  const where = and(...conditions);
  const [{ total }] = await db.select({ total: count() }).from(reports).where(where);
  const rows = await db
    .select({ report: reports, period: reportPeriods })
    .from(reports)
    .innerJoin(reportPeriods, eq(reportPeriods.id, reports.periodId))
    .where(where)
    .orderBy(desc(reportPeriods.deadline), asc(reports.unitId))
    .limit(query.limit)
    .offset(query.offset);
  // Names as of each period's deadline, read once per deadline.
  const names = new Map<string, Map<string, string>>();
  for (const deadline of new Set(rows.map((r) => r.period.deadline))) {
    const ids = [...new Set(rows.filter((r) => r.period.deadline === deadline).map((r) => r.report.unitId))];
    names.set(deadline, await namesOn(db, access.actor.tenantId, access.directory, ids, deadline));
  }
  const items = rows.map(({ report, period }) =>
    toSummary(access, report, period, names.get(period.deadline)!),
  );
  return { items, total };
}

async function summaryOf(
  db: DbOrTx,
  access: Access,
  report: ReportRow,
  period: typeof reportPeriods.$inferSelect,
) {
  const names = await namesOn(db, report.tenantId, access.directory, [report.unitId], period.deadline);
  return toSummary(access, report, period, names);
}

function toSummary(
  access: Access,
  report: ReportRow,
  period: typeof reportPeriods.$inferSelect,
  names: Map<string, string>,
) {
  return {
    id: report.id,
    planId: report.planId,
    periodId: report.periodId,
    periodKey: period.key,
    periodLabel: { vi: period.labelVi, en: period.labelEn },
    deadline: period.deadline,
    unit: {
      id: report.unitId,
      name: names.get(report.unitId) ?? access.directory.name(report.unitId),
      type: access.directory.unit(report.unitId)?.type ?? "other",
    },
    status: report.status as "draft",
    revision: report.revision,
    formVersion: report.formVersion,
    firstSentAt: iso(report.firstSentAt),
    sentAt: iso(report.sentAt),
    late: report.late,
    version: report.version,
    updatedAt: iso(report.updatedAt)!,
  };
}

export async function reportDetail(
  db: DbOrTx,
  access: Access,
  row: ReportRow,
  today = todayInVietnam(),
  locale: Locale = "vi",
) {
  const { period, schedule } = await loadPeriod(db, row.tenantId, row.periodId);
  const state = await periodState(db, period, schedule, row.unitId);
  const form = (await formVersion(db, row.planId, row.formVersion))!;
  const events = await db
    .select()
    .from(reportEvents)
    .where(eq(reportEvents.reportId, row.id))
    .orderBy(asc(reportEvents.at));
  const revisions = await db
    .select()
    .from(reportRevisions)
    .where(eq(reportRevisions.reportId, row.id))
    .orderBy(asc(reportRevisions.revision));
  const files = await db
    .select()
    .from(reportFiles)
    .where(eq(reportFiles.reportId, row.id))
    .orderBy(asc(reportFiles.createdAt));
  const editing = row.status === "returned" || (row.status === "draft" && row.revision > 1);
  return {
    ...(await summaryOf(db, access, row, period)),
    form: { version: form.version, headings: form.headings, indicators: form.indicators },
    sections: row.sections,
    values: row.values,
    difficulties: row.difficulties,
    proposals: row.proposals,
    period: {
      windowStart: period.windowStart,
      windowEnd: period.windowEnd,
      deadline: period.deadline,
      lockDay: lockDay(state),
      locked: isLocked(state, today),
      reopenedUntil: state.reopenedUntil,
    },
    returnComments: editing ? await lastReturn(db, row.id) : null,
    actions: allowedActions(access.actor, resourceOf(access, row), state, today),
    events: events.map((e) => ({
      id: e.id,
      revision: e.revision,
      action: e.action,
      statusFrom: e.statusFrom,
      statusTo: e.statusTo,
      comment:
        e.action === "transferred" && e.comment ? e.comment.replace(GLUED_TRANSFER, "$1: $2") : e.comment,
      sectionComments: e.sectionComments,
      actor: shownActor(e.actorUserId, e.actorName, locale),
      at: iso(e.at)!,
    })),
    revisions: revisions.map((r) => ({
      revision: r.revision,
      sentAt: iso(r.sentAt)!,
      sentBy: r.sentByName,
      late: r.late,
      formVersion: r.formVersion,
    })),
    files: files.map((f) => ({
      id: f.id,
      revision: f.revision,
      filename: f.filename,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      uploadedBy: f.uploadedByName,
      createdAt: iso(f.createdAt)!,
    })),
  };
}

/** One revision's content, or the current one. */
export async function revisionContent(db: DbOrTx, row: ReportRow, which: number | "current") {
  if (which === "current") return row;
  const [found] = await db
    .select()
    .from(reportRevisions)
    .where(and(eq(reportRevisions.reportId, row.id), eq(reportRevisions.revision, which)));
  return found ?? null;
}

import { and, asc, desc, eq, gte, isNotNull, lte } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { addDays, daysBetween, todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { notify, type RecipientSpec, resolveRecipients } from "../notifications/notify.ts";
import { kickOutbox } from "../notifications/outbox.ts";
import { allPlanHeads } from "../plans/registry.ts";
import { loadReportDirectory } from "./directory.ts";
import type { ReportJobDeps } from "./jobs.ts";
import {
  reportEvents,
  reportNotices,
  reportPeriods,
  reportSchedules,
  reportSentLog,
  reports,
} from "./tables.ts";
import { reportNoticeParams } from "./workflow-shared.ts";

// Notices of reporting: reminders before a deadline, the leader's notice of a report waiting for
// approval, the once-only delivery that urging shares, and the user's own list of notices.

interface Message {
  key: string;
  kind: "reminder" | "late";
  periodId: string;
  unitId: string;
  reportId?: string;
  params: Record<string, string>;
}

/** The people told of a reminder or an urging: the unit's officers and leaders. */
const unitPeople = (unitId: string): RecipientSpec[] => [{ unitId, roles: ["unit_officer", "unit_leader"] }];

/**
 * Records a message once (its key in `report_sent_log`) and, in the same transaction, tells the
 * unit's people through `notify` (the bell and the e-mail outbox); returns whether it is new.
 */
export async function deliver(deps: ReportJobDeps, message: Message): Promise<boolean> {
  return deps.database.db.transaction(async (tx) => {
    const recipients = unitPeople(message.unitId);
    const people = await resolveRecipients(tx, deps.tenantId, recipients);
    const inserted = await tx
      .insert(reportSentLog)
      .values({
        tenantId: deps.tenantId,
        key: message.key,
        kind: message.kind,
        periodId: message.periodId,
        unitId: message.unitId,
        reportId: message.reportId ?? null,
        recipients: people.flatMap((p) => (p.email?.trim() ? [p.email.trim()] : [])),
      })
      .onConflictDoNothing()
      .returning({ id: reportSentLog.id });
    if (inserted.length === 0) return false;
    await notify(tx, {
      tenantId: deps.tenantId,
      eventKey: `report-${message.key}`,
      kind: message.kind === "reminder" ? "report-reminder" : "report-overdue",
      recipients,
      params: message.params,
      link: `/reporting/periods/${message.periodId}`,
    });
    return true;
  });
}

export async function openPeriods(db: DbOrTx, tenantId: string, from: string, to: string) {
  return db
    .select({ period: reportPeriods, schedule: reportSchedules })
    .from(reportPeriods)
    .innerJoin(reportSchedules, eq(reportSchedules.id, reportPeriods.scheduleId))
    .where(
      and(
        eq(reportPeriods.tenantId, tenantId),
        gte(reportPeriods.deadline, from),
        lte(reportPeriods.deadline, to),
      ),
    )
    .orderBy(asc(reportPeriods.deadline));
}

export async function sentUnits(db: DbOrTx, periodId: string) {
  const rows = await db
    .select({ unitId: reports.unitId })
    .from(reports)
    .where(and(eq(reports.periodId, periodId), isNotNull(reports.firstSentAt)));
  return new Set(rows.map((r) => r.unitId));
}

export const planTitles = async (db: DbOrTx, tenantId: string) =>
  new Map((await allPlanHeads(db, tenantId)).map((h) => [h.id, h.title]));

/** The smallest reminder day reached: days left ≤ it. */
export function reminderReached(daysLeft: number, reminderDays: readonly number[]): number | null {
  if (daysLeft < 0) return null;
  const reached = reminderDays.filter((d) => daysLeft <= d);
  return reached.length > 0 ? Math.min(...reached) : null;
}

/** Reminders before the deadline to the units that have not sent. */
export async function runReminders(deps: ReportJobDeps, today = todayInVietnam()) {
  const db = deps.database.db;
  const titles = await planTitles(db, deps.tenantId);
  const directory = await loadReportDirectory(db, deps.tenantId);
  let sent = 0;
  for (const { period, schedule } of await openPeriods(db, deps.tenantId, today, addDays(today, 90))) {
    const left = daysBetween(today, period.deadline);
    const reached = reminderReached(left, schedule.reminderDays);
    if (reached === null) continue;
    const done = await sentUnits(db, period.id);
    for (const unitId of period.unitIds) {
      if (done.has(unitId)) continue;
      const fresh = await deliver(deps, {
        key: `remind:${period.id}:${unitId}:${reached}`,
        kind: "reminder",
        periodId: period.id,
        unitId,
        params: {
          ...reportNoticeParams(directory.name(unitId), period),
          plan: titles.get(period.planId) ?? "",
          days: String(left),
        },
      });
      if (fresh) sent++;
    }
  }
  if (sent > 0) await kickOutbox(deps);
  return sent;
}

/**
 * The safety net behind the immediate notice of a submission (see `transition`): every report
 * still waiting for approval whose latest submission told nobody is told now, to the unit's
 * leaders, with the same event key, so nobody hears of one submission twice.
 */
export async function runApprovalNotices(deps: ReportJobDeps) {
  const db = deps.database.db;
  const directory = await loadReportDirectory(db, deps.tenantId);
  const waiting = await db
    .select({ report: reports, period: reportPeriods })
    .from(reports)
    .innerJoin(reportPeriods, eq(reportPeriods.id, reports.periodId))
    .where(and(eq(reports.tenantId, deps.tenantId), eq(reports.status, "pending_approval")));
  let sent = 0;
  for (const { report, period } of waiting) {
    const [submission] = await db
      .select({ id: reportEvents.id, actorUserId: reportEvents.actorUserId })
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.action, "submit")))
      .orderBy(desc(reportEvents.at))
      .limit(1);
    if (!submission) continue;
    const told = await db.transaction((tx) =>
      notify(tx, {
        tenantId: deps.tenantId,
        eventKey: `report-submit:${submission.id}`,
        kind: "report-submitted",
        recipients: [{ unitId: report.unitId, roles: ["unit_leader"] }],
        params: { ...reportNoticeParams(directory.name(report.unitId), period), comment: "" },
        link: `/reports/${report.id}`,
        actorUserId: submission.actorUserId,
      }),
    );
    if (told.length > 0) sent++;
  }
  if (sent > 0) await kickOutbox(deps);
  return sent;
}

/** The user's report notices, newest first, and marking one read. */
export async function listNotices(db: DbOrTx, tenantId: string, userId: string) {
  const rows = await db
    .select()
    .from(reportNotices)
    .where(and(eq(reportNotices.tenantId, tenantId), eq(reportNotices.userId, userId)))
    .orderBy(desc(reportNotices.createdAt))
    .limit(100);
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    periodId: n.periodId,
    reportId: n.reportId,
    createdAt: new Date(n.createdAt).toISOString(),
    readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
  }));
}

export async function markNoticeRead(db: DbOrTx, tenantId: string, userId: string, id: string) {
  const updated = await db
    .update(reportNotices)
    .set({ readAt: clock.now() })
    .where(
      and(eq(reportNotices.tenantId, tenantId), eq(reportNotices.userId, userId), eq(reportNotices.id, id)),
    )
    .returning({ id: reportNotices.id });
  return updated.length > 0;
}

import { createHash } from "node:crypto";
import { and, asc, desc, eq, gte, isNotNull, lte } from "drizzle-orm";
import { systemActor } from "../../../common/actors.ts";
import { formatDate } from "../../../common/dates.ts";
import type { Config } from "../../config.ts";
import type { Database, DbOrTx } from "../../db/connection.ts";
import type { JobLogger, JobQueue } from "../../jobs/queue.ts";
import { addDays, daysBetween, todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { renderNd30Docx } from "../../lib/documents/nd30.ts";
import { AppError } from "../../lib/errors.ts";
import type { ObjectStorage } from "../../lib/storage.ts";
import { createStorage } from "../../lib/storage.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { createMailer, type Mailer } from "../notifications/mailer.ts";
import { notify, type RecipientSpec, resolveRecipients } from "../notifications/notify.ts";
import { kickOutbox } from "../notifications/outbox.ts";
import { findTenant } from "../orgs/service.ts";
import { allPlanHeads } from "../plans/registry.ts";
import { urgingLetterDocument } from "./consolidate/urging.ts";
import { loadConsolidationInput } from "./consolidation.ts";
import { loadReportDirectory, type ReportDirectory } from "./directory.ts";
import { refreshPeriods } from "./periods.ts";
import {
  reportEvents,
  reportNotices,
  reportPeriods,
  reportSchedules,
  reportSentLog,
  reports,
  reportUrgingLetters,
} from "./tables.ts";
import { reportNoticeParams } from "./workflow.ts";

/**
 * The module's scheduled work, on the job queue (it survives restarts; several servers share
 * it). Every hour: reminders at the schedule's days before a deadline to units that have not
 * sent, a notice to the unit's leader for each report submitted for approval, and after the
 * deadline one urging notice per late unit and the period's urging letter (.docx). Each message
 * has a key in `report_sent_log`, inserted in the same transaction as its notices and e-mails,
 * which go through notifications' `notify` (the bell and the outbox): whatever runs the scan,
 * however often, nothing goes out twice. A failed e-mail stays in the outbox and is retried.
 */

export const REPORT_JOBS = { scan: { name: "reports.scan", cron: "5 * * * *" } } as const;

export interface ReportJobDeps {
  database: Database;
  config: Config;
  tenantId: string;
  mailer: Mailer;
  storage: ObjectStorage;
  logger: JobLogger;
}

const SYSTEM: AuditActor = systemActor("system");

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
async function deliver(deps: ReportJobDeps, message: Message): Promise<boolean> {
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

async function openPeriods(db: DbOrTx, tenantId: string, from: string, to: string) {
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

async function sentUnits(db: DbOrTx, periodId: string) {
  const rows = await db
    .select({ unitId: reports.unitId })
    .from(reports)
    .where(and(eq(reports.periodId, periodId), isNotNull(reports.firstSentAt)));
  return new Set(rows.map((r) => r.unitId));
}

const planTitles = async (db: DbOrTx, tenantId: string) =>
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

/** After the deadline: one urging notice per late unit, and the period's urging letter. */
export async function runUrging(deps: ReportJobDeps, today = todayInVietnam()) {
  const db = deps.database.db;
  const titles = await planTitles(db, deps.tenantId);
  const directory = await loadReportDirectory(db, deps.tenantId);
  let notices = 0;
  let letters = 0;
  // Periods whose deadline passed within the last 60 days: older ones are the coordinator's call.
  for (const { period } of await openPeriods(db, deps.tenantId, addDays(today, -60), addDays(today, -1))) {
    const done = await sentUnits(db, period.id);
    const late = period.unitIds.filter((id) => !done.has(id));
    if (late.length === 0) continue;
    for (const unitId of late) {
      const fresh = await deliver(deps, {
        key: `late:${period.id}:${unitId}`,
        kind: "late",
        periodId: period.id,
        unitId,
        params: {
          ...reportNoticeParams(directory.name(unitId), period),
          plan: titles.get(period.planId) ?? "",
        },
      });
      if (fresh) notices++;
    }

    const [existing] = await db
      .select({ id: reportUrgingLetters.id })
      .from(reportUrgingLetters)
      .where(eq(reportUrgingLetters.periodId, period.id))
      .limit(1);
    if (!existing) {
      const letter = await generateUrgingLetter(db, deps.storage, directory, period.id, today, SYSTEM);
      if (letter) letters++;
    }
  }
  if (notices > 0) await kickOutbox(deps);
  return { notices, letters };
}

/**
 * The urging letter of a period as of today: a .docx (Nghị định 30/2020 layout, from
 * `consolidate/urging.ts`) listing the units without a report and where each stands, stored
 * with the list. Once per period and day (a second call the same day returns the first). The
 * document is made and stored outside any transaction; only its row is written in one.
 */
export async function generateUrgingLetter(
  db: Database["db"],
  storage: ObjectStorage,
  directory: ReportDirectory,
  periodId: string,
  today: string,
  author: AuditActor,
) {
  const [period] = await db.select().from(reportPeriods).where(eq(reportPeriods.id, periodId));
  if (!period) return null;
  const sameDay = async () =>
    (
      await db
        .select()
        .from(reportUrgingLetters)
        .where(and(eq(reportUrgingLetters.periodId, period.id), eq(reportUrgingLetters.issuedOn, today)))
    )[0];
  const existing = await sameDay();
  if (existing) return existing;
  if (today <= period.deadline) {
    throw new AppError(409, "urging_before_deadline", {
      period: period.labelVi,
      deadline: formatDate(period.deadline),
    });
  }
  const input = await loadConsolidationInput(db, period.tenantId, {
    planId: period.planId,
    periodKey: period.key,
  });
  const sentIds = await sentUnits(db, period.id);
  const late = input.missing.filter((m) => !sentIds.has(m.unitId));
  if (late.length === 0) throw new AppError(409, "urging_none_late", { period: period.labelVi });
  const [schedule] = await db.select().from(reportSchedules).where(eq(reportSchedules.id, period.scheduleId));
  const via = schedule?.viaUnitId ? directory.name(schedule.viaUnitId) : null;
  const document = urgingLetterDocument({
    issuer: {
      parent: via ? input.issuer.name : undefined,
      name: (via ?? input.issuer.name).toLocaleUpperCase("vi"),
      place: input.issuer.place,
      abbreviation: via ? "SNV" : "UBND",
    },
    plan: { title: input.plan.title, number: input.plan.number, issuedOn: input.plan.issuedOn },
    period: { label: input.period.label.toLocaleLowerCase("vi") },
    deadline: period.deadline,
    newDeadline: addDays(today, 7),
    lateUnits: late.map((m) => ({ unitName: m.unitName, status: m.status })),
    receiver: via ? `${schedule?.toMention ?? input.issuer.shortName} (qua ${via})` : input.issuer.shortName,
    signer: via
      ? { capacity: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC" }
      : { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" },
    date: null,
  });
  const body = await renderNd30Docx(document);
  const id = crypto.randomUUID();
  const storageKey = `reports/${period.tenantId}/urging/${id}`;
  await storage.putObject(storageKey, body, DOCX);
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(reportUrgingLetters)
      .values({
        id,
        tenantId: period.tenantId,
        periodId: period.id,
        issuedOn: today,
        lateUnitIds: late.map((m) => m.unitId),
        storageKey,
        filename: `van-ban-don-doc-bao-cao-${period.key}-${today}.docx`,
        size: body.length,
        sha256: createHash("sha256").update(body).digest("hex"),
        createdByName: author.name,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) return null;
    await recordAudit(tx, {
      tenantId: period.tenantId,
      actor: author,
      action: "report.urging_letter",
      entityType: "report_period",
      entityId: period.id,
      after: { letterId: id, lateUnits: late.length, issuedOn: today },
    });
    return inserted;
  });
  if (row) return row;
  // Another server made today's letter at the same moment: keep theirs.
  await storage.deleteObject(storageKey).catch(() => {});
  return (await sameDay())!;
}

export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Adds coming periods for every published plan, then reminds, notifies and urges. */
export async function runScan(deps: ReportJobDeps, today = todayInVietnam()) {
  for (const head of await allPlanHeads(deps.database.db, deps.tenantId)) {
    if (head.currentVersion > 0)
      await deps.database.db.transaction((tx) => refreshPeriods(tx, deps.tenantId, head.id, today));
  }
  const reminders = await runReminders(deps, today);
  const approvals = await runApprovalNotices(deps);
  const urging = await runUrging(deps, today);
  return { reminders, approvals, ...urging };
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

/** Registers the worker and its hourly schedule; call with startJobs' context after the queue started. */
export async function registerReportJobs(
  queue: JobQueue,
  ctx: { database: Database; config: Config; logger: JobLogger },
) {
  const mailer = createMailer(ctx.config, ctx.logger);
  const storage = createStorage(ctx.config.storage);
  await queue.work(REPORT_JOBS.scan.name, async () => {
    const tenant = await findTenant(ctx.database.db, ctx.config.tenantCode);
    if (!tenant) return;
    const outcome = await runScan({ ...ctx, tenantId: tenant.id, mailer, storage });
    ctx.logger.info(outcome, "reports: reminders and urging checked");
  });
  await queue.schedule(REPORT_JOBS.scan.name, REPORT_JOBS.scan.cron);
}

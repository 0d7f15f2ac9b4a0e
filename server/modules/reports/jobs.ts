import type { Config } from "../../config.ts";
import type { Database } from "../../db/connection.ts";
import type { JobLogger, JobQueue } from "../../jobs/queue.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import type { ObjectStorage } from "../../lib/storage.ts";
import { createStorage } from "../../lib/storage.ts";
import { createMailer, type Mailer } from "../notifications/mailer.ts";
import { findTenant } from "../orgs/service.ts";
import { allPlanHeads } from "../plans/registry.ts";
import { runApprovalNotices, runReminders } from "./notices.ts";
import { refreshPeriods } from "./periods.ts";
import { runUrging } from "./urging-letters.ts";

export {
  listNotices,
  markNoticeRead,
  reminderReached,
  runApprovalNotices,
  runReminders,
} from "./notices.ts";
export { DOCX, generateUrgingLetter, runUrging } from "./urging-letters.ts";

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

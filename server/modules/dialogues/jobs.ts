import { and, asc, eq, gte, lte } from "drizzle-orm";
import { formatDate } from "../../../common/dates.ts";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/connection.ts";
import type { JobLogger, JobQueue } from "../../jobs/queue.ts";
import { addDays } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { createMailer, type Mailer } from "../notifications/mailer.ts";
import { notify } from "../notifications/notify.ts";
import { kickOutbox } from "../notifications/outbox.ts";
import { findTenant } from "../orgs/service.ts";
import { unitIndex } from "./directory.ts";
import { dialogueCommitments, dialogues } from "./tables.ts";

/**
 * Commitments made at dialogues reach the unit that owns them before they fall due, and once
 * more when they are overdue: every day (07:30 in Vietnam) each open commitment due within
 * `COMMITMENT_NOTICE_DAYS` days (7 unless set) tells the owner unit's officers and leaders
 * through notifications' `notify` (the bell and an e-mail). The event key names the commitment,
 * its due date and whether it is due or overdue, so however often the scan runs nobody hears of
 * one twice (a unit that takes the commitment over in a merger is told too). Overdue ones are announced within OVERDUE_WINDOW_DAYS of their due date: older ones were announced
 * when they fell due (or predate this scan, and are the coordinator's call, on the list).
 */
export const COMMITMENT_JOBS = { daily: { name: "dialogues.commitments", cron: "30 7 * * *" } } as const;
export { DEFAULT_COMMITMENT_NOTICE_DAYS as DEFAULT_NOTICE_DAYS } from "../../config-sections.ts";
export const OVERDUE_WINDOW_DAYS = 60;

export interface CommitmentJobDeps {
  database: Database;
  config: Pick<Config, "publicUrl">;
  tenantId: string;
  mailer: Mailer;
  logger: Pick<JobLogger, "warn">;
  /** Days before the due date the owner unit is told. */
  noticeDays: number;
}

const SUMMARY = 80;

/** The commitment's words, cut at a word for a notice's title. */
export function summaryOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= SUMMARY) return flat;
  const cut = flat.slice(0, SUMMARY);
  const space = cut.lastIndexOf(" ");
  return `${(space > SUMMARY / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/** Announces the open commitments due within the notice days, and the newly overdue ones. */
export async function runCommitmentNotices(
  deps: CommitmentJobDeps,
  today = clock.today(),
): Promise<{ due: number; overdue: number }> {
  const db = deps.database.db;
  const rows = await db
    .select({ commitment: dialogueCommitments, dialogueTitle: dialogues.title })
    .from(dialogueCommitments)
    .innerJoin(dialogues, eq(dialogues.id, dialogueCommitments.dialogueId))
    .where(
      and(
        eq(dialogueCommitments.tenantId, deps.tenantId),
        eq(dialogueCommitments.status, "open"),
        gte(dialogueCommitments.dueDate, addDays(today, -OVERDUE_WINDOW_DAYS)),
        lte(dialogueCommitments.dueDate, addDays(today, deps.noticeDays)),
      ),
    )
    .orderBy(asc(dialogueCommitments.dueDate));
  if (rows.length === 0) return { due: 0, overdue: 0 };
  const units = await unitIndex(db, deps.tenantId);
  const outcome = { due: 0, overdue: 0 };
  for (const { commitment, dialogueTitle } of rows) {
    const overdue = commitment.dueDate < today;
    const told = await db.transaction((tx) =>
      notify(tx, {
        tenantId: deps.tenantId,
        eventKey: `commitment-${overdue ? "overdue" : "due"}:${commitment.id}:${commitment.dueDate}`,
        kind: overdue ? "commitment-overdue" : "commitment-due",
        recipients: [{ unitId: commitment.ownerUnitId, roles: ["unit_officer", "unit_leader"] }],
        params: {
          text: commitment.text,
          summary: summaryOf(commitment.text),
          dialogue: dialogueTitle,
          unit: units.name(commitment.ownerUnitId),
          due: formatDate(commitment.dueDate),
        },
        link: `/dialogues/${commitment.dialogueId}`,
      }),
    );
    if (told.length > 0) outcome[overdue ? "overdue" : "due"]++;
  }
  if (outcome.due + outcome.overdue > 0) await kickOutbox(deps);
  return outcome;
}

/** Registers the daily scan on the app's job queue. */
export async function registerCommitmentJobs(
  queue: JobQueue,
  ctx: { database: Database; config: Config; logger: JobLogger },
) {
  const mailer = createMailer(ctx.config, ctx.logger);
  const noticeDays = ctx.config.commitmentNoticeDays;
  await queue.work(COMMITMENT_JOBS.daily.name, async () => {
    const tenant = await findTenant(ctx.database.db, ctx.config.tenantCode);
    if (!tenant) return;
    const outcome = await runCommitmentNotices({ ...ctx, tenantId: tenant.id, mailer, noticeDays });
    if (outcome.due + outcome.overdue > 0) ctx.logger.info(outcome, "dialogues: commitment notices sent");
  });
  await queue.schedule(COMMITMENT_JOBS.daily.name, COMMITMENT_JOBS.daily.cron);
}

import type { Config } from "../../config.ts";
import type { Database } from "../../db/connection.ts";
import type { JobLogger, JobQueue } from "../../jobs/queue.ts";
import { createMailer } from "./mailer.ts";
import { drainOutbox, OUTBOX_JOB } from "./outbox.ts";

/** The outbox's safety net: every few minutes, whatever the requests did not send (or failed). */
export async function registerNoticeJobs(
  queue: JobQueue,
  ctx: { database: Database; config: Config; logger: JobLogger },
) {
  const mailer = createMailer(ctx.config, ctx.logger);
  await queue.work(OUTBOX_JOB.name, async () => {
    const outcome = await drainOutbox({ ...ctx, mailer });
    if (outcome.sent + outcome.failed > 0) ctx.logger.info(outcome, "notice e-mails sent");
  });
  await queue.schedule(OUTBOX_JOB.name, OUTBOX_JOB.cron);
}

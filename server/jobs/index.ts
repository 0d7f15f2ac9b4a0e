import { basename } from "node:path";
import type { Config } from "../config.ts";
import type { Database } from "../db/connection.ts";
import { registerAssignmentJobs } from "../modules/assignments/jobs.ts";
import { writeCheckpoints } from "../modules/audit/checkpoints.ts";
import { currentAuditKey } from "../modules/audit/key.ts";
import { purgeExpiredSessions } from "../modules/auth/sessions.ts";
import { purgeStaleThrottles } from "../modules/auth/throttle.ts";
import { registerCommitmentJobs } from "../modules/dialogues/jobs.ts";
import { registerNoticeJobs } from "../modules/notifications/jobs.ts";
import { registerReportJobs } from "../modules/reports/jobs.ts";
import { backupDatabase } from "./backup.ts";
import { createJobQueue, type JobLogger, type JobQueue } from "./queue.ts";

export { type BackupInfo, lastBackup, listBackups } from "./backup.ts";
export { JOB_TIME_ZONE, type JobLogger, type JobQueue } from "./queue.ts";

/** Every recurring job: its queue name and when it runs (cron, Asia/Ho_Chi_Minh time). */
export const SCHEDULES = {
  nightlyBackup: { name: "backup.nightly", cron: "0 2 * * *" },
  purgeSessions: { name: "sessions.purge", cron: "0 * * * *" },
  auditCheckpoint: { name: "audit.checkpoint", cron: "*/10 * * * *" },
} as const;

/**
 * Creates and starts the job queue with the system's own workers and schedules. The caller stops
 * the returned queue before closing the database.
 */
export async function startJobs(ctx: {
  database: Database;
  config: Config;
  logger: JobLogger;
}): Promise<JobQueue> {
  const { database, config, logger } = ctx;
  const embedded = database.engine === "pglite";
  const queue = await createJobQueue(database, logger);

  // The audit chain's heads, signed, into a file outside the database (modules/audit/checkpoints.ts).
  await queue.work(SCHEDULES.auditCheckpoint.name, async () => {
    await writeCheckpoints(database.db, currentAuditKey(), config.auditCheckpointFile);
  });
  await queue.work(SCHEDULES.purgeSessions.name, async () => {
    await purgeExpiredSessions(database.db);
    await purgeStaleThrottles(database.db);
  });
  // A PostgreSQL server is backed up by its operator's tools (pg_dump, base backups, replicas);
  // the embedded database, running with fsync off, has only these copies.
  if (embedded) {
    await queue.work(SCHEDULES.nightlyBackup.name, async () => {
      const backup = await backupDatabase(database, config);
      logger.info(
        { file: basename(backup.file), bytes: backup.bytes, keep: config.backupKeep },
        "backup written",
      );
    });
  }

  await queue.start();
  try {
    await registerAssignmentJobs(queue, ctx);
    await registerReportJobs(queue, ctx);
    await registerNoticeJobs(queue, ctx);
    await registerCommitmentJobs(queue, ctx);
    await queue.schedule(SCHEDULES.purgeSessions.name, SCHEDULES.purgeSessions.cron);
    await queue.schedule(SCHEDULES.auditCheckpoint.name, SCHEDULES.auditCheckpoint.cron);
    if (embedded) await queue.schedule(SCHEDULES.nightlyBackup.name, SCHEDULES.nightlyBackup.cron);
  } catch (error) {
    await queue.stop().catch(() => {});
    throw error;
  }
  return queue;
}

import { basename } from "node:path";
import type { Config } from "../config.ts";
import type { Database } from "../db/connection.ts";
import type { Tenant } from "../http/context.ts";
import { AUDIT_JOBS } from "../modules/audit/jobs.ts";
import { AUTH_JOBS } from "../modules/auth/jobs.ts";
import type { ModuleDefinition } from "../modules/define.ts";
import { MODULES } from "../modules/index.ts";
import type { Mailer } from "../modules/notifications/mailer.ts";
import { backupDatabase } from "./backup.ts";
import { createJobQueue, type JobLogger, type JobQueue } from "./queue.ts";

export { type BackupInfo, lastBackup, listBackups } from "./backup.ts";
export { JOB_TIME_ZONE, type JobLogger, type JobQueue } from "./queue.ts";

/**
 * The system's own recurring jobs: their queue names and when they run (cron, Asia/Ho_Chi_Minh
 * time). Each module schedules its own in its manifest (`jobs` in its index.ts); the session purge
 * and the audit checkpoint are named here too, for operators and tests.
 */
export const SCHEDULES = {
  nightlyBackup: { name: "backup.nightly", cron: "0 2 * * *" },
  purgeSessions: AUTH_JOBS.purge,
  auditCheckpoint: AUDIT_JOBS.checkpoint,
} as const;

/**
 * Creates and starts the job queue with the system's backup and every module's workers and
 * schedules. The caller stops the returned queue before closing the database.
 */
export async function startJobs(
  ctx: { database: Database; config: Config; logger: JobLogger; tenant: Tenant; mailer: Mailer },
  modules: readonly ModuleDefinition[] = MODULES,
): Promise<JobQueue> {
  const { database, config, logger } = ctx;
  const embedded = database.engine === "pglite";
  const queue = await createJobQueue(database, logger);

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
    for (const module of modules) await module.jobs?.({ ...ctx, jobs: queue });
    if (embedded) await queue.schedule(SCHEDULES.nightlyBackup.name, SCHEDULES.nightlyBackup.cron);
  } catch (error) {
    await queue.stop().catch(() => {});
    throw error;
  }
  return queue;
}

import type { Database } from "../../db/connection.ts";
import type { JobLogger, JobQueue } from "../../jobs/queue.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { tenants } from "../orgs/tables.ts";
import { ensureOccurrences } from "./sync.ts";

/**
 * The module's scheduled work: once a day (00:30 in Vietnam), every published plan of every
 * tenant gets the occurrences of its recurring tasks due until the period after today's, for
 * the units carrying the duty today (a successor, after a restructuring). One transaction per
 * tenant; running it twice changes nothing.
 */
export const ASSIGNMENT_JOBS = {
  occurrences: { name: "assignments.occurrences", cron: "30 0 * * *" },
} as const;

export async function runOccurrences(database: Database, today = todayInVietnam()) {
  const result: Record<string, number> = {};
  const rows = await database.db.select({ id: tenants.id, code: tenants.code }).from(tenants);
  for (const tenant of rows) {
    const outcome = await database.db.transaction((tx) => ensureOccurrences(tx, tenant.id, today));
    result[tenant.code] = outcome.created;
  }
  return result;
}

/** Registers the worker and its daily schedule; call after the queue has started. */
export async function registerAssignmentJobs(queue: JobQueue, database: Database, logger: JobLogger) {
  await queue.work(ASSIGNMENT_JOBS.occurrences.name, async () => {
    const created = await runOccurrences(database);
    logger.info({ created }, "assignments: occurrences ensured");
  });
  await queue.schedule(ASSIGNMENT_JOBS.occurrences.name, ASSIGNMENT_JOBS.occurrences.cron);
}

import type { Config } from "../../config.ts";
import type { Database } from "../../db/connection.ts";
import type { JobLogger, JobQueue } from "../../jobs/queue.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { findTenant } from "../orgs/service.ts";
import { ensureOccurrences } from "./sync.ts";

/**
 * The module's scheduled work: once a day (00:30 in Vietnam) every published plan of the province
 * gets the occurrences of its recurring tasks due until the period after today's, for the units
 * carrying the duty today (a successor, after a restructuring). One transaction; running it twice
 * changes nothing.
 */
export const ASSIGNMENT_JOBS = {
  occurrences: { name: "assignments.occurrences", cron: "30 0 * * *" },
} as const;

/** Returns how many assignments it created. */
export async function runOccurrences(database: Database, tenantId: string, today = todayInVietnam()) {
  const outcome = await database.db.transaction((tx) => ensureOccurrences(tx, tenantId, today));
  return outcome.created;
}

/** Registers the worker and its daily schedule; call with startJobs' context after the queue started. */
export async function registerAssignmentJobs(
  queue: JobQueue,
  ctx: { database: Database; config: Config; logger: JobLogger },
) {
  await queue.work(ASSIGNMENT_JOBS.occurrences.name, async () => {
    const tenant = await findTenant(ctx.database.db, ctx.config.tenantCode);
    if (!tenant) return;
    const created = await runOccurrences(ctx.database, tenant.id);
    ctx.logger.info({ created }, "assignments: occurrences ensured");
  });
  await queue.schedule(ASSIGNMENT_JOBS.occurrences.name, ASSIGNMENT_JOBS.occurrences.cron);
}

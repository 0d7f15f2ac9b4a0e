import type { JobContext } from "../define.ts";
import { purgeExpiredSessions } from "./sessions.ts";
import { purgeStaleThrottles } from "./throttle.ts";

/** Expired sessions and stale sign-in throttles are purged hourly (cron in Vietnam's time). */
export const AUTH_JOBS = { purge: { name: "sessions.purge", cron: "0 * * * *" } } as const;

export async function registerAuthJobs({ jobs, database }: JobContext) {
  await jobs.work(AUTH_JOBS.purge.name, async () => {
    await purgeExpiredSessions(database.db);
    await purgeStaleThrottles(database.db);
  });
  await jobs.schedule(AUTH_JOBS.purge.name, AUTH_JOBS.purge.cron);
}

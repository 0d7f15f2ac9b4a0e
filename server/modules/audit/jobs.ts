import type { JobContext } from "../define.ts";
import { writeCheckpoints } from "./checkpoints.ts";
import { currentAuditKey } from "./key.ts";

/** Every ten minutes the chain's heads, signed, go to a file outside the database (checkpoints.ts). */
export const AUDIT_JOBS = { checkpoint: { name: "audit.checkpoint", cron: "*/10 * * * *" } } as const;

export async function registerAuditJobs({ jobs, database, config }: JobContext) {
  await jobs.work(AUDIT_JOBS.checkpoint.name, async () => {
    await writeCheckpoints(database.db, currentAuditKey(), config.auditCheckpointFile);
  });
  await jobs.schedule(AUDIT_JOBS.checkpoint.name, AUDIT_JOBS.checkpoint.cron);
}

import { createHash } from "node:crypto";
import { fromPglite, type JobResult, PgBoss } from "pg-boss";
import type { Database } from "../db/connection.ts";
import { safeErrorMessage } from "../lib/log-policy.ts";

/** Cron expressions are read in the province's time (UTC+7 all year, no daylight saving). */
export const JOB_TIME_ZONE = "Asia/Ho_Chi_Minh";

/**
 * A finished job's row, and with it the singleton key it holds, is kept this long. Within it a
 * second `send` with the same key is refused even after the first job ran (see `jobIdForKey`).
 */
export const KEY_RETENTION_SECONDS = 30 * 24 * 60 * 60;

export interface SendOptions {
  /** At most one job per (queue, key) while its row is kept: a second send returns null. */
  singletonKey?: string;
  startAfter?: Date | string;
  /** Attempts after the first (default 2). */
  retryLimit?: number;
  /** Wait before the first retry, doubled for each later one (default 30 s). */
  retryDelaySeconds?: number;
}

export interface ScheduleInfo {
  name: string;
  cron: string;
  timezone: string;
}

export interface JobQueue {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The job's id, or null when a job with the same singleton key already exists. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** One handler per queue; registered now if the queue runs, else when it starts. */
  work<T extends object>(name: string, handler: (data: T) => Promise<void>): Promise<void>;
  /** Creates or replaces the queue's schedule; `cron` is read in Asia/Ho_Chi_Minh time. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  /** What is scheduled, for the operator (and the tests). */
  getSchedules(): Promise<ScheduleInfo[]>;
}

export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

// Any fixed namespace works; this one is ours so our ids never collide with another generator's.
const KEY_NAMESPACE = "dongthuan:job-key:";

/**
 * A job id derived from (queue, key), in the shape of a version-5 UUID. pg-boss inserts jobs with
 * ON CONFLICT DO NOTHING on (name, id), so a second send with the same key is refused atomically
 * for as long as the first row exists: queued, running, finished or failed, on any number of
 * servers. Its queue policies only compare keys among queued or active jobs, which would let a
 * job that already ran be sent again.
 */
export function jobIdForKey(name: string, key: string): string {
  const bytes = createHash("sha1").update(`${KEY_NAMESPACE}${name}\u0000${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function bossOptions(database: Database): ConstructorParameters<typeof PgBoss>[0] {
  // Workers on notify-enabled queues wake as soon as a job is sent; polling stays as the floor.
  const common = { useListenNotify: true, schedule: true, supervise: true, migrate: true } as const;
  if (database.engine === "pglite") {
    if (!database.pglite) throw new Error("The embedded database has no PGlite instance");
    // The adapter shares the one PGlite connection; pg-boss never closes it, we do.
    return { ...common, db: fromPglite(database.pglite), backend: "pglite" };
  }
  const connectionString = database.pool?.options.connectionString;
  if (!connectionString) throw new Error("The PostgreSQL pool was not opened from a connection string");
  // A small pool of its own, so queue maintenance and LISTEN never take the app's connections.
  return { ...common, connectionString, max: 3, application_name: "dongthuan-jobs" };
}

export async function createJobQueue(database: Database, logger: JobLogger): Promise<JobQueue> {
  let boss: PgBoss | null = null;
  let starting: Promise<void> | null = null;
  const handlers = new Map<string, (data: object) => Promise<void>>();
  const createdQueues = new Set<string>();

  function running(): PgBoss {
    if (!boss) throw new Error("The job queue is not running: call start() first");
    return boss;
  }

  // pg-boss 10+ refuses jobs for a queue that was never created; creating is idempotent.
  async function ensureQueue(instance: PgBoss, name: string) {
    if (createdQueues.has(name)) return;
    // A failure is usually a server that is down for a while (mail, disk): retry after 15–30 s,
    // then 30–60 s (backoff with jitter), rather than twice within a second.
    await instance.createQueue(name, {
      notify: true,
      deleteAfterSeconds: KEY_RETENTION_SECONDS,
      retryLimit: 2,
      retryDelay: 30,
      retryBackoff: true,
    });
    createdQueues.add(name);
  }

  async function register(instance: PgBoss, name: string, handler: (data: object) => Promise<void>) {
    await ensureQueue(instance, name);
    await instance.work<object>(
      name,
      {
        // A sent job wakes the worker at once (NOTIFY); retries and deferred jobs send no notice,
        // so polling every 2 s (pg-boss's default) bounds how late they start.
        pollingIntervalSeconds: 2,
        notifyPollingIntervalSeconds: 2,
        // One job per fetch would drain a backlog at one job per poll (measured: 500 reminders
        // would take 17 minutes). Fetching a few and fetching again at once while the batches
        // come back full drains it continuously.
        batchSize: 5,
        burstWhenBatchFull: true,
        // Each job settles on its own: one failure must not send its batch-mates, already done,
        // round again.
        perJobResults: true,
      },
      async (jobs) => {
        const results: JobResult[] = [];
        for (const job of jobs) {
          // Stopping: the jobs not started yet are left out, so pg-boss retries them after the
          // restart instead of this process running them after it gave them up.
          if (job.signal.aborted) break;
          const started = Date.now();
          try {
            await handler(job.data);
            results.push({ id: job.id, status: "completed" });
            logger.info({ queue: name, jobId: job.id, ms: Date.now() - started }, "job done");
          } catch (error) {
            // Stored in the job's row and logged: never a failed query's parameters (log-policy.ts).
            const message = safeErrorMessage(error);
            // pg-boss retries it (retryLimit) and then marks it failed; the message is enough here.
            results.push({ id: job.id, status: "failed", output: { message } });
            logger.error(
              { queue: name, jobId: job.id, attempt: job.retryCount + 1, error: message },
              "job failed",
            );
          }
        }
        return results;
      },
    );
  }

  async function doStart() {
    const instance = new PgBoss(bossOptions(database));
    // Without a listener an 'error' event would throw and end the process.
    instance.on("error", (error: Error) =>
      logger.error({ error: safeErrorMessage(error) }, "job queue error"),
    );
    instance.on("warning", (warning: { message: string; data?: { type?: string } }) =>
      logger.warn({ type: warning.data?.type ?? null, detail: warning.message }, "job queue warning"),
    );
    await instance.start();
    try {
      createdQueues.clear();
      for (const [name, handler] of handlers) await register(instance, name, handler);
    } catch (error) {
      await instance.stop({ graceful: false }).catch(() => {});
      throw error;
    }
    boss = instance;
  }

  return {
    async start() {
      if (boss) return;
      starting ??= doStart().finally(() => {
        starting = null;
      });
      await starting;
    },

    async stop() {
      if (starting) await starting.catch(() => {});
      const instance = boss;
      boss = null;
      // Graceful: a running job gets up to 30 s to finish; one still running then is failed and
      // retried on the next start, since it is a row.
      if (instance) await instance.stop({ graceful: true, timeout: 30_000 });
    },

    async send(name, data, options = {}) {
      const instance = running();
      await ensureQueue(instance, name);
      return instance.send(name, data, {
        ...(options.singletonKey !== undefined
          ? { singletonKey: options.singletonKey, id: jobIdForKey(name, options.singletonKey) }
          : {}),
        ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
        ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
        ...(options.retryDelaySeconds !== undefined ? { retryDelay: options.retryDelaySeconds } : {}),
      });
    },

    async work(name, handler) {
      if (handlers.has(name)) throw new Error(`A handler is already registered for the job queue "${name}"`);
      const untyped = handler as (data: object) => Promise<void>;
      handlers.set(name, untyped);
      if (boss) {
        try {
          await register(boss, name, untyped);
        } catch (error) {
          handlers.delete(name);
          throw error;
        }
      }
    },

    async schedule(name, cron, data = {}) {
      const instance = running();
      await ensureQueue(instance, name);
      // missed: "once" — a night the server was down still gets one run when it is back, not none.
      await instance.schedule(name, cron, data, { tz: JOB_TIME_ZONE, missed: "once" });
    },

    async getSchedules() {
      const schedules = await running().getSchedules();
      return schedules
        .map((schedule) => ({ name: schedule.name, cron: schedule.cron, timezone: schedule.timezone }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

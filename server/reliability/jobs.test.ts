// The report reminders (server/modules/reports/jobs.ts), run as a job on the real queue (pg-boss),
// crash half-way through: the database connection is lost at the third message. pg-boss retries
// the job; the retry sends the rest, and every message reaches a real SMTP peer exactly once —
// the messages the crashed run had recorded are not sent again (each has its key in
// report_sent_log, written with its notices and e-mails), the ones it had not are not lost. A
// scan that runs once more sends nothing.

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import type { Database } from "../db/connection.ts";
import { createJobQueue, type JobQueue } from "../jobs/queue.ts";
import { addDays, todayInVietnam } from "../lib/calendar/index.ts";
import { resetClock, setClock } from "../lib/clock.ts";
import { createMemoryStorage } from "../lib/storage.ts";
import { installModules } from "../modules/index.ts";
import { createMailer } from "../modules/notifications/mailer.ts";
import { drainOutbox, outboxIdle } from "../modules/notifications/outbox.ts";
import { startSmtpPeer } from "../modules/notifications/testing.ts";
import { type ReportJobDeps, runReminders } from "../modules/reports/jobs.ts";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { type Client, createTestApp, signIn } from "../test/harness.ts";

installModules();

// The demo as of its usual day; the reminders run on a spring day, when no yearly or half-yearly
// deadline of the demo's plans is near, so every reminder is for this test's own request.
const DEMO_AT = "2026-12-07T09:00:00+07:00";
const SPRING = "2026-04-20T09:00:00+07:00";
const quiet = { info() {}, warn() {}, error() {} };

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The same database, whose connection is lost at its `at`-th transaction and after: what a job
 * meets when the database server goes away, or the process is stopped, half-way through.
 */
function losingConnectionAt(database: Database, at: number): Database {
  let count = 0;
  const db = new Proxy(database.db, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key === "transaction") {
        return (...args: Parameters<Database["db"]["transaction"]>) => {
          if (++count >= at) return Promise.reject(new Error("Connection terminated unexpectedly"));
          return target.transaction(...args);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { ...database, db };
}

forEachEngineWithDemo(
  "a reminder job that crashes half-way",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let tenantId: string;
    let coordinator: Client;
    let queue: JobQueue;
    let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;

    beforeAll(async () => {
      setClock(DEMO_AT);
      database = getDatabase();
      ({
        app,
        tenant: { id: tenantId },
      } = await createTestApp(database));
      coordinator = await signIn(app, "dieuphoi");
      smtp = await startSmtpPeer();
      queue = await createJobQueue(database, quiet);
      await queue.start();
      setClock(SPRING);
    });
    afterAll(async () => {
      resetClock();
      await queue?.stop();
      await smtp?.close();
      await app.close();
    });

    it("retries the job, and each reminder reaches the SMTP peer exactly once", async () => {
      const today = todayInVietnam();
      const [plan] = await database.query<{ id: string }>(
        "SELECT id FROM plans WHERE tenant_id = $1 AND status = 'published' ORDER BY created_at LIMIT 1",
        [tenantId],
      );
      // Units whose officers or leaders have e-mail addresses in the demo first, then units whose
      // people are told on the bell only: six reminders, the crash at the third.
      const units = await database.query<{ id: string }>(
        `SELECT u.id FROM units u
          WHERE u.tenant_id = $1 AND u.valid_to IS NULL
          ORDER BY EXISTS (SELECT 1 FROM role_grants g JOIN users x ON x.id = g.user_id
                            WHERE g.unit_id = u.id AND g.role IN ('unit_officer', 'unit_leader')
                              AND x.email IS NOT NULL AND NOT x.disabled) DESC, u.code
          LIMIT 6`,
        [tenantId],
      );
      expect(units).toHaveLength(6);
      const created = await coordinator.post(`/api/reporting/plans/${plan.id}/requests`, {
        title: "Kết quả đợt cao điểm phòng chống thiên tai",
        request: "Báo cáo nhanh kết quả đợt cao điểm.",
        windowStart: addDays(today, -30),
        windowEnd: today,
        deadline: addDays(today, 5),
        unitIds: units.map((u) => u.id),
      });
      expect(created.statusCode, created.body).toBe(201);
      const periodId = created.json().id as string;
      // What the request itself queued is sent before the reminders run.
      await outboxIdle(database);
      const mailsBefore = smtp.mails.length;

      const config = loadConfig(
        { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) } as NodeJS.ProcessEnv,
        { dataDir: "/nonexistent" },
      );
      const mailer = createMailer(config, quiet as never);
      const deps: ReportJobDeps = {
        database,
        config,
        tenantId,
        mailer,
        storage: createMemoryStorage(),
        logger: quiet,
      };
      let runs = 0;
      let recordedByTheCrashedRun = -1;
      await queue.work("test.reports.reminders", async () => {
        runs++;
        if (runs === 2)
          recordedByTheCrashedRun = Number(
            (
              await database.query<{ n: string | number }>(
                "SELECT count(*) AS n FROM report_sent_log WHERE period_id = $1",
                [periodId],
              )
            )[0].n,
          );
        // The first run loses its connection at its third message.
        await runReminders(runs === 1 ? { ...deps, database: losingConnectionAt(database, 3) } : deps, today);
      });
      const id = await queue.send("test.reports.reminders", {}, { retryLimit: 2, retryDelaySeconds: 1 });
      await waitFor(async () => {
        const [row] = await database.query<{ state: string }>("SELECT state FROM pgboss.job WHERE id = $1", [
          id,
        ]);
        return row?.state === "completed" || row?.state === "failed";
      }, "the reminder job");
      const [job] = await database.query<{ state: string; retry_count: number }>(
        "SELECT state, retry_count FROM pgboss.job WHERE id = $1",
        [id],
      );
      expect(job).toMatchObject({ state: "completed", retry_count: 1 });
      expect(runs).toBe(2);
      // The crash fell in the middle: two reminders were recorded, four were left to the retry.
      expect(recordedByTheCrashedRun).toBe(2);
      await outboxIdle(database);
      // The outbox's own safety net, as its job would run it: nothing is left to send.
      expect(await drainOutbox({ database, config, mailer, logger: quiet })).toEqual({ sent: 0, failed: 0 });

      // One reminder per unit, recorded once.
      const logged = await database.query<{ unit_id: string; recipients: string[] }>(
        "SELECT unit_id, recipients FROM report_sent_log WHERE period_id = $1 AND kind = 'reminder'",
        [periodId],
      );
      expect(logged.map((l) => l.unit_id).sort()).toEqual(units.map((u) => u.id).sort());
      // Every e-mail the log promises reached the peer once: not lost to the crash, not sent twice.
      const promised = logged.flatMap((l) => l.recipients).sort();
      const reminders = smtp.mails.slice(mailsBefore).filter((m) => /Nhắc gửi báo cáo/.test(m.subject));
      const received = reminders.flatMap((m) => m.to).sort();
      expect(promised.length).toBeGreaterThanOrEqual(2);
      expect(received).toEqual(promised);
      expect(new Set(received).size).toBe(received.length);

      // The hourly scan again: nothing new.
      expect(await runReminders(deps, today)).toBe(0);
      await outboxIdle(database);
      expect(smtp.mails.slice(mailsBefore).filter((m) => /Nhắc gửi báo cáo/.test(m.subject))).toHaveLength(
        reminders.length,
      );
      await mailer.close();
    });
  },
  { at: DEMO_AT },
);

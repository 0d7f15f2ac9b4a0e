// A PostgreSQL outage under the served process (`dongthuan serve`, its job queue running), as an
// operator meets it: the database refuses connections (ALLOW_CONNECTIONS false, every backend
// terminated) for some seconds. The API answers 503 with Retry-After and a message in the
// request's language, readiness names the database, liveness stays 200; once connections are
// allowed again the same process answers normally (no restart), and the jobs queued before and
// during the outage each run once. server/http/outage.test.ts checks the answers in-process on
// both engines; this is the real process, its pools and pg-boss.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../db/connection.ts";
import { SCHEDULES } from "../jobs/index.ts";
import { createJobQueue, type JobQueue, jobIdForKey } from "../jobs/queue.ts";
import { clock } from "../lib/clock.ts";
import { forEachEngineWithDemo, postgresAdminUrl } from "../test/engines.ts";
import { DEMO_PASSWORD } from "../test/harness.ts";
import { auditKeyEnv, type Served, Session, serve } from "./served.ts";

const quiet = { info() {}, warn() {}, error() {} };
const OUTAGE_MS = 4000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(
  check: () => Promise<T | null | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

forEachEngineWithDemo(
  "a PostgreSQL outage under the served process",
  (getDatabase) => {
    let database: Database;
    let name: string;
    let dataDir: string;
    let server: Served;
    let base: string;
    let queue: JobQueue;
    const vi = new Session("admin");
    const en = new Session("admin");

    const admin = async (sql: string, params: unknown[] = []) => {
      const client = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end().catch(() => {});
      }
    };
    const jobState = async (id: string) =>
      (
        await database.query<{ state: string; retry_count: number }>(
          "SELECT state, retry_count FROM pgboss.job WHERE id = $1",
          [id],
        )
      )[0];

    beforeAll(async () => {
      database = getDatabase();
      name = (await database.query<{ name: string }>("SELECT current_database() AS name"))[0].name;
      dataDir = mkdtempSync(join(tmpdir(), "dt-outage-"));
      server = serve({
        dataDir,
        databaseUrl: database.pool!.options.connectionString!,
        env: auditKeyEnv(),
      });
      base = await server.ready;
      for (const [session, locale] of [
        [vi, "vi"],
        [en, "en"],
      ] as const) {
        session.base = base;
        const login = await session.request(
          "POST",
          "/api/auth/login",
          { username: "admin", password: DEMO_PASSWORD },
          { "accept-language": locale },
        );
        expect(login.status, login.text).toBe(200);
      }
      // A queue of this process on the same database: it sends, the served process works.
      queue = await createJobQueue(database, quiet);
      await queue.start();
    });
    afterAll(async () => {
      await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => {});
      await queue?.stop().catch(() => {});
      if (server && server.child.exitCode === null) {
        server.child.kill("SIGTERM");
        await server.exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("answers 503 with Retry-After during the outage, recovers without a restart, and runs each job once", async () => {
      // An expired session, for the purge job to remove: what shows that the job ran.
      const [user] = await database.query<{ id: string; tenant_id: string }>(
        "SELECT id, tenant_id FROM users WHERE username = 'dieuphoi'",
      );
      await database.query(
        "INSERT INTO sessions (id, tenant_id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, 'c', $4)",
        ["outage-expired", user.tenant_id, user.id, clock.fromNow(-3600_000).toISOString()],
      );
      // Queued before the outage, due in the middle of it.
      const beforeKey = `outage-before-${name}`;
      const before = await queue.send(
        SCHEDULES.purgeSessions.name,
        {},
        {
          singletonKey: beforeKey,
          startAfter: new Date(Date.now() + OUTAGE_MS / 2),
          retryLimit: 2,
          retryDelaySeconds: 1,
        },
      );
      expect(before).toBe(jobIdForKey(SCHEDULES.purgeSessions.name, beforeKey));
      expect((await vi.request("GET", "/api/units")).status).toBe(200);

      await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [name],
      );
      const outageStarted = Date.now();

      // Staff and public routes, in both languages: 503, Retry-After, the database named.
      for (const [session, locale, message] of [
        [vi, "vi", "Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau 5 giây."],
        [en, "en", "The server cannot reach its database at the moment. Please try again in 5 seconds."],
      ] as const) {
        for (const url of ["/api/units", "/api/public/plans"]) {
          const response = await session.request("GET", url, undefined, { "accept-language": locale });
          expect(response.status, `${url} ${response.text}`).toBe(503);
          expect(response.json().error).toMatchObject({ code: "database_unavailable", message });
        }
      }
      const raw = await fetch(`${base}/api/public/plans`);
      expect(raw.status).toBe(503);
      expect(raw.headers.get("retry-after")).toBe("5");
      // A write: refused whole, nothing half-done.
      const write = await fetch(`${base}/api/public/petitions`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": `outage-write-${name}` },
        body: JSON.stringify({
          kind: "phan-anh",
          text: "Đèn tín hiệu giao thông ở ngã tư hỏng từ sáng, xe cộ ùn tắc.",
          communeName: "phuong rach gia",
          contact: { name: "Người dân", phone: "0912000111" },
        }),
      });
      expect(write.status).toBe(503);
      expect(write.headers.get("retry-after")).toBe("5");
      const ready = await fetch(`${base}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: "degraded",
        cause: "database",
        database: { ok: false },
      });
      const live = await fetch(`${base}/api/health/live`);
      expect(live.status).toBe(200);

      // A job sent during the outage is refused to its sender, who sends it again afterwards.
      const duringKey = `outage-during-${name}`;
      await expect(
        queue.send(SCHEDULES.purgeSessions.name, {}, { singletonKey: duringKey, retryDelaySeconds: 1 }),
      ).rejects.toThrow();

      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - outageStarted)));
      await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);

      // The same process, without a restart, answers again.
      await waitFor(async () => (await vi.request("GET", "/api/units")).status === 200, "the API to recover");
      expect(server.child.exitCode).toBeNull();
      expect((await fetch(`${base}/api/health/ready`)).status).toBe(200);
      const retried = await fetch(`${base}/api/public/petitions`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": `outage-write-${name}` },
        body: JSON.stringify({
          kind: "phan-anh",
          text: "Đèn tín hiệu giao thông ở ngã tư hỏng từ sáng, xe cộ ùn tắc.",
          communeName: "phuong rach gia",
          contact: { name: "Người dân", phone: "0912000111" },
        }),
      });
      expect(retried.status).toBe(201);

      const during = await waitFor(
        () => queue.send(SCHEDULES.purgeSessions.name, {}, { singletonKey: duringKey, retryDelaySeconds: 1 }),
        "the queue to take jobs again",
      );
      // Sent once more (a sender that was not sure): refused, the job exists.
      expect(await queue.send(SCHEDULES.purgeSessions.name, {}, { singletonKey: duringKey })).toBeNull();
      for (const id of [before!, during]) {
        const state = await waitFor(
          async () => {
            const row = await jobState(id);
            return row?.state === "completed" || row?.state === "failed" ? row : null;
          },
          `job ${id} to finish`,
          60_000,
        );
        // Completed on its first run: fetched once, never retried.
        expect(state).toMatchObject({ state: "completed", retry_count: 0 });
      }
      const left = await database.query("SELECT id FROM sessions WHERE id = 'outage-expired'");
      expect(left).toEqual([]);
      const petitions = await database.query<{ n: string }>(
        "SELECT count(*) AS n FROM petition_idempotency WHERE key = $1",
        [`outage-write-${name}`],
      );
      expect(Number(petitions[0].n)).toBe(1);
    }, 120_000);
  },
  { engines: ["postgres"] },
);

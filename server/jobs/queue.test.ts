import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/connection.ts";
import { migrate } from "../db/migrate.ts";
import { forEachEngine } from "../test/engines.ts";
import { createJobQueue, type JobLogger, type JobQueue, jobIdForKey } from "./queue.ts";

function recordingLogger() {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const logger: JobLogger = {
    info: (obj, msg) => lines.push({ level: "info", obj, msg }),
    warn: (obj, msg) => lines.push({ level: "warn", obj, msg }),
    error: (obj, msg) => lines.push({ level: "error", obj, msg }),
  };
  return { logger, lines };
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function jobState(database: Database, id: string): Promise<string | undefined> {
  const rows = await database.query<{ state: string }>("SELECT state FROM pgboss.job WHERE id = $1", [id]);
  return rows[0]?.state;
}

describe("jobIdForKey", () => {
  it("is a stable version-5 UUID per queue and key", () => {
    const id = jobIdForKey("mail.reminder", "task-1:2026-12-01");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobIdForKey("mail.reminder", "task-1:2026-12-01")).toBe(id);
    expect(jobIdForKey("mail.reminder", "task-2:2026-12-01")).not.toBe(id);
    expect(jobIdForKey("mail.digest", "task-1:2026-12-01")).not.toBe(id);
  });
});

forEachEngine("job queue", (getDatabase) => {
  let queue: JobQueue;
  const log = recordingLogger();

  beforeAll(async () => {
    queue = await createJobQueue(getDatabase(), log.logger);
    await queue.start();
  });

  afterAll(async () => {
    await queue?.stop();
  });

  it("refuses to send before it is started", async () => {
    const idle = await createJobQueue(getDatabase(), log.logger);
    await expect(idle.send("test.idle", {})).rejects.toThrow(/not running/);
  });

  it("processes a job sent once, with its data", async () => {
    const seen: { n: number; text: string }[] = [];
    await queue.work<{ n: number; text: string }>("test.once", async (data) => {
      seen.push(data);
    });
    const id = await queue.send("test.once", { n: 1, text: "Sở Nội vụ" });
    expect(id).toEqual(expect.any(String));
    await waitFor(async () => (await jobState(getDatabase(), id!)) === "completed", "the job to complete");
    expect(seen).toEqual([{ n: 1, text: "Sở Nội vụ" }]);
    expect(log.lines.filter((line) => line.level === "error")).toEqual([]);
  });

  it("runs a job sent twice with the same singleton key once, even after it ran", async () => {
    let runs = 0;
    await queue.work("test.keyed", async () => {
      runs++;
    });
    const first = await queue.send("test.keyed", { task: "A" }, { singletonKey: "task-A:2026-12-01" });
    const second = await queue.send("test.keyed", { task: "A" }, { singletonKey: "task-A:2026-12-01" });
    expect(first).toBe(jobIdForKey("test.keyed", "task-A:2026-12-01"));
    expect(second).toBeNull();
    await waitFor(async () => (await jobState(getDatabase(), first!)) === "completed", "the keyed job");
    // pg-boss's own policies would accept this one, the first having left the queue.
    expect(await queue.send("test.keyed", { task: "A" }, { singletonKey: "task-A:2026-12-01" })).toBeNull();
    // Another key is another job.
    const other = await queue.send("test.keyed", { task: "B" }, { singletonKey: "task-B:2026-12-01" });
    await waitFor(async () => (await jobState(getDatabase(), other!)) === "completed", "the second key");
    expect(runs).toBe(2);
  });

  it("retries a failing job up to its retry limit and logs the failure", async () => {
    let attempts = 0;
    await queue.work("test.flaky", async () => {
      attempts++;
      if (attempts === 1) throw new Error("mail server busy");
    });
    const id = await queue.send("test.flaky", {}, { retryLimit: 1, retryDelaySeconds: 1 });
    await waitFor(async () => (await jobState(getDatabase(), id!)) === "completed", "the retried job");
    expect(attempts).toBe(2);
    const failure = log.lines.find((line) => line.level === "error" && line.msg === "job failed");
    expect(failure?.obj).toMatchObject({ queue: "test.flaky", jobId: id, error: "mail server busy" });
  });

  it("drains a backlog without waiting a poll per job, and a failure does not rerun its batch-mates", async () => {
    const ids: string[] = [];
    for (let n = 0; n < 20; n++) ids.push((await queue.send("test.backlog", { n }, { retryLimit: 0 }))!);
    const runs = new Map<number, number>();
    const started = Date.now();
    await queue.work<{ n: number }>("test.backlog", async ({ n }) => {
      runs.set(n, (runs.get(n) ?? 0) + 1);
      if (n === 6) throw new Error("bad address");
    });
    const states = async () =>
      (
        await getDatabase().query<{ state: string }>(
          "SELECT state FROM pgboss.job WHERE id = ANY($1::uuid[])",
          [ids],
        )
      ).map((row) => row.state);
    await waitFor(
      async () => (await states()).every((s) => s === "completed" || s === "failed"),
      "the backlog",
    );
    // One job per 2 s poll would take 40 s.
    expect(Date.now() - started).toBeLessThan(5000);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(runs.size).toBe(20);
    expect((await states()).filter((s) => s === "failed")).toHaveLength(1);
  });

  it("keeps a job deferred until its start time", async () => {
    const id = await queue.send("test.later", {}, { startAfter: new Date(Date.now() + 3600_000) });
    const rows = await getDatabase().query<{ start_after: Date }>(
      "SELECT start_after FROM pgboss.job WHERE id = $1",
      [id],
    );
    expect(new Date(rows[0].start_after).getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it("registers a cron schedule in Asia/Ho_Chi_Minh time", async () => {
    await queue.schedule("test.nightly", "0 2 * * *", { kind: "nightly" });
    await queue.schedule("test.nightly", "30 2 * * *", { kind: "nightly" });
    const schedules = await queue.getSchedules();
    expect(schedules.filter((s) => s.name === "test.nightly")).toEqual([
      { name: "test.nightly", cron: "30 2 * * *", timezone: "Asia/Ho_Chi_Minh" },
    ]);
  });

  it("refuses a second handler for the same queue", async () => {
    await expect(queue.work("test.once", async () => {})).rejects.toThrow(/already registered/);
  });

  it("keeps a job sent before a stop and runs it after the next start", async () => {
    const embedded = getDatabase().engine === "pglite";
    // The embedded engine restarts from its folder, as a server would; PostgreSQL keeps its rows.
    const dataDir = embedded ? mkdtempSync(join(tmpdir(), "dongthuan-queue-")) : null;
    const open = async () => {
      if (!dataDir) return getDatabase();
      const database = await openDatabase({ dataDir });
      await migrate(database);
      return database;
    };
    try {
      let database = await open();
      const before = await createJobQueue(database, log.logger);
      await before.start();
      const id = await before.send("test.restart", { letter: "Công văn số 12" });
      await before.stop();
      if (dataDir) {
        await database.close();
        database = await open();
      }
      expect(await jobState(database, id!)).toBe("created");

      const seen: object[] = [];
      const after = await createJobQueue(database, log.logger);
      await after.work("test.restart", async (data) => {
        seen.push(data);
      });
      await after.start();
      await waitFor(async () => (await jobState(database, id!)) === "completed", "the job after restart");
      expect(seen).toEqual([{ letter: "Công văn số 12" }]);
      // Stop and start the same queue again: its handlers come back with it.
      await after.stop();
      await after.start();
      const again = await after.send("test.restart", { letter: "again" });
      await waitFor(async () => (await jobState(database, again!)) === "completed", "a job after start");
      expect(seen).toHaveLength(2);
      await after.stop();
      if (dataDir) await database.close();
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { clock } from "../lib/clock.ts";
import { createMailer } from "../modules/notifications/mailer.ts";
import { ensureTenant } from "../modules/orgs/service.ts";
import { forEachEngine } from "../test/engines.ts";
import { lastBackup, SCHEDULES, startJobs } from "./index.ts";
import type { JobQueue } from "./queue.ts";

const quiet = { info() {}, warn() {}, error() {} };

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

forEachEngine("system jobs", (getDatabase) => {
  let dataDir: string;
  let queue: JobQueue;
  let config: ReturnType<typeof loadConfig>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "dongthuan-jobs-"));
    config = loadConfig({} as NodeJS.ProcessEnv, { dataDir, backupKeep: 2 });
    const database = getDatabase();
    const tenant = await ensureTenant(database.db, "jobs-runner", "Tỉnh chạy việc");
    queue = await startJobs({ database, config, logger: quiet, tenant, mailer: createMailer(config, quiet) });
  });

  afterAll(async () => {
    await queue?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("schedules every module's jobs (the session purge hourly, audit checkpoints every ten minutes, the petitions' daily checks …) and the backup at 02:00 in embedded mode only", async () => {
    const zone = "Asia/Ho_Chi_Minh";
    const expected = [
      { name: "assignments.occurrences", cron: "30 0 * * *", timezone: zone },
      { name: "audit.checkpoint", cron: "*/10 * * * *", timezone: zone },
      { name: "dialogues.commitments", cron: "30 7 * * *", timezone: zone },
      { name: "notifications.outbox", cron: "*/5 * * * *", timezone: zone },
      { name: "petitions.daily", cron: "0 7 * * *", timezone: zone },
      { name: "reports.scan", cron: "5 * * * *", timezone: zone },
      { name: "sessions.purge", cron: "0 * * * *", timezone: zone },
    ];
    if (getDatabase().engine === "pglite")
      expected.push({ name: "backup.nightly", cron: "0 2 * * *", timezone: zone });
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect((await queue.getSchedules()).sort(byName)).toEqual(expected.sort(byName));
  });

  it("purges expired sessions and keeps live ones", async () => {
    const database = getDatabase();
    const [tenant] = await database.query<{ id: string }>(
      "INSERT INTO tenants (code, name) VALUES ('jobs-test', 'Tỉnh thử') RETURNING id",
    );
    const [user] = await database.query<{ id: string }>(
      "INSERT INTO users (tenant_id, username, display_name, password_hash) VALUES ($1, 'vanthu', 'Văn thư', 'x') RETURNING id",
      [tenant.id],
    );
    // Expiry is judged by the server's clock, not the database's.
    for (const [id, offset] of [
      ["expired", -3_600_000],
      ["live", 3_600_000],
    ] as const) {
      await database.query(
        "INSERT INTO sessions (id, tenant_id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, 'c', $4)",
        [id, tenant.id, user.id, clock.fromNow(offset).toISOString()],
      );
    }
    await queue.send(SCHEDULES.purgeSessions.name, {});
    const ids = async () =>
      (await database.query<{ id: string }>("SELECT id FROM sessions ORDER BY id")).map((r) => r.id);
    await waitFor(async () => (await ids()).length === 1, "the purge");
    expect(await ids()).toEqual(["live"]);
  });

  it("writes a backup when the nightly job runs (embedded)", async () => {
    if (getDatabase().engine !== "pglite") {
      // No worker on PostgreSQL: the server's operator backs it up.
      expect(await lastBackup(config)).toBeNull();
      return;
    }
    expect(await lastBackup(config)).toBeNull();
    await queue.send(SCHEDULES.nightlyBackup.name, {}, { singletonKey: "2026-11-27" });
    await waitFor(async () => (await lastBackup(config)) !== null, "the backup");
    const last = await lastBackup(config);
    expect(last?.file).toContain(join(dataDir, "backups"));
    expect(last?.bytes).toBeGreaterThan(100_000);
    expect(Date.now() - new Date(last!.at).getTime()).toBeLessThan(60_000);
  });
});

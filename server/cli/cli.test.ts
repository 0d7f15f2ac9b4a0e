import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../db/connection.ts";
import { main } from "../main.ts";
import { commands } from "./commands.ts";

const root = new URL("../..", import.meta.url).pathname;

/** Runs the command line in this process, capturing what it prints. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  try {
    const code = await main(argv);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("dongthuan command line", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "dt-cli-"));
    process.env.DEMO_PASSWORD = "cli-demo-password";
  });
  afterAll(() => {
    delete process.env.DEMO_PASSWORD;
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  it("prints help for every command and exits 0", async () => {
    for (const command of commands) {
      const result = await cli(...command.name.split(" "), "--help");
      expect(result.code, command.name).toBe(0);
      expect(result.out).toContain(`Usage: dongthuan ${command.name}`);
    }
    expect((await cli("--help")).out).toContain("audit verify");
  });

  it("exits 2 with help on an unknown command, option or missing argument", async () => {
    expect((await cli("frobnicate")).code).toBe(2);
    const badOption = await cli("migrate", "--colour");
    expect(badOption.code).toBe(2);
    expect(badOption.err).toMatch(/Unknown option '--colour'/);
    expect((await cli("users", "create", "--data-dir", dataDir)).err).toMatch(/USERNAME is required/);
  });

  it("migrates, loads the demo once, and refuses to load it twice", async () => {
    expect((await cli("migrate", "--data-dir", dataDir)).out).toMatch(
      /3\/3 migrations applied|(\d+)\/\1 migrations applied/,
    );
    const demo = await cli("demo", "--data-dir", dataDir);
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/Demo province loaded/);
    expect(demo.out).toMatch(/dieuphoi/);
    const again = await cli("demo", "--data-dir", dataDir);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already loaded/);
    // Loading the whole province takes a quarter of a minute alone, several on a busy machine.
  }, 240_000);

  it("creates an account with a role on a unit named by code, and resets its password", async () => {
    const created = await cli(
      "users",
      "create",
      "tranthib",
      "--name",
      "Trần Thị B",
      "--role",
      "unit_officer@SNV",
      "--data-dir",
      dataDir,
    );
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Temporary password \(shown once\): \S{16}/);
    const badRole = await cli(
      "users",
      "create",
      "x1",
      "--name",
      "X",
      "--role",
      "emperor@SNV",
      "--data-dir",
      dataDir,
    );
    expect(badRole.code).toBe(2);
    const badUnit = await cli(
      "users",
      "create",
      "x2",
      "--name",
      "X",
      "--role",
      "unit_officer@Nowhere",
      "--data-dir",
      dataDir,
    );
    expect(badUnit.err).toMatch(/no unit has the code or name "Nowhere"/);
    const reset = await cli("users", "reset-password", "tranthib", "--data-dir", dataDir);
    expect(reset.out).toMatch(/New temporary password for tranthib/);
    expect((await cli("users", "reset-password", "ghost", "--data-dir", dataDir)).code).toBe(1);

    // A lost phone: the second factor is removed, and the removal recorded.
    const opened = await openDatabase({ dataDir });
    await opened.query(
      "UPDATE users SET totp_enabled = true, totp_secret = 'JBSWY3DPEHPK3PXP' WHERE username = 'tranthib'",
    );
    await opened.close();
    const removed = await cli("users", "reset-second-factor", "tranthib", "--data-dir", dataDir);
    expect(removed.out).toMatch(/Second factor of tranthib removed/);
    expect((await cli("users", "reset-second-factor", "tranthib", "--data-dir", dataDir)).out).toMatch(
      /has no second factor/,
    );
    const after = await openDatabase({ dataDir });
    const [row] = await after.query<{ totp_enabled: boolean; n: number }>(
      "SELECT totp_enabled, (SELECT count(*)::int FROM audit_log WHERE action = 'user.totp_reset') AS n FROM users WHERE username = 'tranthib'",
    );
    await after.close();
    expect(row).toEqual({ totp_enabled: false, n: 1 });
  });

  it("verifies the audit trail, and names the row after it was tampered with", async () => {
    const clean = await cli("audit", "verify", "--data-dir", dataDir);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(
      /Audit trail intact: \d+ entries checked under key [0-9a-f]{16}; no checkpoint yet/,
    );
    const anchored = await cli("audit", "checkpoint", "--data-dir", dataDir);
    expect(anchored.out).toMatch(/Checkpoint written to .*audit-checkpoints\.jsonl: row \d+/);
    expect((await cli("audit", "verify", "--data-dir", dataDir)).out).toMatch(/against 1 checkpoint\(s\)/);
    const database = await openDatabase({ dataDir });
    await database.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
    await database.query(`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 2`);
    await database.close();
    const broken = await cli("audit", "verify", "--data-dir", dataDir);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/row 2 .* was edited after it was written/);
  });

  it("previews and applies a directory event from a file, and refuses a malformed one", async () => {
    const file = join(dataDir, "event.json");
    writeFileSync(
      file,
      JSON.stringify({
        title: "Sáp nhập thử",
        effectiveDate: "2026-06-01",
        legalBasis: "Quyết định thử nghiệm",
        changes: [{ kind: "merge", from: ["SNgV"], into: "VPUBND" }],
      }),
    );
    const dry = await cli("directory", "apply-event", file, "--dry-run", "--data-dir", dataDir);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Would apply: Sáp nhập thử/);
    expect(dry.out).toMatch(/- Sở Ngoại vụ tỉnh An Giang → Văn phòng Ủy ban nhân dân tỉnh An Giang/);
    const real = await cli("directory", "apply-event", file, "--data-dir", dataDir);
    expect(real.out).toMatch(/^Applied/);
    const again = await cli("directory", "apply-event", file, "--data-dir", dataDir);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already closed \(last day 2026-05-31\)/);
    writeFileSync(file, JSON.stringify({ title: "x", changes: [] }));
    const bad = await cli("directory", "apply-event", file, "--data-dir", dataDir);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/effectiveDate/);
  });

  it("fails clearly when PostgreSQL cannot be reached", async () => {
    const result = await cli("migrate", "--database-url", "postgres://nobody@127.0.0.1:1/none");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Cannot connect to PostgreSQL/);
  });
});

describe("dongthuan serve as a process", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "dt-serve-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function start() {
    const child = spawn(
      process.execPath,
      [join(root, "bin/dongthuan.mjs"), "serve", "--port", "0", "--data-dir", dataDir],
      {
        env: { ...process.env, DEMO_PASSWORD: "serve-demo-password", LOG_LEVEL: "warn" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
    const ready = new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = output.match(/running at (http:\/\/\S+)/);
        if (match) {
          clearInterval(timer);
          resolve(match[1]);
        }
      }, 100);
      exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`exited ${code}: ${output}`));
      });
    });
    return { child, ready, exited, output: () => output };
  }

  it("starts, loads the demo, refuses a second server on the folder, and stops cleanly on SIGTERM", async () => {
    const first = start();
    const url = await first.ready;
    expect(first.output()).toMatch(/Demo province loaded/);
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", engine: "pglite" });

    const second = start();
    await expect(second.ready).rejects.toThrow(/already open in process/);
    expect(await second.exited).toBe(1);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, "server.lock"))).toBe(false);
  }, 240_000);
});

/**
 * Runs an integration suite once per database engine, each on a fresh migrated database.
 *
 *   forEachEngine("audit trail", (getDatabase) => {
 *     beforeAll(async () => { database = getDatabase(); ... });
 *     it("...", async () => { ... });
 *   });
 *
 * - PGlite always. A migrated PGlite data folder is built once per set of migrations and PGlite
 *   version (about 3 s) and kept in the temp folder; each block copies it to a folder of its own
 *   and opens the copy (about 0.4 s, against 2 s to initialise a new in-memory cluster and
 *   migrate it). So `database.dir` is set, as in production; the copy is removed afterwards.
 * - PostgreSQL on the server named by DATABASE_URL, or else on postgres://postgres@127.0.0.1:5432.
 *   Each block creates a throwaway database `dt_test_<time>_<random>` there and drops it after;
 *   the database DATABASE_URL names is only used to run CREATE/DROP DATABASE, never written to.
 *   Without a server the PostgreSQL block is skipped with a message, except under CI (the `CI`
 *   variable set), where it fails: CI must test both engines. A DATABASE_URL that does not answer
 *   always fails.
 *
 * The database belongs to the describe block: tests in it share it, so give rows unique names.
 * `getDatabase()` works in the block's hooks and tests (this block's `beforeAll` runs first and
 * its `afterAll` last), not while the block is being declared. `options.engines` limits the
 * engines, e.g. `{ engines: ["postgres"] }` for a test of pg_dump.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import { type Database, type Engine, openDatabase, redactUrl } from "../db/connection.ts";
import { migrate, migrationsFolder } from "../db/migrate.ts";

export interface EngineOptions {
  /** Only these engines (default: both). */
  engines?: Engine[];
}

const LOCAL_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const inCi = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";

type PostgresProbe = { available: true; adminUrl: string } | { available: false; reason: string };

function portAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function probePostgres(): Promise<PostgresProbe> {
  const configured = process.env.DATABASE_URL?.trim();
  if (!configured && !(await portAnswers("127.0.0.1", 5432, 500))) {
    return {
      available: false,
      reason: "no PostgreSQL answers on 127.0.0.1:5432 and DATABASE_URL is not set",
    };
  }
  const adminUrl = configured || LOCAL_ADMIN_URL;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await sweepLeftovers(client);
    return { available: true, adminUrl };
  } catch (error) {
    const reason = `cannot connect to ${redactUrl(adminUrl)}: ${(error as Error).message}`;
    // An explicit DATABASE_URL that does not work is a mistake to report, not to skip.
    if (configured) throw new Error(`DATABASE_URL is set but ${reason}`);
    return { available: false, reason };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops throwaway databases left by runs that crashed more than six hours ago. */
async function sweepLeftovers(client: pg.Client) {
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'dt\\_test\\_%'",
  );
  const cutoff = Date.now() - 6 * 3600_000;
  for (const { datname } of rows) {
    const created = Number.parseInt(datname.split("_")[2] ?? "", 36);
    if (Number.isFinite(created) && created < cutoff) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
  }
}

// Once per test file (Vitest evaluates this module once per file): a TCP probe of a few ms.
const postgres = await probePostgres();
let warnedSkip = false;

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

// --- PGlite: a migrated template folder, copied per block --------------------------------------

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  let dir = dirname(entry);
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** Changes whenever a migration or the PGlite version does, so a stale template is never used. */
function templateKey(): string {
  const hash = createHash("sha256").update(pgliteVersion());
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(name).update(readFileSync(path));
    }
  };
  walk(migrationsFolder);
  return hash.digest("hex").slice(0, 16);
}

let templatePromise: Promise<string> | null = null;

async function buildTemplate(): Promise<string> {
  const prefix = join(tmpdir(), "dongthuan-pglite-template-");
  const final = `${prefix}${templateKey()}`;
  if (existsSync(final)) return final;
  // Built aside and renamed into place: the rename is atomic, so a folder under the final name
  // is always complete, and when several test processes race the first rename wins.
  const building = mkdtempSync(`${final}.building-`);
  try {
    const database = await openDatabase({ dataDir: building });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    renameSync(building, final);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(final)) throw error;
  }
  // Templates of older migrations are 40 MB each; drop those not touched for a day.
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!path.startsWith(prefix) || path === final) continue;
    try {
      if (statSync(path).mtimeMs < Date.now() - 24 * 3600_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
  return final;
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the copies of test processes that were killed before their afterAll (40 MB each): a
 * copy whose lock names no live process and that is over an hour old.
 */
function sweepCopies() {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith("dongthuan-test-")) continue;
    const dir = join(tmpdir(), name);
    try {
      const lock = join(dir, "server.lock");
      const pid = existsSync(lock) ? Number(readFileSync(lock, "utf8").trim()) : 0;
      if (pid > 0 && pidIsAlive(pid)) continue;
      if (statSync(dir).mtimeMs < Date.now() - 3600_000) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

async function openPgliteCopy(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (!templatePromise) {
    sweepCopies();
    templatePromise = buildTemplate();
  }
  const template = await templatePromise;
  // Marks it as in use, so another checkout's clean-up (templates untouched for a day) spares it.
  utimesSync(template, new Date(), new Date());
  const dataDir = mkdtempSync(join(tmpdir(), "dongthuan-test-"));
  cpSync(join(template, "db"), join(dataDir, "db"), { recursive: true });
  const database = await openDatabase({ dataDir });
  return {
    database,
    cleanup: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// --- PostgreSQL: a throwaway database per block -------------------------------------------------

async function openPostgresDatabase(
  adminUrl: string,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const name = `dt_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    const database = await openDatabase({ databaseUrl: withDatabaseName(adminUrl, name), poolSize: 5 });
    try {
      await migrate(database);
    } catch (error) {
      await database.close();
      throw error;
    }
    return {
      database,
      cleanup: async () => {
        try {
          await database.close();
        } finally {
          await drop();
        }
      },
    };
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
}

// --- The blocks -------------------------------------------------------------------------------

function engineBlock(
  name: string,
  open: () => Promise<{ database: Database; cleanup: () => Promise<void> }>,
  body: (getDatabase: () => Database) => void,
) {
  describe(name, () => {
    let opened: { database: Database; cleanup: () => Promise<void> } | null = null;
    // Declared before the body's hooks: before-hooks run in order, after-hooks in reverse, so the
    // database is open for every hook and test of the body and closed after all of them.
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => {
      const current = opened;
      opened = null;
      await current?.cleanup();
    });
    body(() => {
      if (!opened) {
        throw new Error(
          `getDatabase() is only available in the hooks and tests of "${name}", after it opened`,
        );
      }
      return opened.database;
    });
  });
}

export function forEachEngine(
  describeName: string,
  body: (getDatabase: () => Database) => void,
  options: EngineOptions = {},
): void {
  const engines = options.engines ?? ["pglite", "postgres"];
  if (engines.includes("pglite")) engineBlock(`${describeName} [pglite]`, openPgliteCopy, body);
  if (!engines.includes("postgres")) return;
  if (postgres.available) {
    const { adminUrl } = postgres;
    engineBlock(`${describeName} [postgres]`, () => openPostgresDatabase(adminUrl), body);
  } else if (inCi) {
    describe(`${describeName} [postgres]`, () => {
      it("needs a PostgreSQL server under CI", () => {
        throw new Error(
          `PostgreSQL is required under CI but ${postgres.reason}. ` +
            "Start one (e.g. the postgres service) or set DATABASE_URL to a role that may CREATE DATABASE.",
        );
      });
    });
  } else {
    if (!warnedSkip) {
      warnedSkip = true;
      console.warn(
        `PostgreSQL suites skipped: ${postgres.reason}. To run them, start PostgreSQL on ` +
          "127.0.0.1:5432 (user postgres, trust) or set DATABASE_URL to a role that may CREATE DATABASE.",
      );
    }
    // The one documented skip: outside CI a developer without PostgreSQL still runs the PGlite half.
    describe.skip(`${describeName} [postgres] (skipped: ${postgres.reason})`, () => {
      body(() => {
        throw new Error("skipped");
      });
    });
  }
}

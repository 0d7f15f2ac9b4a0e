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
 * - `options.demo`: the database starts with the demo province loaded (tenant "kien-giang", the
 *   tests' password), as `createTestApp` would load it. Loading it takes ten seconds or more;
 *   each engine instead keeps a template with the demo loaded — a PGlite folder, a PostgreSQL
 *   database `dt_tpl_<key>_<time>` — built once per version of the code and day, and copies it
 *   for each block (under a second). The template is written with the clock ten minutes back, so
 *   its rows are older than anything a test writes, whatever the clock says (DONGTHUAN_NOW).
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
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import { isDemoLoaded, loadDemo } from "../../demo/load.ts";
import { type Database, type Engine, openDatabase, redactUrl } from "../db/connection.ts";
import { lockFileHolder } from "../db/lock.ts";
import { migrate, migrationsFolder } from "../db/migrate.ts";
import { todayInVietnam } from "../lib/calendar/iso-date.ts";
import { clock, withClockShifted } from "../lib/clock.ts";
import { ensureTenant } from "../modules/orgs/service.ts";
import { DEMO_PASSWORD } from "./harness.ts";

export interface EngineOptions {
  /** Only these engines (default: both). */
  engines?: Engine[];
  /**
   * The database starts with the demo province loaded, copied from a template (see above); with
   * `at`, the demo as loaded with the clock at that instant (for a suite that sets the clock there).
   */
  demo?: boolean | { at: string };
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
  // Demo templates of other code versions or days, a day after they were built.
  const templates = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'dt\\_tpl\\_%'",
  );
  for (const { datname } of templates.rows) {
    const created = Number.parseInt(datname.split("_")[3] ?? "", 36);
    if (Number.isFinite(created) && created < Date.now() - 24 * 3600_000) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
  }
}

// Once per test file (Vitest evaluates this module once per file): a TCP probe of a few ms.
const postgres = await probePostgres();

/**
 * The URL the PostgreSQL blocks run CREATE/DROP DATABASE with, for a test that must act on its
 * throwaway database from outside (an outage: ALLOW_CONNECTIONS false, pg_terminate_backend).
 */
export function postgresAdminUrl(): string {
  if (!postgres.available) throw new Error(`PostgreSQL is not available: ${postgres.reason}`);
  return postgres.adminUrl;
}
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

// --- The demo province, loaded once into a template per engine --------------------------------

/** The template is written this far in the past, so its rows come before anything a test writes. */
const DEMO_BACKDATE_MS = 10 * 60_000;
const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Changes with anything the demo's content depends on: the migrations, the code and data that
 * load it (server/, common/, demo/, the lock file), the password, and the day it is loaded on.
 */
function demoKey(at: string | null): string {
  const hash = createHash("sha256").update(templateKey()).update(DEMO_PASSWORD);
  hash.update(at ?? todayInVietnam(clock.fromNow(-DEMO_BACKDATE_MS)));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === "node_modules" || name.endsWith(".test.ts")) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|json|txt|docx|md)$/.test(name)) hash.update(name).update(readFileSync(path));
    }
  };
  for (const dir of ["server", "common", "demo"]) walk(join(REPO, dir));
  hash.update(readFileSync(join(REPO, "package-lock.json")));
  return hash.digest("hex").slice(0, 16);
}

const demoKeys = new Map<string | null, string>();
const currentDemoKey = (at: string | null) => {
  if (!demoKeys.has(at)) demoKeys.set(at, demoKey(at));
  return demoKeys.get(at) as string;
};

/** Loads the demo province as `createTestApp` would, ten minutes before now (or before `at`). */
async function loadDemoInto(database: Database, at: string | null): Promise<void> {
  const shift = (at ? new Date(at).getTime() - clock.nowMs() : 0) - DEMO_BACKDATE_MS;
  await withClockShifted(shift, async () => {
    const row = await ensureTenant(database.db, "kien-giang", "Tỉnh Kiên Giang");
    if (await isDemoLoaded(database.db, row.id)) return;
    await loadDemo(database, { id: row.id, code: row.code, name: row.name }, { password: DEMO_PASSWORD });
  });
}

let templatePromise: Promise<string> | null = null;
const demoTemplates = new Map<string | null, Promise<string>>();

/** The migrated template with the demo loaded into it: built aside and renamed into place. */
async function buildDemoTemplate(at: string | null): Promise<string> {
  const migrated = await ensureTemplate();
  const final = join(tmpdir(), `dongthuan-pglite-demo-${currentDemoKey(at)}`);
  if (existsSync(final)) return final;
  const building = mkdtempSync(`${final}.building-`);
  try {
    cpSync(join(migrated, "db"), join(building, "db"), { recursive: true });
    const database = await openDatabase({ dataDir: building });
    try {
      await loadDemoInto(database, at);
    } finally {
      await database.close();
    }
    renameSync(building, final);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(final)) throw error;
  }
  return final;
}

function ensureTemplate(): Promise<string> {
  if (!templatePromise) {
    sweepCopies();
    templatePromise = buildTemplate();
  }
  return templatePromise;
}

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
  // Templates of older migrations or demos are 40 MB each; drop those not touched for a day.
  const demoPrefix = join(tmpdir(), "dongthuan-pglite-demo-");
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!(path.startsWith(prefix) || path.startsWith(demoPrefix)) || path === final) continue;
    try {
      if (statSync(path).mtimeMs < Date.now() - 24 * 3600_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
  return final;
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
      if (lockFileHolder(join(dir, "server.lock")) !== null) continue;
      if (statSync(dir).mtimeMs < Date.now() - 3600_000) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

type DemoWanted = { at: string | null } | null;

async function openPgliteCopy(
  demo: DemoWanted,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  let template: string;
  if (demo) {
    if (!demoTemplates.has(demo.at)) demoTemplates.set(demo.at, buildDemoTemplate(demo.at));
    template = await (demoTemplates.get(demo.at) as Promise<string>);
  } else {
    template = await ensureTemplate();
  }
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

const throwawayName = () => `dt_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;

const postgresDemoTemplates = new Map<string | null, Promise<string>>();

/**
 * The PostgreSQL database holding the migrated demo, `dt_tpl_<key>_<time>`: found, or built under
 * an advisory lock (another test process may be building it) in a throwaway database renamed into
 * place when complete, so a half-built template is never found.
 */
async function demoTemplateDatabase(adminUrl: string, at: string | null): Promise<string> {
  const key = currentDemoKey(at);
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [`dt_tpl_${key}`]);
    const found = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC LIMIT 1",
      [`dt\\_tpl\\_${key}\\_%`],
    );
    if (found.rows[0]) return found.rows[0].datname;
    const building = throwawayName();
    await client.query(`CREATE DATABASE "${building}"`);
    try {
      const database = await openDatabase({ databaseUrl: withDatabaseName(adminUrl, building), poolSize: 5 });
      try {
        await migrate(database);
        await loadDemoInto(database, at);
      } finally {
        await database.close();
      }
      const name = `dt_tpl_${key}_${Date.now().toString(36)}`;
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      return name;
    } catch (error) {
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`).catch(() => {});
      throw error;
    }
  } finally {
    await client.end().catch(() => {});
  }
}

async function openPostgresDatabase(
  adminUrl: string,
  demo: DemoWanted,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const name = throwawayName();
  if (demo) {
    if (!postgresDemoTemplates.has(demo.at))
      postgresDemoTemplates.set(demo.at, demoTemplateDatabase(adminUrl, demo.at));
    const template = await (postgresDemoTemplates.get(demo.at) as Promise<string>);
    await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } else {
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  }
  const drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    const database = await openDatabase({ databaseUrl: withDatabaseName(adminUrl, name), poolSize: 5 });
    try {
      if (!demo) await migrate(database);
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

// DT_ENGINES=pglite (or postgres) narrows a run to one engine: the extra runs on pinned days
// (scripts/test-all.mjs) each take one, since what they look for is the date, not the engine.
const onlyEngines = process.env.DT_ENGINES?.split(",")
  .map((engine) => engine.trim())
  .filter(Boolean);

export function forEachEngine(
  describeName: string,
  body: (getDatabase: () => Database) => void,
  options: EngineOptions = {},
): void {
  const own = options.engines ?? ["pglite", "postgres"];
  // A suite written for one engine only still runs on it when the run asks for the other.
  const narrowed = own.filter((engine) => !onlyEngines || onlyEngines.includes(engine));
  const engines = narrowed.length > 0 ? narrowed : own;
  const demo: DemoWanted = options.demo
    ? { at: typeof options.demo === "object" ? options.demo.at : null }
    : null;
  if (engines.includes("pglite")) engineBlock(`${describeName} [pglite]`, () => openPgliteCopy(demo), body);
  if (!engines.includes("postgres")) return;
  if (postgres.available) {
    const { adminUrl } = postgres;
    engineBlock(`${describeName} [postgres]`, () => openPostgresDatabase(adminUrl, demo), body);
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

/**
 * `forEachEngine` on a database that starts with the demo province loaded (`options.demo`); `at`
 * for a suite that sets the clock to that instant before it starts.
 */
export function forEachEngineWithDemo(
  describeName: string,
  body: (getDatabase: () => Database) => void,
  options: Omit<EngineOptions, "demo"> & { at?: string } = {},
): void {
  const { at, ...rest } = options;
  forEachEngine(describeName, body, { ...rest, demo: at ? { at } : true });
}

/**
 * A new data folder holding a copy of the migrated PGlite template, not opened: for a suite that
 * opens, closes and reopens the embedded database itself (backups and restores need the folder
 * unlocked). The caller removes it.
 */
export async function migratedPgliteDataDir(): Promise<string> {
  const template = await ensureTemplate();
  utimesSync(template, new Date(), new Date());
  const dataDir = mkdtempSync(join(tmpdir(), "dongthuan-test-"));
  cpSync(join(template, "db"), join(dataDir, "db"), { recursive: true });
  return dataDir;
}

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
import { afterAll, beforeAll, describe, it } from "vitest";
import type { Database, Engine } from "../db/connection.ts";
import { type DemoWanted, openPgliteCopy } from "./engines-pglite.ts";
import { inCi, openPostgresDatabase, postgres } from "./engines-postgres.ts";

export { migratedPgliteDataDir } from "./engines-pglite.ts";
export { postgresAdminUrl } from "./engines-postgres.ts";

export interface EngineOptions {
  /** Only these engines (default: both). */
  engines?: Engine[];
  /**
   * The database starts with the demo province loaded, copied from a template (see above); with
   * `at`, the demo as loaded with the clock at that instant (for a suite that sets the clock there).
   */
  demo?: boolean | { at: string };
}

let warnedSkip = false;

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
    const { reason } = postgres;
    describe(`${describeName} [postgres]`, () => {
      it("needs a PostgreSQL server under CI", () => {
        throw new Error(
          `PostgreSQL is required under CI but ${reason}. ` +
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

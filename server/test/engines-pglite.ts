import { createHash } from "node:crypto";
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
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDemoLoaded, loadDemo } from "../../demo/load.ts";
import { type Database, openDatabase } from "../db/connection.ts";
import { lockFileHolder } from "../db/lock.ts";
import { migrate, migrationsFolder } from "../db/migrate.ts";
import { todayInVietnam } from "../lib/calendar/iso-date.ts";
import { clock, withClockShifted } from "../lib/clock.ts";
import { ensureTenant } from "../modules/orgs/service.ts";
import { DEMO_PASSWORD } from "./harness.ts";

// The PGlite side of the engine matrix (engines.ts): a migrated template folder, and one with the
// demo province loaded, each built once and copied for every block. The demo's key and loader
// serve the PostgreSQL templates too.

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
export const currentDemoKey = (at: string | null) => {
  if (!demoKeys.has(at)) demoKeys.set(at, demoKey(at));
  return demoKeys.get(at) as string;
};

/** Loads the demo province as `createTestApp` would, ten minutes before now (or before `at`). */
export async function loadDemoInto(database: Database, at: string | null): Promise<void> {
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

export function ensureTemplate(): Promise<string> {
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

export type DemoWanted = { at: string | null } | null;

export async function openPgliteCopy(
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

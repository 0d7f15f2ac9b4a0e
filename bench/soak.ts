// `npm run bench -- --soak`: the crash-durability run of server/reliability/crash.test.ts at soak
// length. On each engine, `dongthuan serve` on a fresh data folder (and, for PostgreSQL, a
// throwaway database on the local server) loads the demo province; then portal clients and an
// officer write to it while it is killed with SIGKILL 20 times at seeded moments and restarted.
// It prints what was acknowledged, resent, lost and doubled, and whether `audit verify` found the
// chain intact; it exits 1 when anything was lost, doubled or half-written.
//
//   --kills N      kills per engine (default 20)
//   --seed N       the seed of the kill moments (default 20261207); the same seed, the same moments
//   --engine E     pglite or postgres only (default both; PostgreSQL from DATABASE_URL or
//                  postgres://postgres@127.0.0.1:5432)
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { type CrashResult, crashRun, type Store, serve } from "../server/reliability/served.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    kills: { type: "string", default: "20" },
    seed: { type: "string", default: "20261207" },
    engine: { type: "string" },
    soak: { type: "boolean" },
  },
});
const kills = Number(values.kills);
const seed = Number(values.seed);
const engines = values.engine ? [values.engine] : ["pglite", "postgres"];
const password = randomBytes(12).toString("hex");

async function admin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The first start loads the demo province (a quarter of a minute or more); then a clean stop. */
async function prepare(store: Store) {
  const started = Date.now();
  const server = serve(store, { DEMO_PASSWORD: password }, 900_000);
  await server.ready;
  server.child.kill("SIGTERM");
  const code = await server.exited;
  if (code !== 0) throw new Error(`the first server stopped with ${code}: ${server.output().slice(-2000)}`);
  return Math.round((Date.now() - started) / 1000);
}

async function soak(engine: string): Promise<CrashResult | null> {
  const dataDir = mkdtempSync(join(tmpdir(), `dt-soak-${engine}-`));
  const env = { AUDIT_KEY: randomBytes(32).toString("hex") };
  let drop: (() => Promise<void>) | null = null;
  try {
    let store: Store = { dataDir, env };
    if (engine === "postgres") {
      const adminUrl = process.env.DATABASE_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";
      const name = `dt_soak_${Date.now().toString(36)}`;
      try {
        await admin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
      } catch (error) {
        console.log(`postgres: cannot create a database on the server (${(error as Error).message})`);
        return null;
      }
      drop = async () => {
        await admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      };
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      store = { ...store, databaseUrl: url.toString() };
    }
    console.log(`${engine}: loading the demo province…`);
    console.log(`${engine}: demo loaded in ${await prepare(store)} s; ${kills} kills, seed ${seed}`);
    return await crashRun({
      store,
      kills,
      seed,
      password,
      log: (line) => console.log(`${engine}: ${line}`),
    });
  } finally {
    await drop?.().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

let failed = false;
const rows: string[][] = [];
for (const engine of engines) {
  const result = await soak(engine).catch((error: Error) => {
    console.log(`${engine}: ! ${error.message}`);
    return null;
  });
  if (!result) {
    failed = true;
    continue;
  }
  const bad =
    result.lost > 0 ||
    result.doubled > 0 ||
    result.halfWritten.length > 0 ||
    result.unexpected.length > 0 ||
    result.audit.code !== 0;
  if (bad) failed = true;
  for (const line of [...result.unexpected, ...result.halfWritten].slice(0, 20))
    console.log(`${engine}: ! ${line}`);
  if (result.audit.code !== 0) console.log(`${engine}: ! audit verify: ${result.audit.out.trim()}`);
  rows.push([
    engine,
    String(result.kills),
    String(result.acknowledged),
    `${result.portalAcknowledged}/${result.staffAcknowledged}/${result.assignmentsAcknowledged}`,
    String(result.retriedAfterKill),
    String(result.replays),
    String(result.lost),
    String(result.doubled),
    String(result.halfWritten.length),
    result.audit.code === 0 ? "intact" : "BROKEN",
    `${(median(result.restartMs) / 1000).toFixed(1)} s`,
    `${result.seconds} s`,
    bad ? "FAIL" : "ok",
  ]);
}

const header = [
  "engine",
  "kills",
  "acknowledged",
  "portal/letters/assign",
  "resent",
  "replays",
  "lost",
  "doubled",
  "half-written",
  "audit",
  "restart (median)",
  "time",
  "",
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join("  ");
console.log(`\n${line(header)}`);
for (const row of rows) console.log(line(row));
process.exitCode = failed ? 1 : 0;

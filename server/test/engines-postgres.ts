import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import pg from "pg";
import { type Database, openDatabase, redactUrl } from "../db/connection.ts";
import { migrate } from "../db/migrate.ts";
import { currentDemoKey, type DemoWanted, loadDemoInto } from "./engines-pglite.ts";

// The PostgreSQL side of the engine matrix (engines.ts): whether a server answers, and a
// throwaway database per block, copied from a template with the demo loaded when asked.

const LOCAL_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
export const inCi = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";

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
export const postgres = await probePostgres();

/**
 * The URL the PostgreSQL blocks run CREATE/DROP DATABASE with, for a test that must act on its
 * throwaway database from outside (an outage: ALLOW_CONNECTIONS false, pg_terminate_backend).
 */
export function postgresAdminUrl(): string {
  if (!postgres.available) throw new Error(`PostgreSQL is not available: ${postgres.reason}`);
  return postgres.adminUrl;
}

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

export async function openPostgresDatabase(
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

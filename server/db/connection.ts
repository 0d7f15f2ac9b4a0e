import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { acquireDataDirLock } from "./lock.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Services take either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export type Engine = "pglite" | "postgres";

export interface Database {
  engine: Engine;
  db: Db;
  /** The embedded engine, for pg-boss's adapter and backups. */
  pglite: PGlite | null;
  /** The server's connection pool, for pg-boss and raw SQL. */
  pool: pg.Pool | null;
  /** Where the embedded database lives, or null in memory / on a server. */
  dir: string | null;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL URL; when absent the embedded engine is used. */
  databaseUrl?: string | null;
  /** The data folder of the embedded engine; `null` keeps it in memory (tests). */
  dataDir?: string | null;
  poolSize?: number;
}

export async function openPglite(dir: string | null): Promise<PGlite> {
  const extensions = { unaccent, pg_trgm };
  return dir ? PGlite.create(dir, { extensions }) : PGlite.create({ extensions });
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // A server that does not answer (a host gone, packets dropped) fails a request after this long
      // instead of holding it until TCP gives up: the API then answers 503 (server/db/availability.ts).
      connectionTimeoutMillis: 10_000,
    });
    pool.on("error", () => {
      // An idle client lost its connection; the pool replaces it on the next query.
    });
    // Fail fast with a clear message when the server is not there.
    const client = await pool.connect().catch(async (error: Error) => {
      await pool.end();
      throw new Error(`Cannot connect to PostgreSQL (${redactUrl(options.databaseUrl!)}): ${error.message}`);
    });
    client.release();
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      engine: "postgres",
      db,
      pglite: null,
      pool,
      dir: null,
      query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
      close: () => pool.end(),
    };
  }

  const dir = options.dataDir ? join(options.dataDir, "db") : null;
  let release = () => {};
  if (dir) {
    mkdirSync(dir, { recursive: true });
    release = acquireDataDirLock(options.dataDir!);
  }
  let pglite: PGlite;
  try {
    pglite = await openPglite(dir);
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    engine: "pglite",
    db,
    pglite,
    pool: null,
    dir,
    query: async (text, params) => (await pglite.query(text, params as unknown[])).rows as never[],
    close: async () => {
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+)(:[^@]*)?@/, "//$1:***@");
}

/** Rows of a raw SQL query, whichever driver runs it (both give `{rows}`, typed apart). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

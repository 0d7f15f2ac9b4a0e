import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { Database } from "./connection.ts";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export function migrationJournal(): Journal {
  return JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, "utf8")) as Journal;
}

/** Applies the checked-in SQL migrations with drizzle-orm's migrator, on either engine. */
export async function migrate(database: Database): Promise<void> {
  if (database.engine === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migrateNodePg(database.db as never, { migrationsFolder });
  }
}

export interface MigrationState {
  applied: number;
  latest: number;
  pending: string[];
}

export async function migrationState(database: Database): Promise<MigrationState> {
  const journal = migrationJournal();
  let applied = 0;
  try {
    const rows = await database.query<{ count: string | number }>(
      "SELECT count(*) AS count FROM drizzle.__drizzle_migrations",
    );
    applied = Number(rows[0]?.count ?? 0);
  } catch (error) {
    // No migrations table (or schema) yet: nothing applied. Anything else — the database not
    // answering above all — is not "0 applied" and is left to the caller.
    const code =
      (error as { code?: unknown; cause?: { code?: unknown } }).code ??
      (error as { cause?: { code?: unknown } }).cause?.code;
    if (code !== "42P01" && code !== "3F000") throw error;
    applied = 0;
  }
  return {
    applied,
    latest: journal.entries.length,
    pending: journal.entries.slice(applied).map((entry) => entry.tag),
  };
}

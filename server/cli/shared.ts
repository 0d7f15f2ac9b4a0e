import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/connection.ts";
import { installModuleHooks } from "../modules/hooks.ts";
import { openAndMigrate, resolveTenant } from "../runtime.ts";

// What every command that opens the database shares: its options, their help, the audit actor.

export const CLI_ACTOR = { userId: null, name: "dongthuan (command line)" };

export const dbOptions = {
  "data-dir": { type: "string" },
  "database-url": { type: "string" },
} as const;
export const dbHelp = [
  "  --data-dir DIR        embedded database folder (default: $DATA_DIR or ./data)",
  "  --database-url URL    a PostgreSQL server instead (default: $DATABASE_URL)",
];

export function configFrom(values: Record<string, unknown>) {
  const env = { ...process.env };
  if (typeof values["data-dir"] === "string") env.DATA_DIR = values["data-dir"];
  if (typeof values["database-url"] === "string") env.DATABASE_URL = values["database-url"];
  if (typeof values.port === "string") env.PORT = values.port;
  return loadConfig(env);
}

/** Opens the database for a one-off command and always closes it. */
export async function withDatabase<T>(
  values: Record<string, unknown>,
  work: (args: Awaited<ReturnType<typeof open>>) => Promise<T>,
  options: { migrate: boolean } = { migrate: true },
) {
  // Commands write through the same services as the server: publishing a plan must create its
  // assignments, a directory event must move obligations.
  installModuleHooks();
  const opened = await open(values, options.migrate);
  try {
    return await work(opened);
  } finally {
    await opened.database.close();
  }
}
async function open(values: Record<string, unknown>, migrateFirst: boolean) {
  const config = configFrom(values);
  const database = migrateFirst
    ? await openAndMigrate(config)
    : await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const tenant = migrateFirst ? await resolveTenant(database, config) : null;
  return { config, database, tenant: tenant! };
}

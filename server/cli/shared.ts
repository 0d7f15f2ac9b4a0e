import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/connection.ts";
import { installModules } from "../modules/index.ts";
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

/** Each `serve` flag stands for the environment variable of the same name (flags win). */
export const FLAG_VARIABLES: Record<string, string> = {
  "data-dir": "DATA_DIR",
  "database-url": "DATABASE_URL",
  port: "PORT",
  host: "HOST",
  "public-url": "PUBLIC_URL",
  "demo-password": "DEMO_PASSWORD",
  "smtp-host": "SMTP_HOST",
  "smtp-port": "SMTP_PORT",
  "mail-from": "MAIL_FROM",
  "log-level": "LOG_LEVEL",
};

export function configFrom(values: Record<string, unknown>) {
  const env = { ...process.env };
  for (const [flag, variable] of Object.entries(FLAG_VARIABLES)) {
    if (typeof values[flag] === "string") env[variable] = values[flag] as string;
  }
  return loadConfig(env);
}

/** Opens the database for a one-off command and always closes it. */
export async function withDatabase<T>(
  values: Record<string, unknown>,
  work: (args: Awaited<ReturnType<typeof open>>) => Promise<T>,
  options: { migrate: boolean; audit?: "write" | "read" } = { migrate: true },
) {
  // Commands write through the same services as the server: publishing a plan must create its
  // assignments, a directory event must move obligations.
  installModules();
  const opened = await open(values, options.migrate, options.audit ?? "write");
  try {
    return await work(opened);
  } finally {
    await opened.database.close();
  }
}
async function open(values: Record<string, unknown>, migrateFirst: boolean, audit: "write" | "read") {
  const config = configFrom(values);
  const database = migrateFirst
    ? await openAndMigrate(config, { audit })
    : await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const tenant = migrateFirst ? await resolveTenant(database, config) : null;
  return { config, database, tenant: tenant! };
}

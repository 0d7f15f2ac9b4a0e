import type { FastifyInstance } from "fastify";
import pino from "pino";
import { isDemoLoaded, loadDemo } from "../demo/load.ts";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import { type Database, openDatabase, redactUrl } from "./db/connection.ts";
import { migrate } from "./db/migrate.ts";
import { DatabaseRoleError, grantServerRole, ownsAuditTable, roleOfUrl } from "./db/roles.ts";
import type { AppContext, Tenant } from "./http/context.ts";
import { type JobQueue, startJobs } from "./jobs/index.ts";
import { clock, clockPinnedAt } from "./lib/clock.ts";
import { LOG_REDACT, LOG_SERIALIZERS } from "./lib/log-policy.ts";
import { writeCheckpoints } from "./modules/audit/checkpoints.ts";
import {
  type AuditKey,
  AuditKeyError,
  currentAuditKey,
  installAuditKey,
  loadAuditKey,
} from "./modules/audit/key.ts";
import { keysInUse } from "./modules/audit/service.ts";
import { createMailer } from "./modules/notifications/mailer.ts";
import { ensureTenant, findTenant } from "./modules/orgs/service.ts";

export type Logger = pino.Logger;

/**
 * The process's logger. What it may write is decided in server/lib/log-policy.ts: errors without a
 * failed query's parameters, requests without their query string, headers or body, and redaction
 * of those should they be passed anyway. `destination` is for tests (a stream kept in memory).
 */
export function createLogger(config: Pick<Config, "logLevel">, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: LOG_SERIALIZERS,
    redact: LOG_REDACT,
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Opens the configured database and applies pending migrations. With `audit: "write"` (the
 * default: the server and every command that writes) the audit key is loaded — created on a
 * first start — checked against the trail, and used for every entry this process writes.
 */
export async function openAndMigrate(
  config: Config,
  options: { audit: "write" | "read" } = { audit: "write" },
): Promise<Database> {
  if (config.migrationDatabaseUrl && config.databaseUrl) {
    // The owner migrates and grants; the server's own role then connects owning nothing.
    const owner = await openDatabase({ databaseUrl: config.migrationDatabaseUrl, poolSize: 1 });
    try {
      await migrate(owner);
      await grantServerRole(owner, roleOfUrl(config.databaseUrl));
    } finally {
      await owner.close();
    }
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (!config.migrationDatabaseUrl) await migrate(database);
    else if (await ownsAuditTable(database)) {
      throw new DatabaseRoleError(
        `DATABASE_URL's role (${roleOfUrl(config.databaseUrl!)}) owns the audit table or is a superuser: with MIGRATION_DATABASE_URL set, the server must run as a role that owns nothing`,
      );
    }
    if (options.audit === "write") installAuditKey(await prepareAuditKey(database, config));
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * The audit key of this server, refused when the trail's newest entries were written under
 * another: a server that went on with a new key (a lost key file, a wrong AUDIT_KEY) would start
 * a chain that verifies under neither, and the loss would go unnoticed until an audit.
 */
export async function prepareAuditKey(database: Database, config: Config): Promise<AuditKey> {
  const inUse = await keysInUse(database.db);
  const key = loadAuditKey(config, { create: inUse.length === 0 });
  const others = inUse.filter((id) => id !== key.id);
  if (others.length > 0) {
    throw new AuditKeyError(
      `The audit trail is written under key ${others.join(", ")}, and this server's key is ${key.id} ` +
        `(${config.auditKey ? "AUDIT_KEY" : config.auditKeyFile}). Start it with the key the trail was written ` +
        "with (restore the key file from where it is kept); see docs/operations.md#audit-key.",
    );
  }
  return key;
}

export function describeDatabase(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL ${redactUrl(config.databaseUrl)}`
    : `embedded (PGlite) in ${config.dataDir}/db`;
}

const DEFAULT_TENANT_NAMES: Record<string, string> = { "kien-giang": "Tỉnh Kiên Giang" };

export async function resolveTenant(database: Database, config: Config): Promise<Tenant> {
  const existing = await findTenant(database.db, config.tenantCode);
  const row =
    existing ??
    (await ensureTenant(
      database.db,
      config.tenantCode,
      config.tenantName ?? DEFAULT_TENANT_NAMES[config.tenantCode] ?? config.tenantCode,
    ));
  return { id: row.id, code: row.code, name: row.name };
}

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole system: database, migrations, the demo on an empty database, jobs, HTTP.
 * `print` receives what an operator must see once (the demo accounts' passwords).
 */
export async function startServer(
  config: Config,
  options: { demo: boolean; logger?: Logger; print?: (line: string) => void; jobs?: boolean } = {
    demo: true,
  },
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const print = options.print ?? ((line: string) => console.log(line));
  const database = await openAndMigrate(config);
  let jobs: JobQueue | null = null;
  let app: FastifyInstance | null = null;
  try {
    if (database.engine === "postgres" && !config.migrationDatabaseUrl && (await ownsAuditTable(database))) {
      logger.warn(
        "the server runs as the owner of its tables: it could disable the audit trail's guards; " +
          "give it a role of its own and set MIGRATION_DATABASE_URL (docs/operations.md#database-roles)",
      );
    }
    const tenant = await resolveTenant(database, config);
    if (options.demo && !(await isDemoLoaded(database.db, tenant.id))) {
      const summary = await loadDemo(database, tenant, { password: config.demoPassword });
      for (const line of summary.lines) print(line);
    }
    const mailer = createMailer(config, logger);
    if (options.jobs !== false) jobs = await startJobs({ database, config, logger, tenant, mailer });
    const ctx: AppContext = { database, config, tenant, mailer, jobs };
    app = await buildApp(ctx, { logger });
    const address = await app.listen({ port: config.port, host: config.host });
    const pinnedAt = clockPinnedAt();
    if (pinnedAt)
      logger.warn({ pinnedAt, now: clock.now().toISOString() }, "the clock is pinned (DONGTHUAN_NOW)");
    const url = address.replace("0.0.0.0", "localhost").replace("[::]", "localhost");
    let stopped = false;
    return {
      app,
      ctx,
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        await app!.close();
        await jobs?.stop();
        // The last head this server wrote, anchored outside the database.
        await writeCheckpoints(database.db, currentAuditKey(), config.auditCheckpointFile).catch((error) =>
          logger.warn({ err: error }, "audit checkpoint not written at shutdown"),
        );
        await mailer.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await jobs?.stop().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
}

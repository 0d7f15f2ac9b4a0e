import { join, resolve } from "node:path";
import { ROLES, type Role } from "../common/enums.ts";
import { ConfigError } from "./config-errors.ts";
import {
  type CivicLimits,
  type ContactConfirmationSettings,
  type PetitionLimits,
  parseCivicLimits,
  parseCommitmentNoticeDays,
  parseContactConfirmation,
  parsePetitionLimits,
  parseSmsSettings,
  parseStorageSettings,
  type SmsSettings,
  type StorageSettings,
} from "./config-sections.ts";
import { parseClockInstant } from "./lib/clock.ts";

/** Everything the server reads from its environment, parsed once. Flags of `serve` override it. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /**
   * PostgreSQL only: the role that owns the schema and runs migrations, when the server itself
   * runs as another role that owns nothing (server/db/roles.ts, docs/operations.md).
   */
  migrationDatabaseUrl: string | null;
  demoPassword: string | null;
  publicUrl: string;
  tenantCode: string;
  smtp: SmtpConfig | null;
  mailFrom: string;
  logLevel: string;
  /** Embedded mode only: how many nightly backups to keep. */
  backupKeep: number;
  /** Sessions end after this many minutes without a request. */
  sessionIdleMinutes: number;
  /**
   * Roles whose holders must sign in with a second factor (TOTP). An account holding one of them
   * without it gets a session that may only enrol one (modules/auth/second-factor.ts). Empty: none.
   */
  secondFactorRoles: Role[];
  /**
   * Sign-in throttling (modules/auth/throttle.ts): failures of one name from one address before
   * the next attempt must wait (four times as many for a name or an address alone), and the
   * longest wait in minutes. Waits start at 30 s and double with each further failure.
   */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Sign-in attempts allowed per client address per minute. */
  loginRateLimit: number;
  /** API requests per minute: per signed-in session, or per client address without one. */
  apiRateLimit: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** `Authorization: Bearer <token>` opens /metrics from anywhere; without it, only from this machine. */
  metricsToken: string | null;
  /** Body size limit for JSON requests and uploads, in bytes. */
  bodyLimit: number;
  uploadLimit: number;
  /**
   * A document read off the request thread (a plan's .docx, .pdf or .txt; server/lib/offload) is
   * stopped after this many seconds, or when its worker's heap passes this many MiB.
   */
  parseTimeLimitSeconds: number;
  parseMemoryMb: number;
  /**
   * The audit trail's HMAC key (modules/audit/key.ts): `AUDIT_KEY` itself, or the file holding it
   * (`AUDIT_KEY_FILE`, created on the first start when missing). Signed checkpoints of the chain's
   * head are appended to `AUDIT_CHECKPOINT_FILE`.
   */
  auditKey: string | null;
  auditKeyFile: string;
  auditCheckpointFile: string;
  /** The modules' settings (config-sections.ts): read here once, never by a module. */
  storage: StorageSettings;
  petitions: PetitionLimits;
  civic: CivicLimits;
  contactConfirmation: ContactConfirmationSettings;
  sms: SmsSettings;
  /** Days before its due date a dialogue commitment is announced (COMMITMENT_NOTICE_DAYS). */
  commitmentNoticeDays: number;
  /** The province's name when the server creates its tenant (TENANT_NAME). */
  tenantName: string | null;
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  /** SMTP_TLS_REJECT_UNAUTHORIZED=false accepts a self-signed certificate on the mail server. */
  tlsRejectUnauthorized: boolean;
}

export { ConfigError };

function intFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
) {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/**
 * `DONGTHUAN_NOW` pins the one clock (server/lib/clock.ts) for a demo or a test run. It must be a
 * date or an instant, and a production server never runs on a pinned clock: deadlines, legal
 * clocks and the audit trail would all be wrong without anyone noticing.
 */
function checkPinnedClock(env: NodeJS.ProcessEnv) {
  const pinned = env.DONGTHUAN_NOW?.trim();
  if (!pinned) return;
  try {
    parseClockInstant(pinned);
  } catch (error) {
    throw new ConfigError(`DONGTHUAN_NOW: ${(error as Error).message}`);
  }
  if (env.NODE_ENV === "production") {
    throw new ConfigError(
      "DONGTHUAN_NOW pins the clock for demos and tests; a production server (NODE_ENV=production) refuses it",
    );
  }
}

/** A token short enough to guess would open the metrics to anyone who tries. */
function metricsToken(env: NodeJS.ProcessEnv): string | null {
  const token = env.METRICS_TOKEN?.trim();
  if (!token) return null;
  if (token.length < 16 || /\s/.test(token)) {
    throw new ConfigError("METRICS_TOKEN must be at least 16 characters, without spaces");
  }
  return token;
}

/**
 * `SECOND_FACTOR_ROLES`: role codes separated by commas; set but empty turns the requirement off.
 * Unset, a production server (NODE_ENV=production) requires it of administrators and
 * coordinators, and any other run (the demo, the tests) of nobody.
 */
function secondFactorRoles(env: NodeJS.ProcessEnv): Role[] {
  const raw = env.SECOND_FACTOR_ROLES;
  if (raw === undefined) return env.NODE_ENV === "production" ? ["admin", "coordinator"] : [];
  const codes = raw
    .split(",")
    .map((code) => code.trim())
    .filter(Boolean);
  const unknown = codes.filter((code) => !(ROLES as readonly string[]).includes(code));
  if (unknown.length > 0) {
    throw new ConfigError(
      `SECOND_FACTOR_ROLES: unknown role ${unknown.map((code) => `"${code}"`).join(", ")} (roles: ${ROLES.join(", ")})`,
    );
  }
  return [...new Set(codes)] as Role[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = intFrom(env, "PORT", 3000, 0, 65535);
  const smtpHost = env.SMTP_HOST?.trim() || null;
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// (got "${databaseUrl.split("@").pop()}")`);
  }
  const migrationDatabaseUrl = env.MIGRATION_DATABASE_URL?.trim() || null;
  if (migrationDatabaseUrl && !/^postgres(ql)?:\/\//.test(migrationDatabaseUrl)) {
    throw new ConfigError("MIGRATION_DATABASE_URL must start with postgres://");
  }
  if (migrationDatabaseUrl && !databaseUrl) {
    throw new ConfigError(
      "MIGRATION_DATABASE_URL is for a PostgreSQL server: set DATABASE_URL (the server's own role) too",
    );
  }
  checkPinnedClock(env);
  const contactConfirmation = parseContactConfirmation(env);
  const dataDir = resolve(overrides.dataDir ?? (env.DATA_DIR?.trim() || "./data"));
  const config: Config = {
    port,
    host: env.HOST?.trim() || "0.0.0.0",
    dataDir,
    databaseUrl,
    migrationDatabaseUrl,
    demoPassword: env.DEMO_PASSWORD || null,
    publicUrl: (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, ""),
    tenantCode: env.TENANT?.trim() || "kien-giang",
    smtp: smtpHost
      ? {
          host: smtpHost,
          port: intFrom(env, "SMTP_PORT", 587, 1, 65535),
          secure: env.SMTP_SECURE === "true",
          user: env.SMTP_USER || null,
          password: env.SMTP_PASSWORD || null,
          tlsRejectUnauthorized: env.SMTP_TLS_REJECT_UNAUTHORIZED?.trim().toLowerCase() !== "false",
        }
      : null,
    mailFrom: env.MAIL_FROM?.trim() || "Đồng Thuận <no-reply@localhost>",
    logLevel: env.LOG_LEVEL?.trim() || "info",
    backupKeep: intFrom(env, "BACKUP_KEEP", 7, 1, 365),
    sessionIdleMinutes: intFrom(env, "SESSION_IDLE_MINUTES", 120, 1, 60 * 24 * 30),
    secondFactorRoles: secondFactorRoles(env),
    loginMaxFailures: intFrom(env, "LOGIN_MAX_FAILURES", 5, 1, 100),
    loginLockMinutes: intFrom(env, "LOGIN_LOCK_MINUTES", 15, 1, 60 * 24),
    loginRateLimit: intFrom(env, "LOGIN_RATE_LIMIT", 20, 1, 100_000),
    apiRateLimit: intFrom(env, "API_RATE_LIMIT", 600, 10, 1_000_000),
    trustProxy: env.TRUST_PROXY === "true",
    metricsToken: metricsToken(env),
    bodyLimit: intFrom(env, "BODY_LIMIT", 1024 * 1024, 1024),
    uploadLimit: intFrom(env, "UPLOAD_LIMIT", 25 * 1024 * 1024, 1024),
    parseTimeLimitSeconds: intFrom(env, "PARSE_TIME_LIMIT", 60, 1, 3600),
    parseMemoryMb: intFrom(env, "PARSE_MEMORY_MB", 512, 64, 16_384),
    auditKey: env.AUDIT_KEY?.trim() || null,
    auditKeyFile: resolve(env.AUDIT_KEY_FILE?.trim() || join(dataDir, "audit.key")),
    auditCheckpointFile: resolve(
      env.AUDIT_CHECKPOINT_FILE?.trim() || join(dataDir, "audit-checkpoints.jsonl"),
    ),
    storage: parseStorageSettings(env, dataDir),
    petitions: parsePetitionLimits(env),
    civic: parseCivicLimits(env),
    contactConfirmation,
    sms: parseSmsSettings(env, contactConfirmation),
    commitmentNoticeDays: parseCommitmentNoticeDays(env),
    tenantName: env.TENANT_NAME?.trim() || null,
  };
  return { ...config, ...overrides };
}

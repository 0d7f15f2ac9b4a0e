import { resolve } from "node:path";

/** Everything the server reads from its environment, parsed once. Flags of `serve` override it. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
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
  /** Failed sign-ins in a row before an account is locked, and for how long. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Sign-in attempts allowed per client address per minute. */
  loginRateLimit: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Body size limit for JSON requests and uploads, in bytes. */
  bodyLimit: number;
  uploadLimit: number;
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
}

export class ConfigError extends Error {}

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

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = intFrom(env, "PORT", 3000, 0, 65535);
  const smtpHost = env.SMTP_HOST?.trim() || null;
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// (got "${databaseUrl.split("@").pop()}")`);
  }
  const config: Config = {
    port,
    host: env.HOST?.trim() || "0.0.0.0",
    dataDir: resolve(env.DATA_DIR?.trim() || "./data"),
    databaseUrl,
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
        }
      : null,
    mailFrom: env.MAIL_FROM?.trim() || "Đồng Thuận <no-reply@localhost>",
    logLevel: env.LOG_LEVEL?.trim() || "info",
    backupKeep: intFrom(env, "BACKUP_KEEP", 7, 1, 365),
    sessionIdleMinutes: intFrom(env, "SESSION_IDLE_MINUTES", 120, 1, 60 * 24 * 30),
    loginMaxFailures: intFrom(env, "LOGIN_MAX_FAILURES", 5, 1, 100),
    loginLockMinutes: intFrom(env, "LOGIN_LOCK_MINUTES", 15, 1, 60 * 24),
    loginRateLimit: intFrom(env, "LOGIN_RATE_LIMIT", 20, 1, 100_000),
    trustProxy: env.TRUST_PROXY === "true",
    bodyLimit: intFrom(env, "BODY_LIMIT", 1024 * 1024, 1024),
    uploadLimit: intFrom(env, "UPLOAD_LIMIT", 25 * 1024 * 1024, 1024),
  };
  return { ...config, ...overrides };
}

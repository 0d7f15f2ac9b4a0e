/**
 * The modules' settings, read from the environment once by `loadConfig` (server/config.ts) and
 * handed to the modules through `ctx.config`: no module reads `process.env`. Each parser takes the
 * environment it is given, so a test passes the variables it wants instead of changing the
 * process's. A wrong value stops the server at start with a message naming the variable.
 */
import { ConfigError } from "./config-errors.ts";
import type { S3Settings } from "./lib/s3.ts";

export function int(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Stored files

/**
 * Where every upload of the server is kept: UPLOAD_STORAGE (`folder`, the default, `s3`, or
 * `memory` for tests), UPLOAD_DIR (default DATA_DIR/uploads) and, for `s3`, S3_ENDPOINT,
 * S3_REGION, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_PREFIX.
 */
export interface StorageSettings {
  kind: "folder" | "s3" | "memory";
  /** The folder of the `folder` kind (and where a restore puts files back). */
  dir: string;
  s3: S3Settings | null;
}

export function parseStorageSettings(env: NodeJS.ProcessEnv, dataDir: string): StorageSettings {
  const kind = env.UPLOAD_STORAGE?.trim() || "folder";
  if (kind !== "folder" && kind !== "s3" && kind !== "memory") {
    throw new ConfigError(`UPLOAD_STORAGE must be "folder", "s3" or "memory" (got "${kind}")`);
  }
  return {
    kind,
    dir: env.UPLOAD_DIR?.trim() || `${dataDir}/uploads`,
    s3: kind === "s3" ? parseS3Settings(env) : null,
  };
}

export function parseS3Settings(env: NodeJS.ProcessEnv): S3Settings {
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new ConfigError(`UPLOAD_STORAGE=s3 needs ${name} to be set`);
    return value;
  };
  return {
    endpoint: required("S3_ENDPOINT"),
    region: env.S3_REGION?.trim() || "us-east-1",
    bucket: required("S3_BUCKET"),
    accessKeyId: required("S3_ACCESS_KEY_ID"),
    secretAccessKey: required("S3_SECRET_ACCESS_KEY"),
    prefix: env.S3_PREFIX?.trim() || undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Petitions

/**
 * | variable | default | what |
 * |---|---|---|
 * | PETITION_RATE_LIMIT_IP | 20 | petitions per hour from one client address |
 * | PETITION_RATE_LIMIT_PHONE | 5 | petitions per hour for one phone number or e-mail |
 * | PETITION_UPLOAD_RATE_LIMIT_IP | 30 | uploads per hour from one client address |
 * | PETITION_UPLOAD_BYTES_PER_DAY_IP | 209715200 | bytes uploaded per day (UTC+7) from one client address |
 * | PETITION_CONTACT_CHECKS | 5 | wrong contact proofs per hour from one client address |
 * | PETITION_CONTACT_CHECKS_PER_CASE | 100 | wrong contact proofs per hour on one case, from all addresses |
 * | PETITION_ANSWER_WORKING_DAYS | 15 | the province's clock to answer phản ánh, kiến nghị |
 * | PETITION_ROUTE_WORKING_DAYS | 3 | the province's clock to send one to the responsible unit |
 * | PETITION_EXTENSION_WORKING_DAYS | 10 | the one extension of that answer clock |
 * | PETITION_WARNING_DAYS | 3,1 | warn the unit this many working days before a clock runs out |
 * | PETITION_FOLLOW_UP_WEEKS | 4 | ask the citizen again this long after closing |
 * | PETITION_UPLOAD_TTL_HOURS | 24 | unclaimed uploads are deleted after this |
 */
export interface PetitionLimits {
  rateLimitIp: number;
  rateLimitPhone: number;
  uploadRateLimitIp: number;
  uploadBytesPerDayIp: number;
  contactChecks: number;
  contactChecksPerCase: number;
  answerWorkingDays: number;
  routeWorkingDays: number;
  extensionWorkingDays: number;
  warningDays: number[];
  followUpWeeks: number;
  uploadTtlHours: number;
}

export function parsePetitionLimits(env: NodeJS.ProcessEnv): PetitionLimits {
  const warnings = (env.PETITION_WARNING_DAYS?.trim() || "3,1").split(",").map((part) => Number(part.trim()));
  if (warnings.some((n) => !Number.isInteger(n) || n < 0 || n > 60)) {
    throw new ConfigError(`PETITION_WARNING_DAYS must list whole numbers of days, e.g. "3,1"`);
  }
  return {
    rateLimitIp: int(env, "PETITION_RATE_LIMIT_IP", 20, 1, 10_000_000),
    rateLimitPhone: int(env, "PETITION_RATE_LIMIT_PHONE", 5, 1, 10_000_000),
    uploadRateLimitIp: int(env, "PETITION_UPLOAD_RATE_LIMIT_IP", 30, 1, 10_000_000),
    // The count column is a 32-bit integer: up to 2 GB a day.
    uploadBytesPerDayIp: int(env, "PETITION_UPLOAD_BYTES_PER_DAY_IP", 200 * 1024 * 1024, 1024, 2_000_000_000),
    contactChecks: int(env, "PETITION_CONTACT_CHECKS", 5, 1, 1000),
    contactChecksPerCase: int(env, "PETITION_CONTACT_CHECKS_PER_CASE", 100, 1, 100_000),
    answerWorkingDays: int(env, "PETITION_ANSWER_WORKING_DAYS", 15, 1, 365),
    routeWorkingDays: int(env, "PETITION_ROUTE_WORKING_DAYS", 3, 1, 60),
    extensionWorkingDays: int(env, "PETITION_EXTENSION_WORKING_DAYS", 10, 0, 365),
    warningDays: [...new Set(warnings)].sort((a, b) => b - a),
    followUpWeeks: int(env, "PETITION_FOLLOW_UP_WEEKS", 4, 1, 52),
    uploadTtlHours: int(env, "PETITION_UPLOAD_TTL_HOURS", 24, 1, 24 * 30),
  };
}

// ---------------------------------------------------------------------------------------------
// Citizens' questions and comments, and the one-time contact codes

/** CIVIC_RATE_LIMIT_IP (20) and CIVIC_RATE_LIMIT_PHONE (5): questions or comments per hour. */
export interface CivicLimits {
  rateLimitIp: number;
  rateLimitContact: number;
}

export function parseCivicLimits(env: NodeJS.ProcessEnv): CivicLimits {
  return {
    rateLimitIp: int(env, "CIVIC_RATE_LIMIT_IP", 20, 1, 10_000_000),
    rateLimitContact: int(env, "CIVIC_RATE_LIMIT_PHONE", 5, 1, 10_000_000),
  };
}

export interface ContactConfirmationSettings {
  required: boolean;
  ttlMinutes: number;
  attempts: number;
  rateLimitIp: number;
  rateLimitContact: number;
}

export function parseContactConfirmation(env: NodeJS.ProcessEnv): ContactConfirmationSettings {
  const flag = (env.CONTACT_CONFIRMATION?.trim() || "off").toLowerCase();
  if (!["on", "off", "true", "false"].includes(flag)) {
    throw new ConfigError(`CONTACT_CONFIRMATION must be "on" or "off" (got "${env.CONTACT_CONFIRMATION}")`);
  }
  return {
    required: flag === "on" || flag === "true",
    ttlMinutes: int(env, "CONTACT_CODE_MINUTES", 10, 1, 60),
    attempts: int(env, "CONTACT_CODE_ATTEMPTS", 5, 1, 20),
    rateLimitIp: int(env, "CONTACT_CODE_RATE_LIMIT_IP", 10, 1, 10_000_000),
    rateLimitContact: int(env, "CONTACT_CODE_RATE_LIMIT_CONTACT", 3, 1, 1000),
  };
}

/** SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN: where one-time codes go by SMS (none: the log, outside production). */
export interface SmsSettings {
  gatewayUrl: string | null;
  gatewayToken: string | null;
}

export function parseSmsSettings(env: NodeJS.ProcessEnv, contact: ContactConfirmationSettings): SmsSettings {
  const url = env.SMS_GATEWAY_URL?.trim() || null;
  if (url && !/^https?:\/\//.test(url)) {
    throw new ConfigError(`SMS_GATEWAY_URL must start with http:// or https:// (got "${url}")`);
  }
  if (!url && contact.required && env.NODE_ENV === "production") {
    throw new ConfigError(
      "CONTACT_CONFIRMATION is on but no SMS gateway is configured: set SMS_GATEWAY_URL (and SMS_GATEWAY_TOKEN), " +
        "or turn CONTACT_CONFIRMATION off. Codes are only written to the log outside production.",
    );
  }
  return { gatewayUrl: url, gatewayToken: env.SMS_GATEWAY_TOKEN?.trim() || null };
}

// ---------------------------------------------------------------------------------------------
// Dialogues

export const DEFAULT_COMMITMENT_NOTICE_DAYS = 7;

/** COMMITMENT_NOTICE_DAYS: how many days before its due date a commitment is announced (0–90). */
export function parseCommitmentNoticeDays(env: NodeJS.ProcessEnv): number {
  const raw = env.COMMITMENT_NOTICE_DAYS?.trim();
  if (!raw) return DEFAULT_COMMITMENT_NOTICE_DAYS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 90) {
    throw new ConfigError(
      `COMMITMENT_NOTICE_DAYS must be a whole number of days from 0 to 90 (got "${raw}")`,
    );
  }
  return value;
}

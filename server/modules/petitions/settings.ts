import type { Config } from "../../config.ts";

/**
 * The petitions module's settings, read from the environment next to the server's Config
 * (which it does not extend): each province sets its own limits and its own answer clock.
 *
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
 * | UPLOAD_DIR | DATA_DIR/uploads | where the folder storage keeps files |
 */
export interface PetitionSettings {
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
  uploadLimit: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

export function petitionSettings(config: Config, env: NodeJS.ProcessEnv = process.env): PetitionSettings {
  const warnings = (env.PETITION_WARNING_DAYS?.trim() || "3,1").split(",").map((part) => Number(part.trim()));
  if (warnings.some((n) => !Number.isInteger(n) || n < 0 || n > 60)) {
    throw new Error(`PETITION_WARNING_DAYS must list whole numbers of days, e.g. "3,1"`);
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
    uploadLimit: config.uploadLimit,
  };
}

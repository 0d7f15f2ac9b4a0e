import type { Database } from "../../db/connection.ts";
import type { AppContext, Tenant } from "../../http/context.ts";
import { createWorkingCalendar, todayInVietnam, type WorkingCalendar } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";

/**
 * What the dialogues and consultations services need, built once per app.
 *
 * | variable | default | what |
 * |---|---|---|
 * | CIVIC_RATE_LIMIT_IP | 20 | questions or comments per hour from one client address |
 * | CIVIC_RATE_LIMIT_PHONE | 5 | questions or comments per hour for one phone number or e-mail |
 */
export interface CivicSettings {
  rateLimitIp: number;
  rateLimitContact: number;
}

export interface CivicDeps {
  database: Database;
  tenant: Tenant;
  settings: CivicSettings;
  calendar: WorkingCalendar;
  /** Today in Vietnam and the current instant; tests move them. */
  today(): string;
  now(): Date;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 10_000_000) {
    throw new Error(`${name} must be a whole number from 1 to 10000000 (got "${raw}")`);
  }
  return value;
}

export function civicSettings(env: NodeJS.ProcessEnv = process.env): CivicSettings {
  return {
    rateLimitIp: int(env, "CIVIC_RATE_LIMIT_IP", 20),
    rateLimitContact: int(env, "CIVIC_RATE_LIMIT_PHONE", 5),
  };
}

const built = new WeakMap<AppContext, CivicDeps>();

export function civicDeps(ctx: AppContext): CivicDeps {
  let deps = built.get(ctx);
  if (!deps) {
    deps = {
      database: ctx.database,
      tenant: ctx.tenant,
      settings: civicSettings(),
      calendar: createWorkingCalendar(),
      today: () => clock.today(),
      now: () => clock.now(),
    };
    built.set(ctx, deps);
  }
  return deps;
}

import type { CivicLimits } from "../../config-sections.ts";
import type { Database } from "../../db/connection.ts";
import type { AppContext, Tenant } from "../../http/context.ts";
import { createWorkingCalendar, type WorkingCalendar } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";

/**
 * What the dialogues and consultations services need, built once per app. Their limits
 * (CIVIC_RATE_LIMIT_IP, CIVIC_RATE_LIMIT_PHONE) come with the server's configuration.
 */
export type CivicSettings = CivicLimits;

export interface CivicDeps {
  database: Database;
  tenant: Tenant;
  settings: CivicSettings;
  calendar: WorkingCalendar;
  /** Today in Vietnam and the current instant; tests move them. */
  today(): string;
  now(): Date;
}

const built = new WeakMap<AppContext, CivicDeps>();

export function civicDeps(ctx: AppContext): CivicDeps {
  let deps = built.get(ctx);
  if (!deps) {
    deps = {
      database: ctx.database,
      tenant: ctx.tenant,
      settings: ctx.config.civic,
      calendar: createWorkingCalendar(),
      today: () => clock.today(),
      now: () => clock.now(),
    };
    built.set(ctx, deps);
  }
  return deps;
}

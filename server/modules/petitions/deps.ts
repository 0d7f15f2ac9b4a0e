import type { Config } from "../../config.ts";
import type { Database } from "../../db/connection.ts";
import type { AppContext, Tenant } from "../../http/context.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { createWorkingCalendar, type WorkingCalendar } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { createStorage, type ObjectStorage } from "../../lib/storage.ts";
import type { Mailer } from "../notifications/mailer.ts";
import { type PetitionSettings, petitionSettings } from "./settings.ts";

/** What the module's services and jobs need, built once per app from its context. */
export interface PetitionDeps {
  database: Database;
  tenant: Tenant;
  config: Config;
  mailer: Mailer;
  jobs: JobQueue | null;
  storage: ObjectStorage;
  settings: PetitionSettings;
  calendar: WorkingCalendar;
  /** Today in Vietnam; tests move it to run clocks forward. */
  today(): string;
}

const built = new WeakMap<AppContext, PetitionDeps>();

export function petitionDeps(ctx: AppContext): PetitionDeps {
  let deps = built.get(ctx);
  if (!deps) {
    const settings = petitionSettings(ctx.config);
    deps = {
      database: ctx.database,
      tenant: ctx.tenant,
      config: ctx.config,
      mailer: ctx.mailer,
      jobs: ctx.jobs,
      storage: createStorage(ctx.config.storage),
      settings,
      calendar: createWorkingCalendar(),
      today: () => clock.today(),
    };
    built.set(ctx, deps);
  }
  return deps;
}

import { assignmentsModule } from "./assignments/index.ts";
import { auditModule } from "./audit/index.ts";
import { authModule } from "./auth/index.ts";
import { registerPermissions } from "./auth/policy.ts";
import { consultationsModule } from "./consultations/index.ts";
import type { ModuleDefinition } from "./define.ts";
import { dialoguesModule } from "./dialogues/index.ts";
import { homeModule } from "./home/index.ts";
import { registerHomeSection } from "./home/service.ts";
import { intakeModule } from "./intake/index.ts";
import { notificationsModule } from "./notifications/index.ts";
import { orgsModule } from "./orgs/index.ts";
import { registerSuccessionHandler } from "./orgs/restructure.ts";
import { registerUnitUsageCheck } from "./orgs/service.ts";
import { petitionsModule } from "./petitions/index.ts";
import { registerPublishHandler, registerPublishPreview } from "./plans/hooks.ts";
import { plansModule } from "./plans/index.ts";
import { reportsModule } from "./reports/index.ts";

/**
 * Every module of the server, in the order their routes are registered, their home sections
 * listed (after the home page's own layout) and their hooks run. Notifications come first: its
 * after-response hook sends the notice e-mails that any route queued.
 */
export const MODULES: readonly ModuleDefinition[] = [
  notificationsModule,
  homeModule,
  authModule,
  orgsModule,
  auditModule,
  plansModule,
  assignmentsModule,
  intakeModule,
  petitionsModule,
  dialoguesModule,
  consultationsModule,
  reportsModule,
];

/**
 * Connects the modules that must react to each other without importing each other's internals:
 * who passes obligations to a successor unit when the directory is restructured, what blocks
 * deleting a unit, what publishing a plan creates, what the home page shows, what the web app may
 * offer. Idempotent; called
 * wherever the system starts (the server, the command line, the demo).
 */
export function installModules(modules: readonly ModuleDefinition[] = MODULES) {
  for (const module of modules) {
    if (module.succession) registerSuccessionHandler(module.succession);
    if (module.unitUsage) registerUnitUsageCheck(module.unitUsage);
    if (module.onPublish) registerPublishHandler(module.name, module.onPublish);
    if (module.publishPreview) registerPublishPreview(module.name, module.publishPreview);
    for (const section of module.homeSections ?? []) registerHomeSection(section);
    for (const [part, compute] of Object.entries(module.permissions ?? {})) {
      registerPermissions(part as Parameters<typeof registerPermissions>[0], compute as never);
    }
  }
}

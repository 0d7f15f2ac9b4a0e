import { grantSuccession } from "./auth/succession.ts";
import { registerSuccessionHandler } from "./orgs/restructure.ts";
import { registerUnitUsageCheck } from "./orgs/service.ts";
import { planUnitUsage } from "./plans/mentions.ts";

/**
 * Connects modules that must react to each other without importing each other's internals:
 * who passes obligations to a successor unit when the directory is restructured, and so on.
 * Idempotent; called wherever the system starts (the server, the command line, the demo).
 */
export function installModuleHooks() {
  registerSuccessionHandler(grantSuccession);
  registerUnitUsageCheck(planUnitUsage);
}

import { assignmentsOnPublish, assignmentsPreview, assignmentUnitUsage } from "./assignments/hooks.ts";
import { assignmentSuccession } from "./assignments/succession.ts";
import { grantSuccession } from "./auth/succession.ts";
import { consultationSuccession, consultationUnitUsage } from "./consultations/hooks.ts";
import { commitmentSuccession, dialogueUnitUsage } from "./dialogues/hooks.ts";
import { registerSuccessionHandler } from "./orgs/restructure.ts";
import { registerUnitUsageCheck } from "./orgs/service.ts";
import { petitionSuccession, petitionUnitUsage } from "./petitions/hooks.ts";
import { registerPublishHandler, registerPublishPreview } from "./plans/hooks.ts";
import { planUnitUsage } from "./plans/mentions.ts";
import { reportsOnPublish, reportUnitUsage } from "./reports/hooks.ts";
import { reportSuccession } from "./reports/succession.ts";

/**
 * Connects modules that must react to each other without importing each other's internals:
 * who passes obligations to a successor unit when the directory is restructured, and so on.
 * Idempotent; called wherever the system starts (the server, the command line, the demo).
 */
export function installModuleHooks() {
  registerSuccessionHandler(grantSuccession);
  registerSuccessionHandler(assignmentSuccession);
  registerSuccessionHandler(petitionSuccession);
  registerSuccessionHandler(commitmentSuccession);
  registerSuccessionHandler(consultationSuccession);
  registerUnitUsageCheck(planUnitUsage);
  registerUnitUsageCheck(assignmentUnitUsage);
  registerUnitUsageCheck(petitionUnitUsage);
  registerUnitUsageCheck(dialogueUnitUsage);
  registerUnitUsageCheck(consultationUnitUsage);
  registerPublishHandler("assignments", assignmentsOnPublish);
  registerPublishPreview("assignments", assignmentsPreview);
  registerPublishHandler("reports", reportsOnPublish);
  registerSuccessionHandler(reportSuccession);
  registerUnitUsageCheck(reportUnitUsage);
}

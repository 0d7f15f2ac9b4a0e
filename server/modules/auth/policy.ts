import { orgsPolicy } from "../orgs/policy.ts";
import { planPolicy } from "../plans/policy.ts";
import { type Actor, hasRole, isProvinceWide } from "./actor.ts";

/** Account policies: pure functions, tested without a database. */
export const authPolicy = {
  manageUsers: (actor: Actor) => hasRole(actor, "admin"),
  readAudit: (actor: Actor) => hasRole(actor, "admin"),
  /** What the web app may show; it never re-derives these rules. */
  permissions: (actor: Actor) => ({
    manageDirectory: hasRole(actor, "admin"),
    manageUsers: hasRole(actor, "admin"),
    readAudit: hasRole(actor, "admin"),
    exportDirectory: orgsPolicy.export(actor),
    importPlans: planPolicy.importPlan(actor),
    provinceWide: isProvinceWide(actor),
  }),
};

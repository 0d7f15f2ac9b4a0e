import { defineModule } from "../define.ts";
import { auditHomeSections } from "./home.ts";
import { registerAuditJobs } from "./jobs.ts";
import { auditPolicy } from "./policy.ts";
import { auditRoutes } from "./routes.ts";
import * as tables from "./tables.ts";

/** The keyed, append-only audit trail and its checkpoints. */
export const auditModule = defineModule({
  name: "audit",
  policies: { audit: auditPolicy },
  tables,
  routes: [auditRoutes],
  jobs: registerAuditJobs,
  homeSections: auditHomeSections,
});

declare module "../authorize.ts" {
  interface Policies {
    audit: typeof auditPolicy;
  }
}

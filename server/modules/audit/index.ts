import { defineModule } from "../define.ts";
import { auditHomeSections } from "./home.ts";
import { registerAuditJobs } from "./jobs.ts";
import { auditRoutes } from "./routes.ts";
import * as tables from "./tables.ts";

/** The keyed, append-only audit trail and its checkpoints. */
export const auditModule = defineModule({
  name: "audit",
  tables,
  routes: [auditRoutes],
  jobs: registerAuditJobs,
  homeSections: auditHomeSections,
});

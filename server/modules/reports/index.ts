import { defineModule } from "../define.ts";
import { consolidationPermissions } from "./consolidate/policy.ts";
import { consolidationRoutes } from "./consolidate/routes.ts";
import * as consolidationTables from "./consolidate/tables.ts";
import { reportHomeSections } from "./home.ts";
import { reportsOnPublish, reportUnitUsage } from "./hooks.ts";
import { registerReportJobs } from "./jobs.ts";
import { escalationPermissions, reportPermissions } from "./policy.ts";
import { reportsRoutes } from "./routes.ts";
import { reportSuccession } from "./succession.ts";
import * as tables from "./tables.ts";

/** Units' periodic reports, their review, escalations, and the consolidated report. */
export const reportsModule = defineModule({
  name: "reports",
  tables: { ...tables, ...consolidationTables },
  permissions: {
    reports: reportPermissions,
    consolidation: consolidationPermissions,
    escalations: escalationPermissions,
  },
  routes: [reportsRoutes, consolidationRoutes],
  jobs: (ctx) => registerReportJobs(ctx.jobs, ctx),
  homeSections: reportHomeSections,
  succession: reportSuccession,
  unitUsage: reportUnitUsage,
  onPublish: reportsOnPublish,
});

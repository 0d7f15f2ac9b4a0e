import { defineModule } from "../define.ts";
import { consolidationPermissions, consolidationPolicy } from "./consolidate/policy.ts";
import { consolidationRoutes } from "./consolidate/routes.ts";
import * as consolidationTables from "./consolidate/tables.ts";
import { reportHomeSections } from "./home.ts";
import { reportsOnPublish, reportUnitUsage } from "./hooks.ts";
import { registerReportJobs } from "./jobs.ts";
import { escalationPermissions, reportPermissions, reportPolicy } from "./policy.ts";
import { reportsRoutes } from "./routes.ts";
import { escalationRoutes } from "./routes-escalations.ts";
import { reportNoticeRoutes } from "./routes-notices.ts";
import { reportRecordRoutes } from "./routes-reports.ts";
import { reportSuccession } from "./succession.ts";
import * as tables from "./tables.ts";

/** Units' periodic reports, their review, escalations, and the consolidated report. */
export const reportsModule = defineModule({
  name: "reports",
  policies: { reports: reportPolicy, consolidations: consolidationPolicy },
  tables: { ...tables, ...consolidationTables },
  permissions: {
    reports: reportPermissions,
    consolidation: consolidationPermissions,
    escalations: escalationPermissions,
  },
  // In this order, as the API's description lists them.
  routes: [reportsRoutes, reportRecordRoutes, reportNoticeRoutes, escalationRoutes, consolidationRoutes],
  jobs: (ctx) => registerReportJobs(ctx.jobs, ctx),
  homeSections: reportHomeSections,
  succession: reportSuccession,
  unitUsage: reportUnitUsage,
  onPublish: reportsOnPublish,
});

declare module "../authorize.ts" {
  interface Policies {
    reports: typeof reportPolicy;
    consolidations: typeof consolidationPolicy;
  }
}

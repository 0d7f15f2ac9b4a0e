import { defineModule } from "../define.ts";
import { assignmentHomeSections } from "./home.ts";
import { assignmentsOnPublish, assignmentsPreview, assignmentUnitUsage } from "./hooks.ts";
import { registerAssignmentJobs } from "./jobs.ts";
import { assignmentPolicy } from "./policy.ts";
import { assignmentPublicRoutes } from "./public-routes.ts";
import { assignmentsRoutes } from "./routes.ts";
import { assignmentSuccession } from "./succession.ts";
import * as tables from "./tables.ts";

/** Each unit's part in a published plan: assignments, progress, evidence, deadlines. */
export const assignmentsModule = defineModule({
  name: "assignments",
  policies: { assignments: assignmentPolicy },
  tables,
  routes: [assignmentsRoutes],
  publicRoutes: [assignmentPublicRoutes],
  jobs: (ctx) => registerAssignmentJobs(ctx.jobs, ctx),
  homeSections: assignmentHomeSections,
  succession: assignmentSuccession,
  unitUsage: assignmentUnitUsage,
  onPublish: assignmentsOnPublish,
  publishPreview: assignmentsPreview,
});

declare module "../authorize.ts" {
  interface Policies {
    assignments: typeof assignmentPolicy;
  }
}

import { defineModule } from "../define.ts";
import { commitmentSuccession, dialogueUnitUsage } from "./hooks.ts";
import { registerCommitmentJobs } from "./jobs.ts";
import { commitmentPolicy, dialoguePermissions, dialoguePolicy } from "./policy.ts";
import { dialoguePublicRoutes } from "./public-routes.ts";
import { dialogueRoutes } from "./routes.ts";
import * as tables from "./tables.ts";

/** Dialogues between leaders and citizens, their questions, and the commitments made there. */
export const dialoguesModule = defineModule({
  name: "dialogues",
  policies: { dialogues: dialoguePolicy, commitments: commitmentPolicy },
  tables,
  permissions: { dialogues: dialoguePermissions },
  routes: [dialogueRoutes],
  publicRoutes: [dialoguePublicRoutes],
  jobs: (ctx) => registerCommitmentJobs(ctx.jobs, ctx),
  succession: commitmentSuccession,
  unitUsage: dialogueUnitUsage,
});

declare module "../authorize.ts" {
  interface Policies {
    dialogues: typeof dialoguePolicy;
    commitments: typeof commitmentPolicy;
  }
}

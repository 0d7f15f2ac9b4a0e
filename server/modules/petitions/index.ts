import { defineModule } from "../define.ts";
import { petitionDeps } from "./deps.ts";
import { petitionSuccession, petitionUnitUsage } from "./hooks.ts";
import { registerPetitionJobs } from "./jobs.ts";
import { sendPetitionMail } from "./mail.ts";
import { open311Routes } from "./open311.ts";
import { petitionPermissions, petitionPolicy } from "./policy.ts";
import { publicAnswerRoutes } from "./public-answers.ts";
import { petitionPublicRoutes } from "./public-routes.ts";
import { petitionRoutes } from "./routes.ts";
import { petitionWorkflowRoutes } from "./routes-workflow.ts";
import * as tables from "./tables.ts";

/** Citizens' petitions (kiến nghị, phản ánh) from intake to a published answer, on their legal clocks. */
export const petitionsModule = defineModule({
  name: "petitions",
  policies: { petitions: petitionPolicy },
  tables,
  permissions: { petitions: petitionPermissions },
  routes: [petitionRoutes, petitionWorkflowRoutes],
  publicRoutes: [petitionPublicRoutes, open311Routes, publicAnswerRoutes],
  jobs: (ctx) => registerPetitionJobs(petitionDeps(ctx), sendPetitionMail, ctx.logger),
  succession: petitionSuccession,
  unitUsage: petitionUnitUsage,
});

declare module "../authorize.ts" {
  interface Policies {
    petitions: typeof petitionPolicy;
  }
}

import { defineModule } from "../define.ts";
import { consultationSuccession, consultationUnitUsage } from "./hooks.ts";
import { consultationPermissions, consultationPolicy } from "./policy.ts";
import { consultationPublicRoutes } from "./public-routes.ts";
import { consultationRoutes } from "./routes.ts";
import * as tables from "./tables.ts";

/** Public consultations on draft documents: comments, their handling, the report on them. */
export const consultationsModule = defineModule({
  name: "consultations",
  policies: { consultations: consultationPolicy },
  tables,
  permissions: { consultations: consultationPermissions },
  routes: [consultationRoutes],
  publicRoutes: [consultationPublicRoutes],
  succession: consultationSuccession,
  unitUsage: consultationUnitUsage,
});

declare module "../authorize.ts" {
  interface Policies {
    consultations: typeof consultationPolicy;
  }
}

import { may } from "../authorize.ts";
import { defineModule } from "../define.ts";
import { planUnitUsage } from "./mentions.ts";
import { planPolicy } from "./policy.ts";
import { plansRoutes } from "./routes.ts";
import * as tables from "./tables.ts";

/** Implementation plans: import from documents, review, publish, amend. */
export const plansModule = defineModule({
  name: "plans",
  policies: { plans: planPolicy },
  tables,
  permissions: { plans: (a) => ({ import: may(a, "plans.importPlan") }) },
  routes: [plansRoutes],
  unitUsage: planUnitUsage,
});

declare module "../authorize.ts" {
  interface Policies {
    plans: typeof planPolicy;
  }
}

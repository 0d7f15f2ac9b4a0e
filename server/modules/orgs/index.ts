import { may } from "../authorize.ts";
import { defineModule } from "../define.ts";
import { orgsHomeSections } from "./home.ts";
import { orgsPolicy } from "./policy.ts";
import { restructureRoutes } from "./restructure-routes.ts";
import { orgsRoutes } from "./routes.ts";
import * as tables from "./tables.ts";

/** The directory of units, its groups, and its history through restructurings. */
export const orgsModule = defineModule({
  name: "orgs",
  policies: { orgs: orgsPolicy },
  tables,
  permissions: { directory: (a) => ({ manage: may(a, "orgs.manage"), export: may(a, "orgs.export") }) },
  routes: [orgsRoutes, restructureRoutes],
  homeSections: orgsHomeSections,
});

declare module "../authorize.ts" {
  interface Policies {
    orgs: typeof orgsPolicy;
  }
}

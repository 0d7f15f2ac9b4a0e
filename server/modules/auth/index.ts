import { defineModule } from "../define.ts";
import { authHomeSections } from "./home.ts";
import { registerAuthJobs } from "./jobs.ts";
import { userPolicy } from "./policy.ts";
import { authRoutes } from "./routes.ts";
import { grantSuccession } from "./succession.ts";
import * as tables from "./tables.ts";

/** Accounts, roles on units, sessions, second factor, sign-in throttling. */
export const authModule = defineModule({
  name: "auth",
  policies: { users: userPolicy },
  tables,
  routes: [authRoutes],
  jobs: registerAuthJobs,
  homeSections: authHomeSections,
  succession: grantSuccession,
});

declare module "../authorize.ts" {
  interface Policies {
    users: typeof userPolicy;
  }
}

import { defineModule } from "../define.ts";
import { homeRoutes } from "./routes.ts";
import { homeSections } from "./service.ts";

/** Each role's home page, built from the sections the modules provide. Owns no tables. */
export const homeModule = defineModule({
  name: "home",
  routes: [homeRoutes],
  homeSections,
});

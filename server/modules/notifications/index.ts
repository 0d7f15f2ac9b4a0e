import { defineModule } from "../define.ts";
import { registerNoticeJobs } from "./jobs.ts";
import { notificationRoutes } from "./routes.ts";
import * as tables from "./tables.ts";

/** The bell, hand-off notices, and the outbox of notice e-mails. */
export const notificationsModule = defineModule({
  name: "notifications",
  tables,
  routes: [notificationRoutes],
  jobs: (ctx) => registerNoticeJobs(ctx.jobs, ctx),
});

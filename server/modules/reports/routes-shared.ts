import type { AppContext } from "../../http/context.ts";
import { requireActor } from "../../http/context.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { accessFor, visibleReport } from "./access.ts";
import { reportDetail } from "./views.ts";

/** The reports API's routes, one file per resource, share these: the tag, access, a report's detail. */
export const tags = ["reports"];

type Request = Parameters<typeof requireActor>[0];

export function reportRouteHelpers(ctx: AppContext) {
  const db = () => ctx.database.db;
  const access = (request: Request) => accessFor(db(), requireActor(request));
  const detail = async (request: Request, id: string) => {
    const a = await access(request);
    return reportDetail(db(), a, await visibleReport(db(), a, id), todayInVietnam(), request.locale);
  };
  return { db, access, detail };
}

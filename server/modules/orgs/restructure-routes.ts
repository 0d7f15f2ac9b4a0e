import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { DirectoryEvent, EventOutcome } from "../../../common/schemas/restructure.ts";
import { auditActor, inTransaction, requireActor } from "../../http/context.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { authorize } from "../authorize.ts";
import { carriersOn, listEvents, predecessorsOf } from "./lineage.ts";
import { applyDirectoryEvent } from "./restructure.ts";
import { getUnitRow } from "./service.ts";

const Step = z.object({
  unitId: z.string(),
  name: z.string(),
  since: z.string(),
  eventTitle: z.string(),
  legalBasis: z.string(),
});

export const restructureRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tenantId = ctx.tenant.id;

  app.post(
    "/api/directory/events",
    {
      schema: {
        tags: ["directory"],
        summary:
          "Apply a restructuring event (merge, split, rename, dissolve, move); dryRun lists what would change",
        querystring: z.strictObject({ dryRun: z.enum(["true", "false"]).default("true") }),
        body: DirectoryEvent,
        response: { 200: EventOutcome },
      },
    },
    async (request) => {
      authorize(requireActor(request), "orgs.manage");
      return inTransaction(request, (tx) =>
        applyDirectoryEvent(tx, tenantId, auditActor(request), request.body, {
          dryRun: request.query.dryRun === "true",
          locale: request.locale,
        }),
      );
    },
  );

  app.get("/api/directory/events", { schema: { tags: ["directory"] } }, async (request) => {
    authorize(requireActor(request), "orgs.read");
    return { items: await listEvents(ctx.database.db, tenantId, request.locale) };
  });

  app.get(
    "/api/units/:id/lineage",
    {
      schema: {
        tags: ["directory"],
        summary: "Who the unit came from, and who carries its duties on a date",
        params: z.object({ id: z.string().uuid() }),
        querystring: z.strictObject({ asOf: z.iso.date().optional() }),
        response: {
          200: z.object({
            predecessors: z.array(
              z.object({
                unitId: z.string(),
                name: z.string(),
                since: z.string(),
                kind: z.string(),
                eventTitle: z.string(),
              }),
            ),
            carriers: z.array(z.array(Step)),
          }),
        },
      },
    },
    async (request) => {
      authorize(requireActor(request), "orgs.read");
      await getUnitRow(ctx.database.db, tenantId, request.params.id);
      const asOf = request.query.asOf ?? todayInVietnam();
      return {
        predecessors: await predecessorsOf(ctx.database.db, tenantId, request.params.id),
        carriers: await carriersOn(ctx.database.db, tenantId, request.params.id, asOf),
      };
    },
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  Escalation,
  EscalationCreate,
  EscalationList,
  EscalationQuery,
  EscalationUpdate,
  IdParams,
} from "../../../common/schemas/reports.ts";
import { auditActor, inTransaction, requireActor } from "../../http/context.ts";
import { accessFor } from "./access.ts";
import {
  listEscalations,
  raiseEscalation,
  toEscalation,
  updateEscalation,
  visibleEscalation,
} from "./escalations.ts";
import { reportRouteHelpers, tags } from "./routes-shared.ts";

/** Escalations: difficulties and proposals raised by units, decided by the province. */
export const escalationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const { db, access } = reportRouteHelpers(ctx);

  // --- escalations -------------------------------------------------------------------------------

  app.get(
    "/api/escalations",
    {
      schema: {
        tags,
        summary: "Difficulties and proposals in the user's scope",
        querystring: EscalationQuery,
        response: { 200: EscalationList },
      },
    },
    async (request) => listEscalations(db(), await access(request), request.query),
  );

  app.post(
    "/api/escalations",
    {
      schema: {
        tags,
        summary: "Raise a difficulty or proposal for a unit (alone, or inside its report)",
        body: EscalationCreate,
        response: { 201: Escalation },
      },
    },
    async (request, reply) => {
      const row = await inTransaction(request, async (tx) =>
        raiseEscalation(tx, await accessFor(tx, requireActor(request)), auditActor(request), request.body),
      );
      return reply.status(201).send(toEscalation(await access(request), row));
    },
  );

  app.get(
    "/api/escalations/:id",
    { schema: { tags, params: IdParams, response: { 200: Escalation } } },
    async (request) => {
      const a = await access(request);
      return toEscalation(a, await visibleEscalation(db(), a, request.params.id));
    },
  );

  app.patch(
    "/api/escalations/:id",
    {
      schema: {
        tags,
        summary: "Assign an owner and due date, decide, close or reopen (coordinator, leadership)",
        params: IdParams,
        body: EscalationUpdate,
        response: { 200: Escalation },
      },
    },
    async (request) => {
      const row = await inTransaction(request, async (tx) =>
        updateEscalation(
          tx,
          await accessFor(tx, requireActor(request)),
          auditActor(request),
          request.params.id,
          request.body,
        ),
      );
      return toEscalation(await access(request), row);
    },
  );
};

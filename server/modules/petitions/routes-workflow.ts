import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ApiError } from "../../../common/schemas/errors.ts";
import {
  AcceptanceBody,
  AnswerBody,
  AssignBody,
  CloseBody,
  ExtensionBody,
  MergeBody,
} from "../../../common/schemas/petitions.ts";
import type { Tx } from "../../db/connection.ts";
import { inTransaction, requireActor } from "../../http/context.ts";
import { safeErrorMessage } from "../../lib/log-policy.ts";
import type { Actor } from "../auth/actor.ts";
import { statusOf } from "./access.ts";
import { petitionDeps } from "./deps.ts";
import { deliver } from "./jobs.ts";
import { sendPetitionMail } from "./mail.ts";
import {
  approveAnswer,
  assignPetition,
  closePetition,
  decideAcceptance,
  draftAnswer,
  extendClock,
  mergePetition,
} from "./workflow.ts";

const tags = ["petitions"];
const idParams = z.object({ id: z.string().uuid() });
const Done = z.object({ id: z.string().uuid(), status: z.string() });

/** The staff's steps on one petition (`workflow.ts`): routing, acceptance, clocks, the answer, closing. */
export const petitionWorkflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = petitionDeps(app.ctx);

  /**
   * One transaction per write; it answers the status it left, read inside it: after a transfer
   * the unit that passed the petition on may no longer see it.
   */
  const write = (
    request: FastifyRequest<{ Params: { id: string } }>,
    work: (tx: Tx, actor: Actor) => Promise<unknown>,
  ) => {
    const actor = requireActor(request);
    return inTransaction(request, async (tx) => {
      await work(tx, actor);
      return statusOf(tx, actor.tenantId, request.params.id);
    });
  };

  app.post(
    "/api/petitions/:id/assign",
    {
      schema: {
        tags,
        summary: "Send to a unit, or transfer to another (recorded)",
        params: idParams,
        body: AssignBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      return write(request, (tx, actor) => assignPetition(tx, deps, actor, request.params.id, request.body));
    },
  );

  app.post(
    "/api/petitions/:id/acceptance",
    {
      schema: {
        tags,
        summary: "Accept (thụ lý) or refuse a complaint or denunciation",
        params: idParams,
        body: AcceptanceBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      return write(request, (tx, actor) =>
        decideAcceptance(tx, deps, actor, request.params.id, request.body),
      );
    },
  );

  app.post(
    "/api/petitions/:id/extensions",
    {
      schema: {
        tags,
        summary: "Record an extension decided in writing",
        params: idParams,
        body: ExtensionBody,
        response: { 201: z.object({ dueDate: z.string(), days: z.number().int() }), 409: ApiError },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const result = await inTransaction(request, (tx) =>
        extendClock(tx, deps, actor, request.params.id, request.body),
      );
      return reply.status(201).send(result);
    },
  );

  app.put(
    "/api/petitions/:id/answer",
    {
      schema: {
        tags,
        summary: "Draft (or redraft) the unit's answer",
        params: idParams,
        body: AnswerBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      return write(request, (tx, actor) => draftAnswer(tx, actor, request.params.id, request.body.text));
    },
  );

  app.post(
    "/api/petitions/:id/answer/approve",
    {
      schema: {
        tags,
        summary: "The unit's leader approves: the answer is published (personal data masked) and sent",
        params: idParams,
        response: { 200: Done },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { published, result } = await inTransaction(request, async (tx) => ({
        published: await approveAnswer(tx, deps, actor, request.params.id),
        result: await statusOf(tx, actor.tenantId, request.params.id),
      }));
      if (published.email) {
        // After the commit: a slow or failing mail server never undoes a published answer.
        await deliver(deps, { type: "answer", petitionId: published.petitionId }, sendPetitionMail).catch(
          (error: Error) =>
            request.log.warn(
              { petitionId: published.petitionId, error: safeErrorMessage(error) },
              "answer mail not sent",
            ),
        );
      }
      return result;
    },
  );

  app.post(
    "/api/petitions/:id/close",
    {
      schema: {
        tags,
        summary: "Close: resolved, or not resolved with the reason",
        params: idParams,
        body: CloseBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      return write(request, (tx, actor) => closePetition(tx, deps, actor, request.params.id, request.body));
    },
  );

  app.post(
    "/api/petitions/:id/merge",
    {
      schema: {
        tags,
        summary: "Merge this duplicate into another petition",
        params: idParams,
        body: MergeBody,
        response: { 200: Done, 400: ApiError },
      },
    },
    async (request) => {
      return write(request, (tx, actor) =>
        mergePetition(tx, deps, actor, request.params.id, request.body.intoId),
      );
    },
  );
};

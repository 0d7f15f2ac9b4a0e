import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SubmissionStatus, SubmitResult } from "../../../common/schemas/civic.ts";
import {
  COMMITMENT_STATES,
  PublicCommitment,
  PublicDialogue,
  PublicDialogueDetail,
  PublicQuestionCreate,
} from "../../../common/schemas/dialogues.ts";
import { ApiError } from "../../../common/schemas/errors.ts";
import { contactProof, countHoneypot, withRetryAfter } from "../intake/public.ts";
import { civicDeps } from "./deps.ts";
import { publicCommitments, publicDialogueDetail, publicDialogues } from "./public.ts";
import { checkIdempotencyKey, normalizeContact } from "./public-write.ts";
import { questionStatus, submitQuestion } from "./questions.ts";

const tags = ["dialogues (public)"];

export const dialoguePublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = civicDeps(app.ctx);

  app.get(
    "/api/public/dialogues",
    {
      schema: {
        tags,
        summary: "Dialogues: `when=upcoming` (soonest first), `past` (latest first) or `all`",
        security: [],
        querystring: z.strictObject({ when: z.enum(["upcoming", "past", "all"]).default("upcoming") }),
        response: { 200: z.object({ items: z.array(PublicDialogue) }) },
      },
    },
    async (request) => publicDialogues(deps, request.query.when),
  );

  app.get(
    "/api/public/dialogues/:id",
    {
      schema: {
        tags,
        summary: "A dialogue with its published questions and answers, minutes and commitments (masked)",
        security: [],
        params: z.object({ id: z.string().uuid() }),
        response: { 200: PublicDialogueDetail, 404: ApiError },
      },
    },
    async (request) => publicDialogueDetail(deps, request.params.id),
  );

  app.post(
    "/api/public/dialogues/:id/questions",
    {
      schema: {
        tags,
        summary:
          "Send a question in advance (no account). Send an Idempotency-Key header to make retries safe.",
        security: [],
        params: z.object({ id: z.string().uuid() }),
        body: PublicQuestionCreate,
        response: { 201: SubmitResult, 400: ApiError, 404: ApiError, 409: ApiError, 429: ApiError },
      },
    },
    async (request, reply) => {
      const key = checkIdempotencyKey(request.headers["idempotency-key"]);
      const contact = normalizeContact(request.body.contact);
      const confirm = await contactProof(app.ctx, request.log, request.body, () => contact);
      const outcome = await withRetryAfter(reply, () =>
        submitQuestion(deps, request.params.id, request.body, { ip: request.ip, key, confirm }),
      );
      if (outcome.honeypot) countHoneypot(request.log, "dialogue");
      return reply.status(201).send({ trackingCode: outcome.trackingCode, status: "pending" as const });
    },
  );

  app.get(
    "/api/public/dialogue-questions/:trackingCode",
    {
      schema: {
        tags,
        summary: "The state of one's own question, by the code given when it was sent",
        security: [],
        params: z.object({ trackingCode: z.string().min(1).max(40) }),
        response: { 200: SubmissionStatus, 404: ApiError },
      },
    },
    async (request) => questionStatus(deps, request.params.trackingCode),
  );

  app.get(
    "/api/public/commitments",
    {
      schema: {
        tags,
        summary: "Commitments made at dialogues, with their state: open, overdue or done",
        security: [],
        querystring: z.strictObject({ state: z.enum(COMMITMENT_STATES).optional() }),
        response: { 200: z.object({ items: z.array(PublicCommitment) }) },
      },
    },
    async (request) => publicCommitments(deps, request.query.state),
  );
};

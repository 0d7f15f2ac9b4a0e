import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SubmissionStatus, SubmitResult } from "../../../common/schemas/civic.ts";
import {
  PublicCommentCreate,
  PublicConsultation,
  PublicConsultationDetail,
} from "../../../common/schemas/consultations.ts";
import { ApiError } from "../../../common/schemas/errors.ts";
import { civicDeps } from "../dialogues/deps.ts";
import { checkIdempotencyKey, normalizeContact } from "../dialogues/public-write.ts";
import { contactProof, countHoneypot, withRetryAfter } from "../intake/public.ts";
import { commentStatus, submitComment } from "./comments.ts";
import { publicConsultationDetail, publicConsultations } from "./public.ts";

const tags = ["consultations (public)"];

export const consultationPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = civicDeps(app.ctx);

  app.get(
    "/api/public/consultations",
    {
      schema: {
        tags,
        summary: "Published drafts: `phase=open` (taking comments), `upcoming`, `closed`, or all",
        security: [],
        querystring: z.strictObject({ phase: z.enum(["upcoming", "open", "closed"]).optional() }),
        response: { 200: z.object({ items: z.array(PublicConsultation) }) },
      },
    },
    async (request) => publicConsultations(deps, request.query.phase),
  );

  app.get(
    "/api/public/consultations/:id",
    {
      schema: {
        tags,
        summary: "A published draft section by section, with published comments and answers (masked)",
        security: [],
        params: z.object({ id: z.string().uuid() }),
        response: { 200: PublicConsultationDetail, 404: ApiError },
      },
    },
    async (request) => publicConsultationDetail(deps, request.params.id),
  );

  app.post(
    "/api/public/consultations/:id/comments",
    {
      schema: {
        tags,
        summary: "Comment on a section (no account). Send an Idempotency-Key header to make retries safe.",
        security: [],
        params: z.object({ id: z.string().uuid() }),
        body: PublicCommentCreate,
        response: { 201: SubmitResult, 400: ApiError, 404: ApiError, 409: ApiError, 429: ApiError },
      },
    },
    async (request, reply) => {
      const key = checkIdempotencyKey(request.headers["idempotency-key"]);
      const contact = normalizeContact(request.body.contact);
      const confirm = await contactProof(app.ctx, request.log, request.body, () => contact);
      const outcome = await withRetryAfter(reply, () =>
        submitComment(deps, request.params.id, request.body, { ip: request.ip, key, confirm }),
      );
      if (outcome.honeypot) countHoneypot(request.log, "consultation");
      return reply.status(201).send({ trackingCode: outcome.trackingCode, status: "pending" as const });
    },
  );

  app.get(
    "/api/public/consultation-comments/:trackingCode",
    {
      schema: {
        tags,
        summary: "The state of one's own comment, by the code given when it was sent",
        security: [],
        params: z.object({ trackingCode: z.string().min(1).max(40) }),
        response: { 200: SubmissionStatus, 404: ApiError },
      },
    },
    async (request) => commentStatus(deps, request.params.trackingCode),
  );
};

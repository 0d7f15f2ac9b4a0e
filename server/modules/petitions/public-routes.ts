import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { systemActor } from "../../../common/actors.ts";
import { ApiError } from "../../../common/schemas/errors.ts";
import {
  FollowUpBody,
  IntakeResult,
  MyData,
  PublicCommune,
  PublicPetitionCreate,
  PublicPetitionView,
  RatingBody,
  UploadResult,
} from "../../../common/schemas/petitions.ts";
import { AppError } from "../../lib/errors.ts";
import { contactProof, countHoneypot, withRetryAfter } from "../intake/public.ts";
import { notFoundPetition } from "./access.ts";
import { byTrackingCode, checkProof, ratePetition, recordFollowUp } from "./citizen.ts";
import { petitionDeps } from "./deps.ts";
import { communesToday } from "./directory.ts";
import { checkIdempotencyKey, createPetition, type IntakeBody, normalizeContact } from "./intake.ts";
import { storeUpload } from "./uploads.ts";
import { myData, publicView } from "./views.ts";

const tags = ["petitions (public)"];
const codeParams = z.object({ trackingCode: z.string().min(1).max(40) });
const PUBLIC_ACTOR = systemActor("portal");

/** Receives from the portal and from the Open311 facade alike. */
export async function receivePublic(
  app: Parameters<FastifyPluginAsyncZod>[0],
  reply: FastifyReply,
  input: {
    body: IntakeBody;
    ip: string;
    key: string | null;
    channel: "portal" | "open311";
    contactCode?: string;
  },
  log: { info(obj: object, msg: string): void },
) {
  const deps = petitionDeps(app.ctx);
  // Where the province requires it, the phone or e-mail is confirmed by a one-time code (the
  // intake's), spent inside the intake's transaction. A robot filling the honeypot is not asked for one.
  const confirmContact = await contactProof(
    app.ctx,
    app.log,
    { website: input.body.website, contactCode: input.contactCode },
    () => normalizeContact(input.body.contact),
  );
  const outcome = await withRetryAfter(reply, () =>
    createPetition(deps, {
      confirmContact,
      body: input.body,
      channel: input.channel,
      actor: PUBLIC_ACTOR,
      createdBy: null,
      ip: input.ip,
      idempotencyKey: input.key,
      limited: true,
    }),
  );
  if (outcome.honeypot) countHoneypot(log, "petition");
  return outcome;
}

export const petitionPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = petitionDeps(app.ctx);
  const tenantId = deps.tenant.id;
  const db = () => deps.database.db;

  app.get(
    "/api/public/communes",
    {
      schema: {
        tags,
        summary: "Communes in force today, for the portal's picker",
        security: [],
        response: { 200: z.object({ items: z.array(PublicCommune) }) },
      },
    },
    async () => {
      const communes = await communesToday(db(), tenantId, deps.today());
      return {
        items: communes
          .map((c) => ({ id: c.id, name: c.name, folded: c.folded }))
          .sort((a, b) => a.name.localeCompare(b.name, "vi")),
      };
    },
  );

  app.post(
    "/api/public/uploads",
    {
      schema: {
        tags,
        summary: "Upload an attachment (multipart field `file`): PDF, JPEG, PNG, WebP, DOCX, XLSX",
        security: [],
        response: { 201: UploadResult, 413: ApiError, 415: ApiError, 429: ApiError },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(415, "unsupported_media_type", { detail: "multipart/form-data" });
      }
      const file = await request.file();
      if (file?.fieldname !== "file") throw new AppError(400, "petition_file_missing", {}, "file");
      const body = await file.toBuffer();
      const result = await withRetryAfter(reply, () => storeUpload(deps, body, request.ip));
      return reply.status(201).send(result);
    },
  );

  app.post(
    "/api/public/petitions",
    {
      schema: {
        tags,
        summary: "Send a petition (no account). Send an Idempotency-Key header to make retries safe.",
        security: [],
        headers: z.object({ "idempotency-key": z.string().optional() }).passthrough(),
        body: PublicPetitionCreate,
        response: { 201: IntakeResult, 400: ApiError, 409: ApiError, 429: ApiError },
      },
      // The module's own hourly limits per address and per contact apply; the app-wide burst
      // limit must not be lower than them.
      config: { rateLimit: { max: Math.max(600, deps.settings.rateLimitIp), timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const outcome = await receivePublic(
        app,
        reply,
        {
          body: request.body,
          ip: request.ip,
          key: checkIdempotencyKey(request.headers["idempotency-key"]),
          channel: "portal",
          contactCode: request.body.contactCode,
        },
        request.log,
      );
      return reply.status(201).send({ trackingCode: outcome.trackingCode });
    },
  );

  app.get(
    "/api/public/petitions/:trackingCode",
    {
      schema: {
        tags,
        summary: "A petition's status, deadlines and published answer, without personal data",
        security: [],
        params: codeParams,
        response: { 200: PublicPetitionView, 404: ApiError },
      },
    },
    async (request) => {
      const view = await publicView(db(), tenantId, request.params.trackingCode, deps.today());
      if (!view) throw notFoundPetition();
      return view;
    },
  );

  app.post(
    "/api/public/petitions/:trackingCode/rating",
    {
      schema: {
        tags,
        summary: "Rate the answer once (1–5); `contact` is the phone or e-mail given with the petition",
        security: [],
        params: codeParams,
        body: RatingBody,
        response: { 201: z.object({ score: z.number().int() }), 403: ApiError, 409: ApiError },
      },
    },
    async (request, reply) => {
      const row = await byTrackingCode(db(), tenantId, request.params.trackingCode);
      await withRetryAfter(reply, () => checkProof(deps, row, request.body.contact, request.ip));
      await db().transaction((tx) => ratePetition(tx, row, request.body));
      return reply.status(201).send({ score: request.body.score });
    },
  );

  app.post(
    "/api/public/petitions/:trackingCode/follow-up",
    {
      schema: {
        tags,
        summary: "Say, weeks after closing, whether the matter was actually resolved",
        security: [],
        params: codeParams,
        body: FollowUpBody,
        response: { 201: z.object({ resolved: z.boolean() }), 403: ApiError, 409: ApiError },
      },
    },
    async (request, reply) => {
      const row = await byTrackingCode(db(), tenantId, request.params.trackingCode);
      await withRetryAfter(reply, () => checkProof(deps, row, request.body.contact, request.ip));
      await db().transaction((tx) => recordFollowUp(tx, row, request.body));
      return reply.status(201).send({ resolved: request.body.resolved });
    },
  );

  app.get(
    "/api/public/petitions/:trackingCode/my-data",
    {
      schema: {
        tags,
        summary:
          "What is held about the citizen's case. Send the phone or e-mail given with it in the X-Petition-Contact header (never in the URL, which ends up in logs).",
        security: [],
        params: codeParams,
        headers: z.object({ "x-petition-contact": z.string().min(3).max(200) }).passthrough(),
        response: { 200: MyData, 403: ApiError, 404: ApiError, 429: ApiError },
      },
    },
    async (request, reply) => {
      const row = await byTrackingCode(db(), tenantId, request.params.trackingCode);
      const proof = request.headers["x-petition-contact"];
      await withRetryAfter(reply, () => checkProof(deps, row, String(proof), request.ip));
      reply.header("cache-control", "no-store");
      return myData(db(), row, request.locale);
    },
  );
};

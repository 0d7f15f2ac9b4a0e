import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ApiError } from "../../../common/schemas/errors.ts";
import {
  DuplicateCandidate,
  Notice,
  PETITION_KINDS,
  PETITION_STATUSES,
  PetitionDetail,
  PetitionListQuery,
  PetitionSummary,
  RoutingSuggestion,
  StaffIntakeResult,
  StaffPetitionCreate,
  StatsQuery,
  UnitStats,
} from "../../../common/schemas/petitions.ts";
import { auditActor, requireActor, sendFile } from "../../http/context.ts";
import { both, notFound } from "../../lib/errors.ts";
import { authorize } from "../authorize.ts";
import { accessPetition } from "./access.ts";
import { clockRules } from "./clocks.ts";
import { petitionDeps } from "./deps.ts";
import { checkIdempotencyKey, createPetition, normalizeContact } from "./intake.ts";
import { findDuplicates, listPetitions } from "./list.ts";
import { listNotices, markNoticeRead } from "./notices.ts";
import { scopeFor } from "./policy.ts";
import { answerReviewRoutes } from "./review.ts";
import { suggestUnits } from "./routing/service.ts";
import { petitionStats } from "./stats.ts";
import { attachmentKey } from "./uploads.ts";
import { logAccess, petitionDetail } from "./views.ts";

const tags = ["petitions"];
const idParams = z.object({ id: z.string().uuid() });

/**
 * The staff API of petitions: the inbox, intake by staff, statistics, notices, one case with its
 * duplicates, routing suggestions and attachments. The steps on a case are `routes-workflow.ts`.
 */
export const petitionRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = petitionDeps(app.ctx);
  const db = () => deps.database.db;
  // The leader's review of a draft: the masked preview, and returning it with a comment.
  await app.register(answerReviewRoutes);
  const clockView = () => ({
    calendar: deps.calendar,
    warnWithin: Math.max(0, ...deps.settings.warningDays),
  });

  app.get(
    "/api/petitions",
    {
      schema: {
        tags,
        summary: "Petitions the signed-in user may see; `overdue=true` for those past a deadline",
        querystring: PetitionListQuery,
        response: {
          200: z.object({
            items: z.array(PetitionSummary),
            total: z.number().int(),
            /** Per status, under every filter but the status: the inbox's tabs. */
            counts: z.record(z.enum(PETITION_STATUSES), z.number().int()),
          }),
        },
      },
    },
    async (request) => listPetitions(db(), requireActor(request), request.query, deps.today(), clockView()),
  );

  app.post(
    "/api/petitions",
    {
      schema: {
        tags,
        summary: "Enter a petition received by letter, at a reception session, by phone or e-mail",
        headers: z.object({ "idempotency-key": z.string().optional() }).passthrough(),
        body: StaffPetitionCreate,
        response: { 201: StaffIntakeResult, 400: ApiError, 409: ApiError },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "petitions.intake");
      const scope = scopeFor(actor);
      const outcome = await createPetition(deps, {
        receivingUnitId: scope.kind === "units" ? scope.unitIds[0] : undefined,
        body: request.body,
        channel: request.body.channel,
        actor: auditActor(request),
        createdBy: actor.userId,
        ip: request.ip,
        idempotencyKey: checkIdempotencyKey(request.headers["idempotency-key"]),
        limited: false,
      });
      const contact = normalizeContact(request.body.contact);
      const duplicates = await findDuplicates(db(), actor, {
        id: outcome.id,
        text: request.body.text,
        phone: contact.phone,
        email: contact.email,
      });
      return reply.status(201).send({ id: outcome.id!, trackingCode: outcome.trackingCode, duplicates });
    },
  );

  app.get(
    "/api/petitions/stats",
    {
      schema: {
        tags,
        summary: "Per unit: received, answered on time, overdue, closed resolved / not, rating, follow-up",
        querystring: StatsQuery,
        response: { 200: z.object({ items: z.array(UnitStats) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "petitions.stats");
      const { from, to } = request.query;
      return { items: await petitionStats(db(), actor, from, to, deps.today(), request.locale) };
    },
  );

  app.get(
    "/api/petitions/clock-rules",
    { schema: { tags, summary: "The legal clocks of each kind, with their legal basis" } },
    async (request) => {
      requireActor(request);
      return { items: PETITION_KINDS.flatMap((kind) => clockRules(kind, deps.settings)) };
    },
  );

  app.get(
    "/api/petitions/notices",
    {
      schema: {
        tags,
        summary: "The signed-in user's notices about petitions (assignments, deadlines)",
        querystring: z.strictObject({ unread: z.enum(["true", "false"]).default("false") }),
        response: { 200: z.object({ items: z.array(Notice) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return {
        items: await listNotices(db(), actor.tenantId, actor.userId, request.query.unread === "true"),
      };
    },
  );

  app.post(
    "/api/petitions/notices/:id/read",
    { schema: { tags, params: idParams, response: { 204: z.null(), 404: ApiError } } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!(await markNoticeRead(db(), actor.tenantId, actor.userId, request.params.id)))
        throw notFound(both("thông báo", "notice"));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/petitions/:id",
    { schema: { tags, params: idParams, response: { 200: PetitionDetail, 404: ApiError } } },
    async (request) => {
      const actor = requireActor(request);
      const { row, resource } = await accessPetition(db(), actor, request.params.id);
      return petitionDetail(db(), actor, row, resource, deps.today(), clockView(), request.locale);
    },
  );

  app.get(
    "/api/petitions/:id/duplicates",
    {
      schema: {
        tags,
        summary: "Likely duplicates: same phone or e-mail, or a similar text",
        params: idParams,
        response: { 200: z.object({ items: z.array(DuplicateCandidate) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { row } = await accessPetition(db(), actor, request.params.id);
      const items = await findDuplicates(db(), actor, {
        id: row.id,
        text: row.text,
        phone: row.contactPhone,
        email: row.contactEmail,
      });
      return { items };
    },
  );

  app.get(
    "/api/petitions/:id/routing-suggestions",
    {
      schema: {
        tags,
        summary: "The three likeliest responsible units, with scores",
        params: idParams,
        response: { 200: z.object({ items: z.array(RoutingSuggestion) }) },
      },
    },
    async (request) => {
      const { row } = await accessPetition(db(), requireActor(request), request.params.id);
      return { items: await suggestUnits(db(), row, deps.today()) };
    },
  );

  app.get(
    "/api/petitions/:id/attachments/:uploadId",
    { schema: { tags, params: z.object({ id: z.string().uuid(), uploadId: z.string().uuid() }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { row, resource } = await accessPetition(db(), actor, request.params.id);
      authorize(actor, "petitions.personalData", resource, { missing: both("tệp", "file") });
      const found = await attachmentKey(db(), row.tenantId, row.id, request.params.uploadId);
      const object = found ? await deps.storage.getObject(found.key) : null;
      if (!found || !object) throw notFound(both("tệp", "file"));
      await logAccess(db(), {
        tenantId: row.tenantId,
        petitionId: row.id,
        userId: actor.userId,
        name: `${actor.displayName} (${actor.username})`,
        purpose: "staff.attachment",
        fields: ["attachments"],
      });
      const extension = found.contentType.split("/").pop()?.replace(/.*\./, "") ?? "bin";
      return sendFile(
        reply.header("cache-control", "no-store"),
        object.body,
        `${row.trackingCode}.${extension}`,
        found.contentType,
      );
    },
  );
};

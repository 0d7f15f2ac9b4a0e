import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ModerationBody } from "../../../common/schemas/civic.ts";
import {
  ConsultationDetail,
  ConsultationInput,
  ConsultationListQuery,
  ConsultationPatch,
  ConsultationSummary,
  ResponseBody,
  SectionInput,
  SplitBody,
  StaffCommentCreate,
} from "../../../common/schemas/consultations.ts";
import { ApiError } from "../../../common/schemas/errors.ts";
import { splitSections } from "../../../common/sections.ts";
import { auditActor, inTransaction, requireActor, sendFile } from "../../http/context.ts";
import { renderNd30DocxOffThread } from "../../lib/documents/off-thread.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/service.ts";
import { civicDeps } from "../dialogues/deps.ts";
import { accessConsultation } from "./access.ts";
import { addStaffComment, answerComment, moderateComment } from "./comments.ts";
import { explanatoryReport, type ReportComment } from "./report.ts";
import {
  consultationDetail,
  createConsultation,
  listConsultations,
  loadComments,
  loadSections,
  publishConsultation,
  updateConsultation,
} from "./service.ts";

const tags = ["consultations"];
const idParams = z.object({ id: z.string().uuid() });
const commentParams = z.object({ id: z.string().uuid(), commentId: z.string().uuid() });
const Created = z.object({ id: z.string().uuid() });
const Ok = z.object({ ok: z.literal(true) });
const Done = z.object({ id: z.string().uuid(), status: z.string() });
const errors = { 400: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const consultationRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = civicDeps(app.ctx);
  const db = () => deps.database.db;

  app.get(
    "/api/consultations",
    {
      schema: {
        tags,
        summary: "Consultations the signed-in user may see, with comment counts",
        querystring: ConsultationListQuery,
        response: { 200: z.object({ items: z.array(ConsultationSummary), canCreate: z.boolean() }) },
      },
    },
    async (request) => listConsultations(db(), requireActor(request), request.query.phase, deps.today()),
  );

  app.post(
    "/api/consultations/split",
    {
      schema: {
        tags,
        summary: "Split pasted draft text into sections at its headings (Điều, Chương, I., 1.)",
        body: SplitBody,
        response: { 200: z.object({ sections: z.array(SectionInput) }), 400: ApiError },
      },
    },
    async (request) => {
      requireActor(request);
      const sections = splitSections(request.body.text);
      if (sections.length === 0) throw new AppError(400, "consultation_no_sections", {}, "text");
      return { sections };
    },
  );

  app.post(
    "/api/consultations",
    {
      schema: {
        tags,
        summary: "Create a draft for consultation, with its sections (the coordinator or the drafting unit)",
        body: ConsultationInput,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await inTransaction(request, (tx) =>
        createConsultation(tx, actor, auditActor(request), request.body, deps.today()),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/api/consultations/:id",
    {
      schema: {
        tags,
        summary:
          "A consultation with its sections, comments (the queue for its managers) and allowed actions",
        params: idParams,
        response: { 200: ConsultationDetail, 404: ApiError },
      },
    },
    async (request) => consultationDetail(db(), requireActor(request), request.params.id, deps.today()),
  );

  app.patch(
    "/api/consultations/:id",
    {
      schema: {
        tags,
        summary: "Edit a draft that is not yet published (sections replaced when given); send `version`",
        params: idParams,
        body: ConsultationPatch,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await inTransaction(request, (tx) =>
        updateConsultation(tx, actor, auditActor(request), request.params.id, request.body, deps.today()),
      );
      return { ok: true as const };
    },
  );

  app.post(
    "/api/consultations/:id/publish",
    {
      schema: {
        tags,
        summary: "Publish the draft on the portal",
        params: idParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await inTransaction(request, (tx) =>
        publishConsultation(tx, actor, auditActor(request), request.params.id, deps.today()),
      );
      return { ok: true as const };
    },
  );

  app.post(
    "/api/consultations/:id/comments",
    {
      schema: {
        tags,
        summary:
          "Enter the written comment of a unit, of the Front, or a citizen's letter (published at once)",
        params: idParams,
        body: StaffCommentCreate,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await inTransaction(request, (tx) =>
        addStaffComment(tx, actor, auditActor(request), request.params.id, request.body, deps.today()),
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    "/api/consultations/:id/comments/:commentId/moderation",
    {
      schema: {
        tags,
        summary: "Publish a comment from the portal, or reject it with a reason from the list",
        params: commentParams,
        body: ModerationBody,
        response: { 200: Done, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return inTransaction(request, (tx) =>
        moderateComment(
          tx,
          actor,
          auditActor(request),
          request.params.id,
          request.params.commentId,
          request.body,
          deps.today(),
        ),
      );
    },
  );

  app.post(
    "/api/consultations/:id/comments/:commentId/response",
    {
      schema: {
        tags,
        summary: "Answer a published comment: accepted, partly or not accepted, with the explanation",
        params: commentParams,
        body: ResponseBody,
        response: { 200: Done, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return inTransaction(request, (tx) =>
        answerComment(
          tx,
          actor,
          auditActor(request),
          request.params.id,
          request.params.commentId,
          request.body,
          deps.today(),
        ),
      );
    },
  );

  app.get(
    "/api/consultations/:id/report.docx",
    {
      schema: {
        tags,
        summary: "The explanatory report (báo cáo tiếp thu, giải trình) as .docx, Nghị định 30/2020 layout",
        params: idParams,
        response: { 403: ApiError, 404: ApiError, 409: ApiError },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const today = deps.today();
      const { row, units } = await accessConsultation(db(), actor, request.params.id, today, "report");
      const unit = units.unit(row.draftingUnitId);
      const parent = unit?.parentId ? units.unit(unit.parentId) : undefined;
      const province = units
        .ancestors(row.draftingUnitId)
        .map((id) => units.unit(id))
        .find((u) => u?.type === "province");
      const sections = await loadSections(db(), row.id);
      const comments = await loadComments(db(), row.id);
      const doc = explanatoryReport({
        title: row.title,
        draftingUnit: {
          name: units.name(row.draftingUnitId),
          shortName: unit?.shortName ?? null,
          type: unit?.type ?? "other",
          parentName: parent && parent.type !== "province" ? parent.name : null,
        },
        place: (province?.name ?? deps.tenant.name).replace(/^Tỉnh\s+/u, ""),
        opensOn: row.opensOn,
        closesOn: row.closesOn,
        sections,
        comments: comments.map(
          (c): ReportComment => ({
            sectionId: c.sectionId,
            authorKind: c.authorKind as "citizen",
            authorName: c.authorName,
            organisation: c.organisation,
            text: c.text,
            status: c.status as "published",
            rejectReason: c.rejectReason,
            result: c.result as "accepted" | null,
            explanation: c.explanation,
          }),
        ),
      });
      const buffer = await renderNd30DocxOffThread(doc, app.ctx.config);
      await recordAudit(db(), {
        tenantId: actor.tenantId,
        actor: auditActor(request),
        action: "consultation.report",
        entityType: "consultation",
        entityId: row.id,
      });
      return sendFile(reply, buffer, `Bao-cao-tiep-thu-giai-trinh-${today}.docx`, DOCX);
    },
  );
};

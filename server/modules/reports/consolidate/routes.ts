import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  Consolidation,
  ConsolidationIdParams,
  ConsolidationList,
  CreateConsolidationBody,
  EditDocumentBody,
  EditSectionBody,
  FinaliseBody,
  SectionParams,
} from "../../../../common/schemas/consolidation.ts";
import { auditActor, inTransaction, requireActor, sendFile } from "../../../http/context.ts";
import { pdfAvailable } from "../../../lib/documents/pdf.ts";
import { both } from "../../../lib/errors.ts";
import type { Actor } from "../../auth/actor.ts";
import { authorize, may } from "../../authorize.ts";
import {
  type ConsolidationRow,
  consolidationDocx,
  consolidationPdf,
  consolidationXlsx,
  draftConsolidation,
  editDocumentFields,
  editSection,
  fileStem,
  finaliseConsolidation,
  findConsolidation,
  listConsolidations,
} from "./service.ts";

const tags = ["reporting"];
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function view(row: ConsolidationRow, actor: Actor) {
  const resource = { tenantId: row.tenantId, status: row.status as "draft" | "final" };
  return {
    id: row.id,
    planId: row.planId,
    periodKey: row.periodKey,
    status: resource.status,
    version: row.version,
    draft: row.draft,
    document: row.document,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finalisedAt: row.finalisedAt?.toISOString() ?? null,
    finalisedBy: row.finalisedByName,
    actions: {
      edit: may(actor, "consolidations.edit", resource),
      finalise: may(actor, "consolidations.finalise", resource),
      pdf: pdfAvailable(),
    },
  };
}

/** The consolidated provincial report: draft, edit, finalise, download (docs/reports.md). */
export const consolidationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const db = () => ctx.database.db;

  /** A report the actor may read; one they may not is "not found", never "forbidden". */
  const readable = async (actor: Actor, id: string) => {
    const row = await findConsolidation(db(), actor.tenantId, id);
    authorize(
      actor,
      "consolidations.read",
      { tenantId: row.tenantId, status: row.status as "draft" | "final" },
      { missing: both("bản tổng hợp báo cáo", "consolidated report") },
    );
    return row;
  };

  app.get(
    "/api/reporting/consolidations",
    {
      schema: {
        tags,
        summary: "Consolidated provincial reports (drafts and final), newest first",
        querystring: z.object({ planId: z.string().uuid().optional() }),
        response: { 200: ConsolidationList },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "consolidations.list", actor.tenantId);
      const rows = (await listConsolidations(db(), actor.tenantId, request.query.planId)).filter((row) =>
        may(actor, "consolidations.read", {
          tenantId: row.tenantId,
          status: row.status as "draft" | "final",
        }),
      );
      return {
        canDraft: may(actor, "consolidations.draft", actor.tenantId),
        items: rows.map((row) => {
          const { draft, ...rest } = view(row, actor);
          return {
            ...rest,
            planTitle: draft.plan.title,
            periodLabel: draft.period.label,
            counts: draft.counts,
          };
        }),
      };
    },
  );

  app.post(
    "/api/reporting/consolidations",
    {
      schema: {
        tags,
        summary:
          "Draft the provincial report of a plan and period from the accepted unit reports, or refresh the draft (edited sections are kept); planId defaults to the most recently published plan",
        body: CreateConsolidationBody,
        response: { 200: Consolidation, 201: Consolidation },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, "consolidations.draft", actor.tenantId);
      const { row, created } = await inTransaction(request, (tx) =>
        draftConsolidation(tx, actor.tenantId, auditActor(request), request.body),
      );
      return reply.status(created ? 201 : 200).send(view(row, actor));
    },
  );

  app.get(
    "/api/reporting/consolidations/:id",
    { schema: { tags, params: ConsolidationIdParams, response: { 200: Consolidation } } },
    async (request) => {
      const actor = requireActor(request);
      return view(await readable(actor, request.params.id), actor);
    },
  );

  app.patch(
    "/api/reporting/consolidations/:id/sections/:key",
    {
      schema: {
        tags,
        summary: "Rewrite one section (409 when someone changed the report since `version`)",
        params: SectionParams,
        body: EditSectionBody,
        response: { 200: Consolidation },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await readable(actor, request.params.id);
      authorize(actor, "consolidations.edit", { tenantId: row.tenantId, status: "draft" });
      const updated = await inTransaction(request, (tx) =>
        editSection(tx, actor.tenantId, auditActor(request), row.id, request.params.key, request.body),
      );
      return view(updated, actor);
    },
  );

  app.patch(
    "/api/reporting/consolidations/:id",
    {
      schema: {
        tags,
        summary: "Set the document's number, date and signer's name",
        params: ConsolidationIdParams,
        body: EditDocumentBody,
        response: { 200: Consolidation },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await readable(actor, request.params.id);
      authorize(actor, "consolidations.edit", { tenantId: row.tenantId, status: "draft" });
      const updated = await inTransaction(request, (tx) =>
        editDocumentFields(tx, actor.tenantId, auditActor(request), row.id, request.body),
      );
      return view(updated, actor);
    },
  );

  app.post(
    "/api/reporting/consolidations/:id/finalise",
    {
      schema: {
        tags,
        summary: "Finalise: the report is frozen (needs the next year's directions written)",
        params: ConsolidationIdParams,
        body: FinaliseBody,
        response: { 200: Consolidation },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await readable(actor, request.params.id);
      authorize(actor, "consolidations.finalise", { tenantId: row.tenantId, status: "draft" });
      const updated = await inTransaction(request, (tx) =>
        finaliseConsolidation(tx, actor.tenantId, auditActor(request), row.id, request.body.version),
      );
      return view(updated, actor);
    },
  );

  const FILES = {
    "report.docx": { type: DOCX, ext: "docx", make: consolidationDocx },
    "annex.xlsx": { type: XLSX, ext: "xlsx", make: consolidationXlsx },
    "report.pdf": { type: "application/pdf", ext: "pdf", make: consolidationPdf },
  } as const;
  for (const [name, file] of Object.entries(FILES)) {
    app.get(
      `/api/reporting/consolidations/:id/${name}`,
      {
        schema: {
          tags,
          summary: `Download the report as ${file.ext} (the annex for .xlsx; PDF needs LibreOffice on the server)`,
          params: ConsolidationIdParams,
        },
      },
      async (request, reply) => {
        const row = await readable(requireActor(request), request.params.id);
        const prefix = name.startsWith("annex") ? "phu-luc" : fileStem(row);
        const filename = name.startsWith("annex")
          ? `${prefix}-${row.periodKey}.${file.ext}`
          : `${prefix}.${file.ext}`;
        return sendFile(reply, await file.make(row, ctx.config), filename, file.type);
      },
    );
  }
};

import { and, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  DiffQuery,
  IdParams,
  ReportDetail,
  ReportDiff,
  ReportFile,
  ReportFileParams,
  ReportList,
  ReportListQuery,
  SaveBody,
  TransitionBody,
  TransitionParams,
} from "../../../common/schemas/reports.ts";
import { auditActor, inTransaction, requireActor, sendFile } from "../../http/context.ts";
import { both, notFound } from "../../lib/errors.ts";
import { accessFor, formVersion, visibleReport } from "./access.ts";
import { diffReports } from "./diff.ts";
import { attachScan, mayAttach, readScan, reportStorage, SCAN_MAX_BYTES } from "./files.ts";
import { reportRouteHelpers, tags } from "./routes-shared.ts";
import { reportFiles } from "./tables.ts";
import { listReports, revisionContent } from "./views.ts";
import { saveReport, transition } from "./workflow.ts";

/** Units' reports: list, read, save, step through the workflow, compare revisions, signed scans. */
export const reportRecordRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const { db, access, detail } = reportRouteHelpers(ctx);

  // --- reports -----------------------------------------------------------------------------------

  app.get(
    "/api/reports",
    {
      schema: {
        tags,
        summary: "Reports in the user's scope (mine=true: the user's own units)",
        querystring: ReportListQuery,
        response: { 200: ReportList },
      },
    },
    async (request) => listReports(db(), await access(request), request.query),
  );

  app.get(
    "/api/reports/:id",
    {
      schema: {
        tags,
        summary: "A report: content, form version, period, allowed actions, steps, revisions, files",
        params: IdParams,
        response: { 200: ReportDetail },
      },
    },
    async (request) => detail(request, request.params.id),
  );

  app.put(
    "/api/reports/:id",
    {
      schema: {
        tags,
        summary:
          "Save the draft (name the version read; 409 returns the current text and the sections that differ)",
        params: IdParams,
        body: SaveBody,
        response: { 200: ReportDetail },
      },
    },
    async (request) => {
      await inTransaction(request, async (tx) =>
        saveReport(
          tx,
          await accessFor(tx, requireActor(request)),
          auditActor(request),
          request.params.id,
          request.body,
        ),
      );
      return detail(request, request.params.id);
    },
  );

  app.post(
    "/api/reports/:id/:action",
    {
      schema: {
        tags,
        summary:
          "A workflow step: submit, send (leader), withdraw, receive, accept, return (coordinator, with comments)",
        params: TransitionParams,
        body: TransitionBody.nullish(),
        response: { 200: ReportDetail },
      },
    },
    async (request) => {
      await inTransaction(request, async (tx) =>
        transition(
          tx,
          await accessFor(tx, requireActor(request)),
          auditActor(request),
          request.params.id,
          request.params.action,
          request.body ?? {},
        ),
      );
      return detail(request, request.params.id);
    },
  );

  app.get(
    "/api/reports/:id/diff",
    {
      schema: {
        tags,
        summary: "Differences between two revisions (default: the last sent one and the current text)",
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: ReportDiff },
      },
    },
    async (request) => {
      const a = await access(request);
      const row = await visibleReport(db(), a, request.params.id);
      const to = request.query.to ?? "current";
      const from =
        request.query.from ??
        (row.status === "draft" || row.status === "returned"
          ? row.revision - 1
          : Math.max(1, row.revision - 1));
      if (from === 0) throw notFound(both("phiên bản trước", "earlier revision"));
      const before = await revisionContent(db(), row, from);
      const after = await revisionContent(db(), row, to);
      if (!before || !after) throw notFound(both("phiên bản", "revision"));
      const form = (await formVersion(db(), row.planId, after.formVersion))!;
      return { from, to, ...diffReports(before, after, form.headings, form.indicators) };
    },
  );

  app.post(
    "/api/reports/:id/files",
    {
      schema: {
        tags,
        summary: "Attach the signed scan (multipart, field `file`: PDF, JPEG or PNG)",
        params: IdParams,
        response: { 201: ReportFile },
      },
    },
    async (request, reply) => {
      // Who may attach, and to a report in which state, is settled before the upload is read.
      const a = await access(request);
      await mayAttach(db(), a, await visibleReport(db(), a, request.params.id));
      const file = await readScan(request, Math.min(SCAN_MAX_BYTES, ctx.config.uploadLimit));
      const saved = await inTransaction(request, async (tx) =>
        attachScan(
          tx,
          reportStorage(ctx),
          await accessFor(tx, requireActor(request)),
          auditActor(request),
          request.params.id,
          file,
        ),
      );
      return reply.status(201).send({
        id: saved.id,
        revision: saved.revision,
        filename: saved.filename,
        contentType: saved.contentType,
        size: saved.size,
        sha256: saved.sha256,
        uploadedBy: saved.uploadedByName,
        createdAt: new Date(saved.createdAt).toISOString(),
      });
    },
  );

  app.get(
    "/api/reports/:id/files/:fileId",
    { schema: { tags, summary: "Download a signed scan", params: ReportFileParams } },
    async (request, reply) => {
      const a = await access(request);
      const row = await visibleReport(db(), a, request.params.id);
      const [file] = await db()
        .select()
        .from(reportFiles)
        .where(and(eq(reportFiles.reportId, row.id), eq(reportFiles.id, request.params.fileId)));
      if (!file) throw notFound(both("tệp", "file"));
      const stored = await reportStorage(ctx).getObject(file.storageKey);
      if (!stored) throw notFound(both("tệp", "file"));
      return sendFile(reply, stored.body, file.filename, file.contentType);
    },
  );
};

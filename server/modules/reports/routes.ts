import { and, desc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorLabel } from "../../../common/actors.ts";
import type { Locale } from "../../../common/enums.ts";
import {
  AdHocBody,
  Completeness,
  DiffQuery,
  Escalation,
  EscalationCreate,
  EscalationList,
  EscalationQuery,
  EscalationUpdate,
  FormBody,
  IdParams,
  NoticeList,
  Period,
  PeriodList,
  PeriodUnitParams,
  PlanParams,
  ReopenBody,
  ReportDetail,
  ReportDiff,
  ReportFile,
  ReportFileParams,
  ReportForm,
  ReportList,
  ReportListQuery,
  SaveBody,
  Schedule,
  ScheduleBody,
  TransitionBody,
  TransitionParams,
  UrgingLetter,
  UrgingLetterList,
} from "../../../common/schemas/reports.ts";
import { auditActor, inTransaction, requireActor, sendFile } from "../../http/context.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { both, forbidden, notFound } from "../../lib/errors.ts";
import { accessFor, formVersion, loadPeriod, visibleReport } from "./access.ts";
import { listSchedules, planForm, setIndicators, updateSchedule } from "./config.ts";
import { diffReports } from "./diff.ts";
import {
  listEscalations,
  raiseEscalation,
  toEscalation,
  updateEscalation,
  visibleEscalation,
} from "./escalations.ts";
import { attachScan, mayAttach, readScan, reportStorage, SCAN_MAX_BYTES } from "./files.ts";
import { generateUrgingLetter, listNotices, markNoticeRead } from "./jobs.ts";
import { completeness, createRequest, listPeriods, reopenPeriod } from "./periods.ts";
import { reportPolicy } from "./policy.ts";
import { reportFiles, reportUrgingLetters } from "./tables.ts";
import { listReports, reportDetail, revisionContent } from "./views.ts";
import { openReport, saveReport, transition } from "./workflow.ts";

const tags = ["reports"];

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const db = () => ctx.database.db;
  type Request = Parameters<typeof requireActor>[0];
  const access = (request: Request) => accessFor(db(), requireActor(request));
  const detail = async (request: Request, id: string) => {
    const a = await access(request);
    return reportDetail(db(), a, await visibleReport(db(), a, id), todayInVietnam(), request.locale);
  };

  // --- plan settings: form, schedules, periods ------------------------------------------------

  app.get(
    "/api/reporting/plans/:planId/form",
    {
      schema: {
        tags,
        summary: "The plan's report form in force (headings, indicators) and its versions",
        params: PlanParams,
        response: { 200: ReportForm },
      },
    },
    async (request) => planForm(db(), await access(request), request.params.planId),
  );

  app.put(
    "/api/reporting/plans/:planId/form",
    {
      schema: {
        tags,
        summary: "Set the indicators (coordinator): a new form version; opened reports keep theirs",
        params: PlanParams,
        body: FormBody,
        response: { 200: ReportForm },
      },
    },
    async (request) => {
      await inTransaction(request, async (tx) =>
        setIndicators(
          tx,
          await accessFor(tx, requireActor(request)),
          auditActor(request),
          request.params.planId,
          request.body,
        ),
      );
      return planForm(db(), await access(request), request.params.planId);
    },
  );

  app.get(
    "/api/reporting/plans/:planId/schedules",
    {
      schema: {
        tags,
        summary: "The plan's reporting schedules (its duties and ad-hoc requests)",
        params: PlanParams,
        response: { 200: z.object({ items: z.array(Schedule) }) },
      },
    },
    async (request) => listSchedules(db(), await access(request), request.params.planId),
  );

  app.patch(
    "/api/reporting/schedules/:id",
    {
      schema: {
        tags,
        summary: "Lock days after the deadline and reminder days before it (coordinator)",
        params: IdParams,
        body: ScheduleBody,
        response: { 200: Schedule },
      },
    },
    async (request) =>
      inTransaction(request, async (tx) =>
        updateSchedule(
          tx,
          await accessFor(tx, requireActor(request)),
          auditActor(request),
          request.params.id,
          request.body,
        ),
      ),
  );

  app.get(
    "/api/reporting/plans/:planId/periods",
    {
      schema: {
        tags,
        summary: "The plan's periods, newest first, with received / expected and on time / late",
        params: PlanParams,
        response: { 200: PeriodList },
      },
    },
    async (request) => listPeriods(db(), await access(request), request.params.planId),
  );

  app.post(
    "/api/reporting/plans/:planId/requests",
    {
      schema: {
        tags,
        summary:
          "An ad-hoc report request (báo cáo đột xuất) with its own window, deadline and units (coordinator)",
        params: PlanParams,
        body: AdHocBody,
        response: { 201: Period },
      },
    },
    async (request, reply) => {
      const period = await inTransaction(request, async (tx) =>
        createRequest(
          tx,
          await accessFor(tx, requireActor(request)),
          auditActor(request),
          request.params.planId,
          request.body,
        ),
      );
      const a = await access(request);
      const found = (await listPeriods(db(), a, request.params.planId)).items.find(
        (p) => p.id === period.id,
      )!;
      return reply.status(201).send(found);
    },
  );

  app.get(
    "/api/reporting/periods/:id",
    {
      schema: {
        tags,
        summary: "A period's completeness and timeliness: province, unit types, units",
        params: IdParams,
        response: { 200: Completeness },
      },
    },
    async (request) =>
      completeness(db(), await access(request), request.params.id, todayInVietnam(), request.locale),
  );

  app.post(
    "/api/reporting/periods/:id/units/:unitId/reopen",
    {
      schema: {
        tags,
        summary: "Reopen a locked period for one unit until a day, with a reason (coordinator)",
        params: PeriodUnitParams,
        body: ReopenBody,
        response: { 200: Completeness },
      },
    },
    async (request) => {
      await inTransaction(request, async (tx) =>
        reopenPeriod(
          tx,
          await accessFor(tx, requireActor(request)),
          auditActor(request),
          request.params.id,
          request.params.unitId,
          request.body,
        ),
      );
      return completeness(db(), await access(request), request.params.id, todayInVietnam(), request.locale);
    },
  );

  app.post(
    "/api/reporting/periods/:id/units/:unitId/report",
    {
      schema: {
        tags,
        summary:
          "Open the unit's report for the period (pre-filled from its progress), or get the one it has",
        params: PeriodUnitParams,
        response: { 200: ReportDetail, 201: ReportDetail },
      },
    },
    async (request, reply) => {
      const opened = await inTransaction(request, async (tx) =>
        openReport(
          tx,
          await accessFor(tx, requireActor(request)),
          auditActor(request),
          request.params.id,
          request.params.unitId,
        ),
      );
      return reply.status(opened.created ? 201 : 200).send(await detail(request, opened.row.id));
    },
  );

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

  // --- notices and urging letters ---------------------------------------------------------------

  app.get(
    "/api/reporting/notices",
    {
      schema: {
        tags,
        summary: "The signed-in user's report notices: reminders, approvals, urging",
        response: { 200: NoticeList },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { items: await listNotices(db(), actor.tenantId, actor.userId) };
    },
  );

  app.post(
    "/api/reporting/notices/:id/read",
    { schema: { tags, summary: "Mark a notice read", params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!(await markNoticeRead(db(), actor.tenantId, actor.userId, request.params.id)))
        throw notFound(both("thông báo", "notice"));
      return reply.status(204).send(null);
    },
  );

  const letterView = (
    a: Awaited<ReturnType<typeof access>>,
    row: typeof reportUrgingLetters.$inferSelect,
    locale: Locale,
  ) => ({
    id: row.id,
    periodId: row.periodId,
    issuedOn: row.issuedOn,
    lateUnits: row.lateUnitIds.map((id) => ({ id, name: a.directory.name(id) })),
    filename: row.filename,
    size: row.size,
    // The scheduled job writes as "system"; a person's name reads as it is.
    createdBy: actorLabel(row.createdByName, locale),
    createdAt: new Date(row.createdAt).toISOString(),
  });
  const requireProvince = (a: Awaited<ReturnType<typeof access>>) => {
    if (!reportPolicy.decide(a.actor, a.actor)) throw forbidden();
  };

  app.get(
    "/api/reporting/periods/:id/urging-letters",
    {
      schema: {
        tags,
        summary: "The period's urging letters (coordinator, leadership)",
        params: IdParams,
        response: { 200: UrgingLetterList },
      },
    },
    async (request) => {
      const a = await access(request);
      requireProvince(a);
      const { period } = await loadPeriod(db(), a.actor.tenantId, request.params.id);
      const rows = await db()
        .select()
        .from(reportUrgingLetters)
        .where(eq(reportUrgingLetters.periodId, period.id))
        .orderBy(desc(reportUrgingLetters.issuedOn));
      return { items: rows.map((row) => letterView(a, row, request.locale)) };
    },
  );

  app.post(
    "/api/reporting/periods/:id/urging-letters",
    {
      schema: {
        tags,
        summary: "Generate today's urging letter (.docx) listing the units without a report (coordinator)",
        params: IdParams,
        response: { 201: UrgingLetter },
      },
    },
    async (request, reply) => {
      const a = await access(request);
      if (!reportPolicy.coordinate(a.actor, a.actor)) throw forbidden();
      const { period } = await loadPeriod(db(), a.actor.tenantId, request.params.id);
      const row = await generateUrgingLetter(
        db(),
        reportStorage(ctx),
        a.directory,
        period.id,
        todayInVietnam(),
        auditActor(request),
      );
      return reply.status(201).send(letterView(a, row!, request.locale));
    },
  );

  app.get(
    "/api/reporting/urging-letters/:id/file",
    { schema: { tags, summary: "Download an urging letter (.docx)", params: IdParams } },
    async (request, reply) => {
      const a = await access(request);
      requireProvince(a);
      const [row] = await db()
        .select()
        .from(reportUrgingLetters)
        .where(
          and(
            eq(reportUrgingLetters.tenantId, a.actor.tenantId),
            eq(reportUrgingLetters.id, request.params.id),
          ),
        );
      if (!row) throw notFound(both("văn bản đôn đốc", "urging letter"));
      const stored = await reportStorage(ctx).getObject(row.storageKey);
      if (!stored) throw notFound(both("văn bản đôn đốc", "urging letter"));
      return sendFile(
        reply,
        stored.body,
        row.filename,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      );
    },
  );

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

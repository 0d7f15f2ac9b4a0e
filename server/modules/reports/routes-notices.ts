import { and, desc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorLabel } from "../../../common/actors.ts";
import type { Locale } from "../../../common/enums.ts";
import { IdParams, NoticeList, UrgingLetter, UrgingLetterList } from "../../../common/schemas/reports.ts";
import { auditActor, requireActor, sendFile } from "../../http/context.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { both, notFound } from "../../lib/errors.ts";
import { authorize } from "../authorize.ts";
import { loadPeriod } from "./access.ts";
import { reportStorage } from "./files.ts";
import { generateUrgingLetter, listNotices, markNoticeRead } from "./jobs.ts";
import { reportRouteHelpers, tags } from "./routes-shared.ts";
import { reportUrgingLetters } from "./tables.ts";

/** Reporting notices and the urging letters sent to late units. */
export const reportNoticeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const { db, access } = reportRouteHelpers(ctx);

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
    authorize(a.actor, "reports.decide", a.actor);
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
      authorize(a.actor, "reports.coordinate", a.actor);
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
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AdHocBody,
  Completeness,
  FormBody,
  IdParams,
  Period,
  PeriodList,
  PeriodUnitParams,
  PlanParams,
  ReopenBody,
  ReportDetail,
  ReportForm,
  Schedule,
  ScheduleBody,
} from "../../../common/schemas/reports.ts";
import { auditActor, inTransaction, requireActor } from "../../http/context.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { accessFor } from "./access.ts";
import { listSchedules, planForm, setIndicators, updateSchedule } from "./config.ts";
import { completeness, createRequest, listPeriods, reopenPeriod } from "./periods.ts";
import { reportRouteHelpers, tags } from "./routes-shared.ts";
import { openReport } from "./workflow.ts";

/**
 * The plans' report settings (form, schedules) and their reporting periods. The reports, the
 * notices and the escalations have their own files (routes-*.ts), each listed in the manifest.
 */
export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const { db, access, detail } = reportRouteHelpers(ctx);

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
};

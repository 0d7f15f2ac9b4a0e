import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AssignmentDetail,
  AssignmentIdParams,
  AssignmentList,
  AssignmentListQuery,
  AssignmentUpdate,
  FileParams,
  MatrixResponse,
  PlanCodeParams,
  ProgressResponse,
  StatusBody,
  SummaryQuery,
  SummaryResponse,
  TaskPage,
  UpdateBody,
  UpdateResult,
  WeightBody,
} from "../../../common/schemas/assignments.ts";
import { PlanIdParams } from "../../../common/schemas/plans.ts";
import { auditActor, inTransaction, requireActor, sendFile } from "../../http/context.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { both, forbidden, notFound } from "../../lib/errors.ts";
import { assignmentDetail, evidenceFile, listUpdates } from "./detail.ts";
import {
  discardEvidence,
  type EvidenceFile,
  evidenceLimit,
  evidenceStorage,
  readUpdateRequest,
  storeEvidence,
} from "./evidence.ts";
import { listAssignments, summarize } from "./list.ts";
import { planProgress, setWeight } from "./progress.ts";
import { canUpdate, scopeFor } from "./scope.ts";
import { planMatrix, taskPage } from "./task.ts";
import { recordUpdate, visibleAssignment } from "./updates.ts";
import { type AssignmentRow, toSummaries } from "./views.ts";

const tags = ["assignments"];

export const assignmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const db = () => ctx.database.db;
  const today = () => todayInVietnam();
  const scope = (request: Parameters<typeof requireActor>[0]) => scopeFor(db(), requireActor(request));

  app.get(
    "/api/assignments",
    {
      schema: {
        tags,
        summary: "Assignments in the signed-in user's scope (mine=true: the user's own units), with filters",
        querystring: AssignmentListQuery,
        response: { 200: AssignmentList },
      },
    },
    async (request) => listAssignments(db(), await scope(request), request.query, today()),
  );

  app.get(
    "/api/assignments/summary",
    {
      schema: {
        tags,
        summary: "Completed on time / late, open within / past the deadline, per unit, task heading or plan",
        querystring: SummaryQuery,
        response: { 200: SummaryResponse },
      },
    },
    async (request) => summarize(db(), await scope(request), request.query, today()),
  );

  app.get(
    "/api/assignments/:id",
    { schema: { tags, params: AssignmentIdParams, response: { 200: AssignmentDetail } } },
    async (request) =>
      assignmentDetail(db(), await scope(request), request.params.id, today(), request.locale),
  );

  app.get(
    "/api/assignments/:id/updates",
    {
      schema: {
        tags,
        params: AssignmentIdParams,
        response: { 200: z.object({ items: z.array(AssignmentUpdate) }) },
      },
    },
    async (request) => {
      const row = await visibleAssignment(db(), await scope(request), request.params.id);
      return { items: await listUpdates(db(), row.id, request.locale) };
    },
  );

  /** Stores the evidence, then writes in one transaction; a refusal deletes the stored files. */
  const writeUpdate = async (
    request: Parameters<typeof requireActor>[0],
    id: string,
    body: UpdateBody | Omit<UpdateBody, "text" | "percent" | "figures">,
    files: EvidenceFile[],
  ) => {
    let written: { row: AssignmentRow; updateId: string };
    try {
      written = await inTransaction(request, async (tx) =>
        recordUpdate(
          tx,
          await scopeFor(tx, requireActor(request)),
          auditActor(request),
          id,
          { ...body, files },
          today(),
        ),
      );
    } catch (error) {
      // Refused or rolled back: the files it stored belong to nothing.
      await discardEvidence(evidenceStorage(ctx), files);
      throw error;
    }
    const [assignment] = await toSummaries(db(), await scope(request), [written.row], today());
    const update = (await listUpdates(db(), written.row.id, request.locale)).find(
      (u) => u.id === written.updateId,
    )!;
    return { assignment, update };
  };

  app.post(
    "/api/assignments/:id/updates",
    {
      schema: {
        tags,
        summary:
          "Report progress: JSON, or multipart with the same fields (figures as JSON) and evidence files in `files` (PDF, images, Word, Excel, PowerPoint)",
        params: AssignmentIdParams,
        body: UpdateBody.nullish(),
        response: { 201: UpdateResult },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Who may write is settled before any file is read or stored.
      const actorScope = await scopeFor(db(), actor);
      const visible = await visibleAssignment(db(), actorScope, request.params.id);
      if (!canUpdate(actorScope, visible)) throw forbidden();
      const { body, files } = await readUpdateRequest(request, evidenceLimit(ctx));
      const stored = await storeEvidence(evidenceStorage(ctx), visible.tenantId, files);
      return reply.status(201).send(await writeUpdate(request, visible.id, body, stored));
    },
  );

  app.post(
    "/api/assignments/:id/status",
    {
      schema: {
        tags,
        summary: "Change the status: in_progress, completed, paused (with a reason)",
        params: AssignmentIdParams,
        body: StatusBody,
        response: { 200: UpdateResult },
      },
    },
    async (request) => writeUpdate(request, request.params.id, request.body, []),
  );

  app.get(
    "/api/assignments/:id/updates/:updateId/files/:fileId",
    { schema: { tags, summary: "Download an evidence file", params: FileParams } },
    async (request, reply) => {
      const file = await evidenceFile(db(), await scope(request), request.params);
      const stored = await evidenceStorage(ctx).getObject(file.storageKey);
      if (!stored) throw notFound(both("tệp minh chứng", "evidence file"));
      return sendFile(reply, stored.body, file.filename, file.contentType);
    },
  );

  app.get(
    "/api/plans/:id/tasks/:code",
    {
      schema: {
        tags,
        summary: "A task: its text, source lines, actors and every visible unit's status",
        params: PlanCodeParams,
        response: { 200: TaskPage },
      },
    },
    async (request) => taskPage(db(), await scope(request), request.params.id, request.params.code, today()),
  );

  app.get(
    "/api/plans/:id/matrix",
    {
      schema: {
        tags,
        summary: "Task headings × units, coloured by classification",
        params: PlanIdParams,
        response: { 200: MatrixResponse },
      },
    },
    async (request) => planMatrix(db(), await scope(request), request.params.id, today()),
  );

  app.get(
    "/api/plans/:id/progress",
    {
      schema: {
        tags,
        summary: "The plan's progress rolled up its tree, with the rule",
        params: PlanIdParams,
        response: { 200: ProgressResponse },
      },
    },
    async (request) => planProgress(db(), await scope(request), request.params.id, today()),
  );

  app.put(
    "/api/plans/:id/weights",
    {
      schema: {
        tags,
        summary: "Set an item's weight in its parent's progress (coordinator); null resets it to 1",
        params: PlanIdParams,
        body: WeightBody,
        response: { 200: ProgressResponse },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await inTransaction(request, (tx) =>
        setWeight(tx, actor, auditActor(request), request.params.id, request.body),
      );
      return planProgress(db(), await scope(request), request.params.id, today());
    },
  );
};

import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AmendmentBody,
  AutoConfirmResult,
  DiffParams,
  EditResult,
  ItemParams,
  ItemPatch,
  LinkBody,
  MentionPut,
  MergeBody,
  PlanDetail,
  PlanDiff,
  PlanEditEntry,
  PlanIdParams,
  PlanImportQuery,
  PlanImportResult,
  PlanLink,
  PlanListQuery,
  PlanMention,
  PlanSourceResponse,
  PlanSummary,
  PlanTreeResponse,
  PlanVersion,
  PublishBody,
  PublishCheck,
  PublishResult,
  SplitBody,
  SubPlanStatusEntry,
  TreeMention,
  TreeQuery,
} from "../../../common/schemas/plans.ts";
import type { Tx } from "../../db/connection.ts";
import { auditActor, inTransaction, requireActor } from "../../http/context.ts";
import { both } from "../../lib/errors.ts";
import { authorize, may } from "../authorize.ts";
import { planDetail } from "./detail.ts";
import { importPlan } from "./import-route.ts";
import { addLink, listLinks, subPlanStatus } from "./links.ts";
import { autoConfirm, listMentions, resolveMention } from "./mentions.ts";
import {
  defaultWhich,
  diffPlan,
  listVersions,
  openAmendment,
  publishCheck,
  publishPlan,
  treeAt,
} from "./publish.ts";
import { accessPlan, listPlans, loadDirectory } from "./registry.ts";
import { editItem, listEdits, mergeItem, sourceOf, splitItem } from "./review.ts";

const tags = ["plans"];
const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });

export const plansRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tenantId = ctx.tenant.id;
  const db = () => ctx.database.db;
  const read = (request: FastifyRequest<{ Params: { id: string } }>) =>
    accessPlan(db(), requireActor(request), request.params.id, "read");
  const detailOf = async (request: FastifyRequest, id: string) => {
    const actor = requireActor(request);
    return planDetail(db(), actor, await accessPlan(db(), actor, id, "read"));
  };
  /** One transaction: the editor's right is checked on the row, then the service writes. */
  const write = <T>(request: FastifyRequest<{ Params: { id: string } }>, work: (tx: Tx) => Promise<T>) => {
    const actor = requireActor(request);
    return inTransaction(request, async (tx) => {
      await accessPlan(tx, actor, request.params.id, "edit");
      return work(tx);
    });
  };

  app.get(
    "/api/plans",
    { schema: { tags, querystring: PlanListQuery, response: { 200: items(PlanSummary) } } },
    async (request) => ({ items: await listPlans(db(), requireActor(request), request.query) }),
  );

  app.post(
    "/api/plans/import",
    {
      schema: {
        tags,
        summary: "Import a plan (.txt, .docx, .pdf; multipart field `file`) as a draft",
        querystring: PlanImportQuery,
        response: { 201: PlanImportResult },
      },
    },
    async (request, reply) => {
      const { id, autoConfirmed } = await importPlan(request, request.query);
      return reply.status(201).send({ plan: await detailOf(request, id), autoConfirmed });
    },
  );

  app.get(
    "/api/plans/:id",
    { schema: { tags, params: PlanIdParams, response: { 200: PlanDetail } } },
    (request) => detailOf(request, request.params.id),
  );

  app.get(
    "/api/plans/:id/tree",
    { schema: { tags, params: PlanIdParams, querystring: TreeQuery, response: { 200: PlanTreeResponse } } },
    async (request) => {
      const { row, resource } = await read(request);
      const which = request.query.version ?? defaultWhich(row);
      if (which === "working") {
        authorize(requireActor(request), "plans.readWorking", resource, {
          missing: both("phiên bản", "version"),
        });
      }
      const { version, tree, mentions } = await treeAt(db(), row, which);
      return { ...tree, version, mentions };
    },
  );

  app.get(
    "/api/plans/:id/source",
    { schema: { tags, params: PlanIdParams, response: { 200: PlanSourceResponse } } },
    async (request) => {
      const { row, resource } = await read(request);
      const working = may(requireActor(request), "plans.readWorking", resource);
      const { tree } = await treeAt(db(), row, working ? "working" : defaultWhich(row));
      return sourceOf(row, tree);
    },
  );

  app.get(
    "/api/plans/:id/edits",
    { schema: { tags, params: PlanIdParams, response: { 200: items(PlanEditEntry) } } },
    async (request) => {
      await accessPlan(db(), requireActor(request), request.params.id, "edit");
      return { items: await listEdits(db(), request.params.id) };
    },
  );

  app.patch(
    "/api/plans/:id/items/:code",
    { schema: { tags, params: ItemParams, body: ItemPatch, response: { 200: EditResult } } },
    (request) =>
      write(request, (tx) =>
        editItem(tx, tenantId, auditActor(request), request.params.id, request.params.code, request.body),
      ),
  );

  app.post(
    "/api/plans/:id/items/:code/split",
    { schema: { tags, params: ItemParams, body: SplitBody, response: { 200: EditResult } } },
    (request) =>
      write(request, (tx) =>
        splitItem(tx, tenantId, auditActor(request), request.params.id, request.params.code, request.body),
      ),
  );

  app.post(
    "/api/plans/:id/items/:code/merge",
    { schema: { tags, params: ItemParams, body: MergeBody, response: { 200: EditResult } } },
    (request) =>
      write(request, (tx) =>
        mergeItem(
          tx,
          tenantId,
          auditActor(request),
          request.params.id,
          request.params.code,
          request.body.revision,
        ),
      ),
  );

  app.get(
    "/api/plans/:id/mentions",
    { schema: { tags, params: PlanIdParams, response: { 200: items(PlanMention) } } },
    async (request) => {
      const { row } = await accessPlan(db(), requireActor(request), request.params.id, "edit");
      return { items: await listMentions(db(), tenantId, row) };
    },
  );

  app.put(
    "/api/plans/:id/mentions",
    { schema: { tags, params: PlanIdParams, body: MentionPut, response: { 200: TreeMention } } },
    async (request) => {
      const value = await write(request, (tx) =>
        resolveMention(tx, tenantId, auditActor(request), request.params.id, request.body),
      );
      return {
        mention: value.mention,
        unit_ids: value.unitIds,
        group_id: value.groupId,
        confirmed: value.confirmed,
      };
    },
  );

  app.post(
    "/api/plans/:id/mentions/auto-confirm",
    { schema: { tags, params: PlanIdParams, response: { 200: AutoConfirmResult } } },
    (request) => write(request, (tx) => autoConfirm(tx, tenantId, auditActor(request), request.params.id)),
  );

  app.post(
    "/api/plans/:id/publish",
    {
      schema: {
        tags,
        params: PlanIdParams,
        body: PublishBody.optional(),
        response: { 200: PublishResult, 201: PublishResult },
      },
    },
    async (request, reply) => {
      const { version, created } = await write(request, (tx) =>
        publishPlan(tx, tenantId, auditActor(request), request.params.id, request.body?.revision, {
          publishedOn: request.body?.publishedOn,
        }),
      );
      const plan = await detailOf(request, request.params.id);
      return reply.status(created ? 201 : 200).send({ plan, version });
    },
  );

  app.get(
    "/api/plans/:id/publish-check",
    {
      schema: {
        tags,
        summary: "What publishing the draft today would create: assignments, and how many overdue at once",
        params: PlanIdParams,
        response: { 200: PublishCheck },
      },
    },
    async (request) => {
      const { row } = await accessPlan(db(), requireActor(request), request.params.id, "edit");
      return publishCheck(db(), tenantId, row);
    },
  );

  app.post(
    "/api/plans/:id/amendments",
    {
      schema: {
        tags,
        params: PlanIdParams,
        body: AmendmentBody,
        response: { 201: z.object({ plan: PlanDetail }) },
      },
    },
    async (request, reply) => {
      await write(request, (tx) =>
        openAmendment(tx, tenantId, auditActor(request), request.params.id, request.body),
      );
      return reply.status(201).send({ plan: await detailOf(request, request.params.id) });
    },
  );

  app.get(
    "/api/plans/:id/versions",
    { schema: { tags, params: PlanIdParams, response: { 200: items(PlanVersion) } } },
    async (request) => {
      await read(request);
      return { items: await listVersions(db(), request.params.id) };
    },
  );

  app.get(
    "/api/plans/:id/versions/:a/diff/:b",
    { schema: { tags, params: DiffParams, response: { 200: PlanDiff } } },
    async (request) => {
      const { row, resource } = await read(request);
      const { a, b } = request.params;
      if (a === "working" || b === "working") {
        authorize(requireActor(request), "plans.readWorking", resource, {
          missing: both("phiên bản", "version"),
        });
      }
      return diffPlan(db(), row, a, b);
    },
  );

  app.get(
    "/api/plans/:id/links",
    { schema: { tags, params: PlanIdParams, response: { 200: items(PlanLink) } } },
    async (request) => {
      await read(request);
      return { items: await listLinks(db(), request.params.id) };
    },
  );

  app.post(
    "/api/plans/:id/links",
    { schema: { tags, params: PlanIdParams, body: LinkBody, response: { 200: PlanLink, 201: PlanLink } } },
    async (request, reply) => {
      const { link, created } = await write(request, (tx) =>
        addLink(tx, tenantId, auditActor(request), request.params.id, request.body),
      );
      return reply.status(created ? 201 : 200).send(link);
    },
  );

  app.get(
    "/api/plans/:id/children",
    { schema: { tags, params: PlanIdParams, response: { 200: items(PlanSummary) } } },
    async (request) => {
      await read(request);
      return { items: await listPlans(db(), requireActor(request), { parent: request.params.id }) };
    },
  );

  app.get(
    "/api/plans/:id/sub-plan-status",
    { schema: { tags, params: PlanIdParams, response: { 200: items(SubPlanStatusEntry) } } },
    async (request) => {
      const { row } = await read(request);
      const directory = await loadDirectory(db(), tenantId);
      return { items: await subPlanStatus(db(), requireActor(request), row, directory.name) };
    },
  );
};

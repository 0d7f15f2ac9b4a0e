import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ImportResult,
  Unit,
  UnitCreate,
  UnitGroup,
  UnitGroupCreate,
  UnitGroupUpdate,
  UnitListQuery,
  UnitTreeNode,
  UnitUpdate,
} from "../../../common/schemas/units.ts";
import { auditActor, inTransaction, requireActor, sendFile } from "../../http/context.ts";
import { AppError, both } from "../../lib/errors.ts";
import { offloadOrRefuse } from "../../lib/offload/index.ts";
import { authorize } from "../authorize.ts";
import {
  createGroup,
  deleteGroup,
  groupMembers,
  listGroups,
  suggestForMention,
  updateGroup,
} from "./groups.ts";
import { createUnit, deleteUnit, getUnitDetail, listUnits, unitTree, updateUnit } from "./service.ts";
import type { TableRead } from "./table-file.ts";
import { exportDirectory, importDirectory } from "./transfer.ts";

const TABLE_READER = new URL("./table-file.ts", import.meta.url);

const idParams = z.object({ id: z.string().uuid() });
const versionQuery = z.strictObject({ version: z.coerce.number().int().positive() });
const asOfQuery = z.strictObject({ asOf: z.iso.date().optional() });
const UnitDetail = Unit.extend({ path: z.array(Unit), childCount: z.number().int() });

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tenantId = ctx.tenant.id;
  const db = () => ctx.database.db;
  const reader = (request: Parameters<typeof requireActor>[0]) =>
    authorize(requireActor(request), "orgs.read");
  const manager = (request: Parameters<typeof requireActor>[0]) =>
    authorize(requireActor(request), "orgs.manage");

  app.get(
    "/api/units",
    {
      schema: {
        tags: ["directory"],
        querystring: UnitListQuery,
        response: { 200: z.object({ items: z.array(Unit) }) },
      },
    },
    async (request) => {
      reader(request);
      return { items: await listUnits(db(), tenantId, request.query) };
    },
  );

  app.get(
    "/api/units/tree",
    { schema: { tags: ["directory"], querystring: asOfQuery, response: { 200: z.array(UnitTreeNode) } } },
    async (request) => {
      reader(request);
      return unitTree(db(), tenantId, request.query.asOf);
    },
  );

  app.get(
    "/api/units/export",
    {
      schema: {
        tags: ["directory"],
        querystring: z.strictObject({
          format: z.enum(["csv", "xlsx"]).default("csv"),
          asOf: z.iso.date().optional(),
        }),
      },
    },
    async (request, reply) => {
      authorize(requireActor(request), "orgs.export");
      const { format, asOf } = request.query;
      const body = await exportDirectory(db(), tenantId, format, asOf);
      const name = `danh-ba-don-vi${asOf ? `-${asOf}` : ""}.${format}`;
      const type =
        format === "csv"
          ? "text/csv; charset=utf-8"
          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      return sendFile(reply, body, name, type);
    },
  );

  app.post(
    "/api/units/import",
    {
      schema: {
        tags: ["directory"],
        summary: "Import units from a .csv or .xlsx file (multipart field `file`)",
        querystring: z.strictObject({ dryRun: z.enum(["true", "false"]).default("true") }),
        response: { 200: ImportResult },
      },
    },
    async (request) => {
      manager(request);
      if (!request.isMultipart())
        throw new AppError(415, "unsupported_media_type", { detail: "multipart/form-data" });
      const file = await request.file();
      if (!file)
        throw new AppError(
          400,
          "validation",
          { field: "file", detail: both("thiếu tệp", "no file") },
          "file",
        );
      const buffer = await file.toBuffer();
      const dryRun = request.query.dryRun === "true";
      // Read off the request thread, before the transaction: nothing waits on a file being read.
      const read = await offloadOrRefuse<TableRead>(
        TABLE_READER,
        "readDirectoryTable",
        [buffer, file.filename],
        ctx.config,
        "document_limit",
      );
      if ("refused" in read) throw new AppError(400, "import_invalid", { detail: read.refused });
      return inTransaction(request, (tx) =>
        importDirectory(tx, tenantId, auditActor(request), read.table, dryRun, request.locale),
      );
    },
  );

  app.get(
    "/api/units/resolve",
    {
      schema: {
        tags: ["directory"],
        summary: "Suggest the units or groups a mention in a document names",
        querystring: z.strictObject({
          mention: z.string().trim().min(1).max(300),
          asOf: z.iso.date().optional(),
        }),
      },
    },
    async (request) => {
      reader(request);
      return { items: await suggestForMention(db(), tenantId, request.query.mention, request.query.asOf) };
    },
  );

  app.get(
    "/api/units/:id",
    { schema: { tags: ["directory"], params: idParams, response: { 200: UnitDetail } } },
    async (request) => {
      reader(request);
      return getUnitDetail(db(), tenantId, request.params.id);
    },
  );

  app.post(
    "/api/units",
    { schema: { tags: ["directory"], body: UnitCreate, response: { 201: Unit } } },
    async (request, reply) => {
      manager(request);
      const unit = await inTransaction(request, (tx) =>
        createUnit(tx, tenantId, auditActor(request), request.body),
      );
      return reply.status(201).send(unit);
    },
  );

  app.patch(
    "/api/units/:id",
    { schema: { tags: ["directory"], params: idParams, body: UnitUpdate, response: { 200: Unit } } },
    async (request) => {
      manager(request);
      return inTransaction(request, (tx) =>
        updateUnit(tx, tenantId, auditActor(request), request.params.id, request.body),
      );
    },
  );

  app.delete(
    "/api/units/:id",
    { schema: { tags: ["directory"], params: idParams, querystring: versionQuery } },
    async (request, reply) => {
      manager(request);
      await inTransaction(request, (tx) =>
        deleteUnit(tx, tenantId, auditActor(request), request.params.id, request.query.version),
      );
      return reply.status(204).send();
    },
  );

  // ---- Groups ----
  app.get(
    "/api/unit-groups",
    { schema: { tags: ["directory"], response: { 200: z.object({ items: z.array(UnitGroup) }) } } },
    async (request) => {
      reader(request);
      return { items: await listGroups(db(), tenantId) };
    },
  );
  app.get(
    "/api/unit-groups/:id/members",
    {
      schema: {
        tags: ["directory"],
        params: idParams,
        querystring: asOfQuery,
        response: { 200: z.object({ items: z.array(Unit) }) },
      },
    },
    async (request) => {
      reader(request);
      return { items: await groupMembers(db(), tenantId, request.params.id, request.query.asOf) };
    },
  );
  app.post(
    "/api/unit-groups",
    { schema: { tags: ["directory"], body: UnitGroupCreate, response: { 201: UnitGroup } } },
    async (request, reply) => {
      manager(request);
      const group = await inTransaction(request, (tx) =>
        createGroup(tx, tenantId, auditActor(request), request.body),
      );
      return reply.status(201).send(group);
    },
  );
  app.patch(
    "/api/unit-groups/:id",
    {
      schema: { tags: ["directory"], params: idParams, body: UnitGroupUpdate, response: { 200: UnitGroup } },
    },
    async (request) => {
      manager(request);
      return inTransaction(request, (tx) =>
        updateGroup(tx, tenantId, auditActor(request), request.params.id, request.body),
      );
    },
  );
  app.delete(
    "/api/unit-groups/:id",
    { schema: { tags: ["directory"], params: idParams, querystring: versionQuery } },
    async (request, reply) => {
      manager(request);
      await inTransaction(request, (tx) =>
        deleteGroup(tx, tenantId, auditActor(request), request.params.id, request.query.version),
      );
      return reply.status(204).send();
    },
  );
};

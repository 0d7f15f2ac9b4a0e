import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../http/context.ts";
import { authorize } from "../authorize.ts";
import { readCheckpoints } from "./checkpoints.ts";
import { currentAuditKey } from "./key.ts";
import { listAudit, verifyAudit } from "./service.ts";

const AuditItem = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["audit"],
        querystring: z.strictObject({
          entityType: z.string().max(50).optional(),
          entityId: z.string().max(100).optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(AuditItem) }) },
      },
    },
    async (request) => {
      authorize(requireActor(request), "audit.read");
      return { items: await listAudit(ctx.database.db, ctx.tenant.id, request.query, request.locale) };
    },
  );
  app.get(
    "/api/audit/verify",
    {
      schema: {
        tags: ["audit"],
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number().int(),
            unkeyed: z.number().int(),
            checkpoints: z.number().int(),
            problems: z.array(z.object({ seq: z.number().int(), kind: z.string(), message: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      authorize(requireActor(request), "audit.read");
      const key = currentAuditKey();
      const file = readCheckpoints(ctx.config.auditCheckpointFile, key);
      const result = await verifyAudit(ctx.database.db, {
        tenantId: ctx.tenant.id,
        key,
        checkpoints: file.checkpoints,
        checkpointProblems: file.problems,
      });
      return {
        ok: result.ok,
        checked: result.checked,
        unkeyed: result.unkeyed,
        checkpoints: result.checkpoints,
        problems: result.problems.map(({ seq, kind, message }) => ({ seq, kind, message })),
      };
    },
  );
};

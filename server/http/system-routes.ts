import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { collectDefaultMetrics, Registry } from "prom-client";
import { z } from "zod";
import { migrationState } from "../db/migrate.ts";

const Health = z.object({
  status: z.enum(["ok", "degraded"]),
  engine: z.enum(["pglite", "postgres"]),
  migrations: z.object({ applied: z.number().int(), latest: z.number().int(), pending: z.array(z.string()) }),
  tenant: z.string(),
  version: z.string(),
});

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  app.get(
    "/api/health",
    {
      schema: {
        tags: ["system"],
        summary: "Database engine and migration state",
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const { database, tenant } = app.ctx;
      const migrations = await migrationState(database);
      const ok = migrations.pending.length === 0;
      return reply.status(ok ? 200 : 503).send({
        status: ok ? "ok" : "degraded",
        engine: database.engine,
        migrations,
        tenant: tenant.code,
        version: process.env.npm_package_version ?? "0.1.0",
      });
    },
  );

  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};

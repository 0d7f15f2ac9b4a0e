import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { collectDefaultMetrics, Registry } from "prom-client";
import { z } from "zod";
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailableCause } from "../db/availability.ts";
import type { Database } from "../db/connection.ts";
import { migrationState } from "../db/migrate.ts";
import { clock, clockPinnedAt } from "../lib/clock.ts";

const Migrations = z.object({
  applied: z.number().int(),
  latest: z.number().int(),
  pending: z.array(z.string()),
});

const Readiness = z.object({
  status: z.enum(["ok", "degraded"]),
  /** What keeps the server from serving: the database not answering, or migrations not applied. */
  cause: z.enum(["database", "migrations"]).nullable(),
  engine: z.enum(["pglite", "postgres"]),
  /** Whether the database answered a trivial query, and if not the driver's code (ECONNREFUSED, 57P01, …). */
  database: z.object({ ok: z.boolean(), error: z.string().nullable() }),
  /** Unknown (null) while the database does not answer: never "0 applied" for an unreachable one. */
  migrations: Migrations.nullable(),
  tenant: z.string(),
  version: z.string(),
  /** The server's clock, and the instant it was pinned to (DONGTHUAN_NOW) when it is not the machine's. */
  clock: z.object({ now: z.string(), pinnedAt: z.string().nullable() }),
});

const Liveness = z.object({ status: z.literal("ok"), uptime: z.number() });

/** How long readiness waits for the database before naming it as the cause. */
const READY_TIMEOUT_MS = 3000;

type Probe = { ok: true } | { ok: false; error: string };

async function probeDatabase(database: Database): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Probe>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: "timeout" }), READY_TIMEOUT_MS);
  });
  const query = database.query("SELECT 1").then(
    (): Probe => ({ ok: true }),
    (error: unknown): Probe => ({ ok: false, error: databaseUnavailableCause(error) ?? "query_failed" }),
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1)$/;
const isLoopback = (address: string) => LOOPBACK.test(address.trim().replace(/^::ffff:/i, ""));

/** The header's entries, first to last, whether it came once or several times. */
function forwardedFor(request: FastifyRequest): string[] {
  const raw = request.headers["x-forwarded-for"];
  const joined = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  return joined
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * Whether a request to /metrics comes from this machine. Behind a proxy (TRUST_PROXY=true) the
 * address the proxy forwarded counts, not the proxy's own: the last X-Forwarded-For entry, the
 * one the proxy added — the earlier ones are whatever the client sent, so "127.0.0.1" there proves
 * nothing. Without TRUST_PROXY a request that came through a proxy anyway (it carries a forwarding
 * header) is not taken as local, so a proxy on the same machine never opens /metrics to the world.
 */
function fromThisMachine(request: FastifyRequest, trustProxy: boolean): boolean {
  const socket = request.socket.remoteAddress ?? "";
  const forwarded = forwardedFor(request);
  if (trustProxy) return isLoopback(forwarded.at(-1) ?? socket);
  const proxied = forwarded.length > 0 || !!request.headers.forwarded || !!request.headers["x-real-ip"];
  return !proxied && isLoopback(socket);
}

const digest = (value: string) => createHash("sha256").update(value).digest();

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const { config } = app.ctx;
  const expectedToken = config.metricsToken ? digest(config.metricsToken) : null;
  const hasToken = (request: FastifyRequest) => {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1];
    return !!expectedToken && !!given && timingSafeEqual(digest(given), expectedToken);
  };

  const readiness = async () => {
    const { database, tenant } = app.ctx;
    const probe = await probeDatabase(database);
    let migrations: z.infer<typeof Migrations> | null = null;
    let databaseError = probe.ok ? null : probe.error;
    if (probe.ok) {
      try {
        migrations = await migrationState(database);
      } catch (error) {
        // The database went away between the two queries.
        databaseError = databaseUnavailableCause(error) ?? "query_failed";
      }
    }
    const cause = databaseError
      ? "database"
      : migrations && migrations.pending.length > 0
        ? "migrations"
        : null;
    return {
      status: cause ? ("degraded" as const) : ("ok" as const),
      cause,
      engine: database.engine,
      database: { ok: !databaseError, error: databaseError },
      migrations,
      tenant: tenant.code,
      version: process.env.npm_package_version ?? "0.1.0",
      clock: { now: clock.now().toISOString(), pinnedAt: clockPinnedAt() },
    } satisfies z.infer<typeof Readiness>;
  };

  // Probes are not counted against the API's request limit: a load balancer asks every few seconds.
  const probeConfig = { rateLimit: false as const };

  app.get(
    "/api/health/live",
    {
      config: probeConfig,
      schema: {
        tags: ["system"],
        summary: "Liveness: the process answers (200 always; the database is not asked)",
        security: [],
        response: { 200: Liveness },
      },
    },
    async () => ({ status: "ok" as const, uptime: Math.round(process.uptime()) }),
  );

  for (const url of ["/api/health/ready", "/api/health"]) {
    app.get(
      url,
      {
        config: probeConfig,
        schema: {
          tags: ["system"],
          summary:
            url === "/api/health"
              ? "Readiness, as /api/health/ready (kept for existing callers)"
              : "Readiness: the database answers and its migrations are applied (503 with the cause otherwise)",
          security: [],
          response: { 200: Readiness, 503: Readiness },
        },
      },
      async (_request, reply) => {
        const answer = await readiness();
        if (answer.cause === "database") reply.header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
        return reply.status(answer.cause ? 503 : 200).send(answer);
      },
    );
  }

  // Not advertised: to anyone but this machine or the holder of METRICS_TOKEN it does not exist.
  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    if (!fromThisMachine(request, config.trustProxy) && !hasToken(request)) return reply.callNotFound();
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};

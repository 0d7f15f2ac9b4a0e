import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { installAuthHook } from "./http/auth-hook.ts";
import type { AppContext } from "./http/context.ts";
import { frameworkErrors, installErrorHandling } from "./http/errors.ts";
import { portalPages } from "./http/portal.ts";
import { systemRoutes } from "./http/system-routes.ts";
import { installTextGuard } from "./http/text-guard.ts";
import { clock } from "./lib/clock.ts";
import { installSecondFactorGate } from "./modules/auth/second-factor.ts";
import { installModules, MODULES } from "./modules/index.ts";

// WEB_DIST only exists so that parallel browser-test runs can each serve their own build.
export const webDist = process.env.WEB_DIST ?? fileURLToPath(new URL("../web/dist", import.meta.url));

export interface BuildOptions {
  /** The process's pino logger; none in tests. */
  logger?: FastifyBaseLogger;
}

/** Builds the Fastify app from the modules; the caller owns the database and starts listening. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: ctx.config.trustProxy,
    frameworkErrors,
  });
  installModules();
  app.decorate("ctx", ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  // The limit guards the API; the app's own files (a commune office behind one address loads
  // dozens of them on a first visit) are not counted. A signed-in session has its own count (a
  // whole department behind one public address is not one client); requests without a valid
  // session share their address's. The check runs on each route's own onRequest hook, after the
  // application's (installAuthHook below), so the session is known by then.
  await app.register(rateLimit, {
    global: true,
    max: ctx.config.apiRateLimit,
    timeWindow: "1 minute",
    keyGenerator: (request) => (request.auth ? `session:${request.auth.sessionId}` : `ip:${request.ip}`),
    allowList: (request) => !request.url.startsWith("/api/") && !request.url.startsWith("/open311/"),
  });
  await app.register(multipart, { limits: { fileSize: ctx.config.uploadLimit, files: 5 } });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Đồng Thuận API",
        version: "0.1.0",
        description:
          "REST API of Đồng Thuận. Sign in with POST /api/auth/login; state-changing requests send the `x-csrf-token` header with the value of the `dt_csrf` cookie. Errors are `{error: {code, message}}` in the request's language (Accept-Language: vi | en).",
      },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: "dt_session" } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  installAuthHook(app);
  // An account whose role requires a second factor and that has none may only enrol one.
  installSecondFactorGate(app);
  // Before any route: a NUL or half a surrogate pair anywhere in a request is a 400, not a 500.
  installTextGuard(app);
  // The web app reads "today" from the server's one clock, so a pinned clock (DONGTHUAN_NOW) is the
  // browser's too, and a client machine with a wrong date shows the right deadlines.
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/")) reply.header("x-server-time", clock.now().toISOString());
  });
  // Every module's routes, in the modules' order (server/modules/index.ts), staff routes first.
  // Notifications come first: their after-response hook sends the e-mails any later route queued.
  for (const module of MODULES) for (const routes of module.routes ?? []) await app.register(routes);
  await app.register(systemRoutes);
  for (const module of MODULES) for (const routes of module.publicRoutes ?? []) await app.register(routes);

  if (existsSync(`${webDist}/index.html`)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    // The citizens' portal (web/portal.html) answers /cong-dan and everything under it.
    if (existsSync(`${webDist}/portal.html`)) await app.register(portalPages);
    // The single-page app answers every other GET; the API keeps its JSON 404s.
    app.get("/*", { schema: { hide: true } }, async (request, reply) => {
      // A missing file of the app (an old page asking for assets of a previous build) is a
      // 404, never the page itself served as JavaScript.
      if (request.url.startsWith("/api/") || request.url.startsWith("/assets/")) {
        return reply.callNotFound();
      }
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    });
  }
  return app;
}

import type { FastifyInstance } from "fastify";
import { LOCALES, type Locale } from "../../common/enums.ts";
import { AppError } from "../lib/errors.ts";
import { lookupSession } from "../modules/auth/sessions.ts";

export const SESSION_COOKIE = "dt_session";
export const CSRF_COOKIE = "dt_csrf";
export const CSRF_HEADER = "x-csrf-token";

const HEALTH = /^\/api\/health(\/|\?|$)/;

function pickLocale(query: unknown, header: string | undefined): Locale {
  const fromQuery = (query as { lang?: string } | undefined)?.lang;
  if (fromQuery && (LOCALES as readonly string[]).includes(fromQuery)) return fromQuery as Locale;
  const first = header?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "vi";
}

/**
 * A route anyone may call says so in its schema with `security: []` (which the OpenAPI document
 * shows too); a hidden route (the app's pages, the OpenAPI document, /metrics) answers for itself.
 * Every other route is for signed-in staff.
 */
export function isStaffRoute(schema: { security?: unknown; hide?: unknown } | undefined): boolean {
  if (!schema || schema.hide === true) return false;
  return !(Array.isArray(schema.security) && schema.security.length === 0);
}

/**
 * Reads the session cookie on every request, and on state-changing requests with a session
 * demands the CSRF token (double submit: cookie and header must match the session's token).
 * A staff route called without a valid session is refused here with 401, before its schema
 * looks at the request: an anonymous caller learns nothing from a validation message.
 */
export function installAuthHook(app: FastifyInstance) {
  app.decorateRequest("auth", null);
  app.decorateRequest("locale", "vi");
  app.addHook("onRequest", async (request) => {
    request.locale = pickLocale(request.query, request.headers["accept-language"]);
    const token = request.cookies[SESSION_COOKIE];
    const staff = isStaffRoute(request.routeOptions.schema as { security?: unknown; hide?: unknown });
    // The health probes answer without a session: liveness must not ask the database at all.
    if (!token || !request.url.startsWith("/api/") || HEALTH.test(request.url)) {
      if (staff && request.url.startsWith("/api/")) throw new AppError(401, "unauthenticated");
      return;
    }
    request.auth = await lookupSession(
      app.ctx.database.db,
      app.ctx.tenant.id,
      token,
      app.ctx.config.sessionIdleMinutes,
    );
    const safe = request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS";
    if (request.auth && !safe && request.headers[CSRF_HEADER] !== request.auth.csrfToken) {
      throw new AppError(403, "csrf");
    }
    if (!request.auth && staff) throw new AppError(401, "session_expired");
  });
}

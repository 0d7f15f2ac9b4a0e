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
 * Reads the session cookie on every request, and on state-changing requests with a session
 * demands the CSRF token (double submit: cookie and header must match the session's token).
 */
export function installAuthHook(app: FastifyInstance) {
  app.decorateRequest("auth", null);
  app.decorateRequest("locale", "vi");
  app.addHook("onRequest", async (request) => {
    request.locale = pickLocale(request.query, request.headers["accept-language"]);
    const token = request.cookies[SESSION_COOKIE];
    // The health probes answer without a session: liveness must not ask the database at all.
    if (!token || !request.url.startsWith("/api/") || HEALTH.test(request.url)) return;
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
  });
}

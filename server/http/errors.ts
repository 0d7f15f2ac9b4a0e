import { randomUUID } from "node:crypto";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailableCause } from "../db/availability.ts";
import { AppError, renderMessage } from "../lib/errors.ts";
import { loggableError } from "../lib/log-policy.ts";
import { type SchemaIssue, validationDetail } from "./validation-detail.ts";

function formatBytes(bytes: number) {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function send(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  return reply.status(error.status).send({
    error: {
      code: error.code,
      message: renderMessage(error.code, error.params, request.locale ?? "vi"),
      ...(error.field ? { field: error.field } : {}),
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
  });
}

/**
 * The router's own refusals, before any hook runs (Fastify's `frameworkErrors`): a path that is not
 * UTF-8 once percent-decoded (`%ED%A0%80`, half a surrogate pair), or a parameter longer than the
 * router takes. Answered as every other error, in the language the request asks for.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.locale = /^\s*en/i.test(String(request.headers["accept-language"] ?? "")) ? "en" : "vi";
  const path = request.url.split("?")[0];
  const detail = path.length > 120 ? `${path.slice(0, 120)}…` : path;
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH")
    return send(reply, request, new AppError(414, "bad_url", { detail }));
  if (error.code === "FST_ERR_BAD_URL") return send(reply, request, new AppError(400, "bad_url", { detail }));
  return send(reply, request, new AppError(error.statusCode ?? 400, "bad_request"));
}

/** Turns every error into `{error: {code, message}}` with a fitting status; never a stack trace. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((raw: FastifyError | AppError | Error, request, reply) => {
    if (raw instanceof AppError) return send(reply, request, raw);
    const error = raw as FastifyError;
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const params = first.params as { issue?: { code?: string; keys?: string[] }; keys?: string[] };
      const where = error.validationContext === "querystring" ? "query" : error.validationContext;
      const path = first.instancePath.replace(/^\//, "").replace(/\//g, ".");
      if (first.keyword === "unrecognized_keys") {
        const keys = (params.keys ?? params.issue?.keys ?? []).join(", ");
        const field = path ? `${path}.${keys}` : keys;
        return send(reply, request, new AppError(400, "unknown_field", { field }, field));
      }
      const field = path || where || "body";
      const issue = { ...(first.params as SchemaIssue), code: first.keyword, message: first.message };
      const detail = validationDetail(issue, first.message ?? "", request.locale ?? "vi");
      return send(reply, request, new AppError(400, "validation", { field, detail }, field));
    }
    switch (error.code) {
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return send(
          reply,
          request,
          new AppError(413, "payload_too_large", { limit: formatBytes(request.server.ctx.config.bodyLimit) }),
        );
      case "FST_REQ_FILE_TOO_LARGE":
        return send(
          reply,
          request,
          new AppError(413, "payload_too_large", {
            limit: formatBytes(request.server.ctx.config.uploadLimit),
          }),
        );
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return send(
          reply,
          request,
          new AppError(415, "unsupported_media_type", {
            detail: String(request.headers["content-type"] ?? "none"),
          }),
        );
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
        return send(reply, request, new AppError(400, "invalid_json", { detail: "empty body" }));
      case "FST_ERR_CTP_INVALID_JSON_BODY":
        return send(reply, request, new AppError(400, "invalid_json", { detail: error.message }));
      case "FST_INVALID_MULTIPART_CONTENT_TYPE":
        return send(
          reply,
          request,
          new AppError(415, "unsupported_media_type", { detail: "multipart/form-data required" }),
        );
    }
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return send(reply, request, new AppError(400, "invalid_json", { detail: error.message }));
    }
    if (error.statusCode === 429) {
      const retry = String(reply.getHeader("retry-after") ?? "60");
      return send(reply, request, new AppError(429, "rate_limited", { retry: `${retry} s` }));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, request, new AppError(error.statusCode, "bad_request"));
    }
    // The database is down, restarting or out of connections: not a fault of this request nor a
    // bug, so 503 with Retry-After (a client, a proxy or the web app may simply try again), and a
    // warning naming the driver's code rather than one error with a stack per request.
    const outage = databaseUnavailableCause(error);
    if (outage) {
      request.log.warn(
        { cause: outage, err: loggableError(error), method: request.method, url: request.routeOptions?.url },
        "database unavailable",
      );
      reply.header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
      return send(
        reply,
        request,
        new AppError(503, "database_unavailable", { retry: DATABASE_RETRY_AFTER_SECONDS }),
      );
    }
    const ref = randomUUID().slice(0, 8);
    // Chosen fields only (server/lib/log-policy.ts): a failed query's parameters, the body and the
    // query string hold citizens' personal data. The answer says nothing but the reference.
    request.log.error(
      { ref, err: loggableError(error), method: request.method, url: request.routeOptions?.url },
      "request failed",
    );
    return send(reply, request, new AppError(500, "internal", { ref }));
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.method !== "GET") {
      return send(
        reply,
        request,
        new AppError(404, "route_not_found", { detail: `${request.method} ${request.url.split("?")[0]}` }),
      );
    }
    return reply.status(404).type("text/plain").send("Not found");
  });
}

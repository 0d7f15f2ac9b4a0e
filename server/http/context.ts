import type { FastifyReply, FastifyRequest } from "fastify";
import type { Locale } from "../../common/enums.ts";
import type { Config } from "../config.ts";
import type { Database, Tx } from "../db/connection.ts";
import type { JobQueue } from "../jobs/queue.ts";
import { AppError } from "../lib/errors.ts";
import type { Actor } from "../modules/auth/actor.ts";
import type { SessionLookup } from "../modules/auth/sessions.ts";
import type { Mailer } from "../modules/notifications/mailer.ts";

export interface Tenant {
  id: string;
  code: string;
  name: string;
}

/** What every route can reach: the database, the configuration, the tenant, mail and jobs. */
export interface AppContext {
  database: Database;
  config: Config;
  tenant: Tenant;
  mailer: Mailer;
  jobs: JobQueue | null;
}

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    auth: SessionLookup | null;
    locale: Locale;
  }
}

/** The signed-in actor, or a 401 that tells an expired session from none. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.auth) {
    throw new AppError(401, request.cookies?.dt_session ? "session_expired" : "unauthenticated");
  }
  return request.auth.actor;
}

export function requireUser(request: FastifyRequest) {
  requireActor(request);
  return request.auth!.user;
}

/** One transaction per request that writes: all of it commits, or none of it does. */
export function inTransaction<T>(request: FastifyRequest, work: (tx: Tx) => Promise<T>): Promise<T> {
  return request.server.ctx.database.db.transaction((tx) => work(tx as Tx));
}

export function auditActor(request: FastifyRequest) {
  const actor = requireActor(request);
  return { userId: actor.userId, name: `${actor.displayName} (${actor.username})` };
}

export function sendFile(reply: FastifyReply, body: Buffer, filename: string, contentType: string) {
  const ascii = filename
    .normalize("NFD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/"/g, "");
  return reply
    .header("content-type", contentType)
    .header(
      "content-disposition",
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .send(body);
}

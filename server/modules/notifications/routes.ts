import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Locale } from "../../../common/enums.ts";
import { HandoffNoticeList } from "../../../common/schemas/notices.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { requireActor } from "../../http/context.ts";
import { clock } from "../../lib/clock.ts";
import { both, notFound } from "../../lib/errors.ts";
import { renderNotice } from "./notify.ts";
import { kickOutbox } from "./outbox.ts";
import { notices } from "./tables.ts";

const tags = ["notifications"];

/** The user's hand-off notices, newest first, each line in the reader's language. */
export async function listHandoffNotices(
  db: DbOrTx,
  tenantId: string,
  userId: string,
  locale: Locale,
  options: { unreadOnly?: boolean; limit?: number } = {},
) {
  const mine = and(eq(notices.tenantId, tenantId), eq(notices.userId, userId));
  const rows = await db
    .select()
    .from(notices)
    .where(and(mine, options.unreadOnly ? isNull(notices.readAt) : undefined))
    .orderBy(desc(notices.createdAt))
    .limit(options.limit ?? 100);
  const [{ unread }] = await db
    .select({ unread: count() })
    .from(notices)
    .where(and(mine, isNull(notices.readAt)));
  return {
    unread,
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: renderNotice(locale, row.kind, "title", row.params),
      link: row.link,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    })),
  };
}

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const db = () => ctx.database.db;

  // A request that wrote may have queued notice e-mails: send them once it has committed and
  // answered (a rolled-back request queued nothing). The job drains whatever this misses.
  app.addHook("onResponse", async (request, reply) => {
    if (request.method === "GET" || request.method === "HEAD" || reply.statusCode >= 400) return;
    void kickOutbox({ database: ctx.database, config: ctx.config, mailer: ctx.mailer, logger: request.log });
  });

  app.get(
    "/api/notices",
    {
      schema: {
        tags,
        summary: "The signed-in user's hand-off notices: work given to them, newest first",
        querystring: z.strictObject({ unread: z.enum(["true", "false"]).default("false") }),
        response: { 200: HandoffNoticeList },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return listHandoffNotices(db(), actor.tenantId, actor.userId, request.locale, {
        unreadOnly: request.query.unread === "true",
      });
    },
  );

  app.post(
    "/api/notices/:id/read",
    {
      schema: {
        tags,
        summary: "Mark one of one's notices read",
        params: z.object({ id: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const updated = await db()
        .update(notices)
        .set({ readAt: sql`coalesce(${notices.readAt}, ${clock.now()})` })
        .where(
          and(
            eq(notices.tenantId, actor.tenantId),
            eq(notices.userId, actor.userId),
            eq(notices.id, request.params.id),
          ),
        )
        .returning({ id: notices.id });
      if (updated.length === 0) throw notFound(both("thông báo", "notice"));
      return reply.status(204).send(null);
    },
  );
};

// The outbox hook must see every route's requests, not only this plugin's.
(notificationRoutes as unknown as Record<symbol, boolean>)[Symbol.for("skip-override")] = true;

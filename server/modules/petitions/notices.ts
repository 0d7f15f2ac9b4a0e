import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { type NoticeKind, notify, type RecipientSpec } from "../notifications/notify.ts";
import { petitionNotices, petitions } from "./tables.ts";

/**
 * Officers' notices about petitions. New ones — a petition sent or transferred to a unit, an
 * answer waiting for approval, approved or returned, a clock about to run out or run out — go
 * through notifications' `notify` (`petitionHandoff` below, the daily clock warnings in
 * `jobs.ts`) and are read from `/api/notices`. The rows written before that, in
 * `petition_notices`, stay readable (and can be marked read) here.
 */
export async function listNotices(db: DbOrTx, tenantId: string, userId: string, unreadOnly: boolean) {
  const rows = await db
    .select({ notice: petitionNotices, trackingCode: petitions.trackingCode })
    .from(petitionNotices)
    .innerJoin(petitions, eq(petitions.id, petitionNotices.petitionId))
    .where(
      and(
        eq(petitionNotices.tenantId, tenantId),
        eq(petitionNotices.userId, userId),
        unreadOnly ? isNull(petitionNotices.readAt) : undefined,
      ),
    )
    .orderBy(desc(petitionNotices.createdAt))
    .limit(100);
  return rows.map(({ notice, trackingCode }) => ({
    id: notice.id,
    petitionId: notice.petitionId,
    trackingCode,
    kind: notice.kind,
    threshold: notice.threshold,
    dueDate: notice.dueDate,
    createdAt: notice.createdAt.toISOString(),
    readAt: notice.readAt?.toISOString() ?? null,
  }));
}

/** Marks one's own notice read; another user's id changes nothing (and says nothing). */
export async function markNoticeRead(
  db: DbOrTx,
  tenantId: string,
  userId: string,
  id: string,
): Promise<boolean> {
  const rows = await db
    .update(petitionNotices)
    .set({ readAt: sql`coalesce(${petitionNotices.readAt}, ${clock.now()})` })
    .where(
      and(
        eq(petitionNotices.tenantId, tenantId),
        eq(petitionNotices.userId, userId),
        eq(petitionNotices.id, id),
      ),
    )
    .returning({ id: petitionNotices.id });
  return rows.length > 0;
}

/**
 * Tells whoever must act next on a petition, in the step's transaction (see notifications'
 * `notify`): the unit it was sent to, the leader who approves an answer, the author of a draft.
 */
export async function petitionHandoff(
  tx: DbOrTx,
  petition: { id: string; tenantId: string; trackingCode: string },
  kind: NoticeKind,
  recipients: RecipientSpec[],
  params: Record<string, string>,
  actorUserId: string | null,
): Promise<string[]> {
  return notify(tx, {
    tenantId: petition.tenantId,
    eventKey: `petition-${kind}:${petition.id}:${randomUUID()}`,
    kind,
    recipients,
    params: { code: petition.trackingCode, ...params },
    link: `/petitions/${petition.id}`,
    actorUserId,
  });
}

import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { listUsers } from "../auth/users.ts";
import { petitionNotices, petitions } from "./tables.ts";

/**
 * In-app notices for officers about petitions: a new assignment, a clock about to run out, a
 * clock run out. The e-mail that goes with one is sent after the transaction, never inside it.
 */
export interface Recipient {
  userId: string;
  email: string | null;
}

/** Officers and leaders granted on the unit itself; with `coordinators`, the coordinators too. */
export async function unitStaff(
  db: DbOrTx,
  tenantId: string,
  unitId: string,
  options: { coordinators?: boolean } = {},
): Promise<Recipient[]> {
  const users = await listUsers(db, tenantId);
  return users
    .filter((user) => !user.disabled)
    .filter((user) =>
      user.grants.some(
        (grant) =>
          ((grant.role === "unit_officer" || grant.role === "unit_leader") && grant.unitId === unitId) ||
          (options.coordinators === true && grant.role === "coordinator"),
      ),
    )
    .map((user) => ({ userId: user.id, email: user.email }));
}

export async function addNotices(
  tx: DbOrTx,
  tenantId: string,
  recipients: readonly Recipient[],
  notice: { petitionId: string; kind: string; clockId?: string; dueDate?: string; threshold?: number },
): Promise<number> {
  if (recipients.length === 0) return 0;
  const rows = await tx
    .insert(petitionNotices)
    .values(
      recipients.map((recipient) => ({
        tenantId,
        userId: recipient.userId,
        petitionId: notice.petitionId,
        kind: notice.kind,
        clockId: notice.clockId ?? null,
        dueDate: notice.dueDate ?? null,
        threshold: notice.threshold ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: petitionNotices.id });
  return rows.length;
}

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
    .set({ readAt: sql`coalesce(${petitionNotices.readAt}, now())` })
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

import { createHash, randomBytes } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { Role } from "../../../common/enums.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { units } from "../orgs/tables.ts";
import type { Actor } from "./actor.ts";
import { roleGrants, sessions, users } from "./tables.ts";

/** A session lasts at most this long, however active, before signing in again. */
const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** Sliding expiry is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: DbOrTx,
  user: { id: string; tenantId: string },
  idleMinutes: number,
  meta: { ip?: string; userAgent?: string },
): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = clock.fromNow(idleMinutes * 60_000);
  await db.insert(sessions).values({
    id: digest(token),
    tenantId: user.tenantId,
    userId: user.id,
    csrfToken,
    expiresAt,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

export interface SessionLookup {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  user: typeof users.$inferSelect;
}

/** The session behind a cookie, or null when it is unknown, expired or its user disabled. */
export async function lookupSession(
  db: DbOrTx,
  tenantId: string,
  token: string,
  idleMinutes: number,
): Promise<SessionLookup | null> {
  const id = digest(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), eq(sessions.tenantId, tenantId)));
  if (!row) return null;
  const now = clock.nowMs();
  const expired =
    row.session.expiresAt.getTime() <= now || row.session.createdAt.getTime() + ABSOLUTE_LIFETIME_MS <= now;
  if (expired || row.user.disabled) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now), expiresAt: new Date(now + idleMinutes * 60_000) })
      .where(eq(sessions.id, id));
  }
  return {
    sessionId: id,
    csrfToken: row.session.csrfToken,
    user: row.user,
    actor: await loadActor(db, row.user),
  };
}

export async function loadActor(db: DbOrTx, user: typeof users.$inferSelect): Promise<Actor> {
  const grants = await db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId })
    .from(roleGrants)
    .where(eq(roleGrants.userId, user.id));
  return {
    kind: "user",
    userId: user.id,
    tenantId: user.tenantId,
    username: user.username,
    displayName: user.displayName,
    grants: grants.map((grant) => ({ role: grant.role as Role, unitId: grant.unitId })),
  };
}

export async function grantsWithNames(db: DbOrTx, userId: string) {
  const rows = await db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId, unitName: units.name })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.userId, userId));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

export async function deleteSession(db: DbOrTx, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: DbOrTx, userId: string, except?: string) {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  for (const row of rows) if (row.id !== except) await db.delete(sessions).where(eq(sessions.id, row.id));
}

export async function purgeExpiredSessions(db: DbOrTx) {
  await db.delete(sessions).where(and(lt(sessions.expiresAt, clock.now())));
}

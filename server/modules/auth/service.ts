import { and, eq, sql } from "drizzle-orm";
import type { Locale } from "../../../common/enums.ts";
import type { Me } from "../../../common/schemas/auth.ts";
import type { Db, DbOrTx } from "../../db/connection.ts";
import { AppError, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import type { Actor } from "./actor.ts";
import { decoyPasswordHash, hashPassword, isAcceptablePassword, verifyPassword } from "./passwords.ts";
import { authPolicy } from "./policy.ts";
import { createSession, deleteUserSessions, grantsWithNames, type NewSession } from "./sessions.ts";
import { users } from "./tables.ts";
import { checkTotp, newTotpSecret, totpUri } from "./totp.ts";

type UserRow = typeof users.$inferSelect;

export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
  idleMinutes: number;
}

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

const system = (name: string): AuditActor => ({ userId: null, name });
const self = (user: UserRow): AuditActor => ({
  userId: user.id,
  name: `${user.displayName} (${user.username})`,
});

/**
 * Signs a user in. Failures are counted and written even though the sign-in fails, so this
 * runs outside a request transaction; each write is its own small statement.
 */
export async function login(
  db: Db,
  tenantId: string,
  input: LoginInput,
  policy: LoginPolicy,
  meta: { ip?: string; userAgent?: string },
): Promise<{ session: NewSession; user: UserRow }> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, input.username.toLowerCase())));
  if (!user) {
    await verifyPassword(await decoyPasswordHash(), input.password);
    throw new AppError(401, "invalid_credentials");
  }
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    throw lockedError(user.lockedUntil);
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (passwordOk && user.disabled) throw new AppError(403, "disabled");
  if (passwordOk && user.totpEnabled && !input.totp) throw new AppError(401, "totp_required", {}, "totp");
  const totpOk = !user.totpEnabled || (input.totp !== undefined && checkTotp(user.totpSecret!, input.totp));
  if (!passwordOk || !totpOk) {
    const failures = user.failedLogins + 1;
    const lock = failures >= policy.maxFailures;
    const lockedUntil = lock ? new Date(now + policy.lockMinutes * 60_000) : null;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: lock ? 0 : failures, lockedUntil })
        .where(eq(users.id, user.id));
      if (lock) {
        await recordAudit(tx, {
          tenantId,
          actor: system("auth"),
          action: "auth.lockout",
          entityType: "user",
          entityId: user.id,
          after: { username: user.username, lockedUntil: lockedUntil!.toISOString(), ip: meta.ip ?? null },
        });
      }
    });
    if (lock) throw lockedError(lockedUntil!);
    throw passwordOk
      ? new AppError(401, "totp_invalid", {}, "totp")
      : new AppError(401, "invalid_credentials");
  }
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
      .where(eq(users.id, user.id));
    const session = await createSession(tx, user, policy.idleMinutes, meta);
    await recordAudit(tx, {
      tenantId,
      actor: self(user),
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      after: { ip: meta.ip ?? null },
    });
    return { session, user };
  });
}

function lockedError(until: Date) {
  const local = until.toLocaleString("vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    hour: "2-digit",
    minute: "2-digit",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  });
  return new AppError(429, "locked", { until: local }, undefined, { lockedUntil: until.toISOString() });
}

export async function describeMe(db: DbOrTx, user: UserRow, actor: Actor): Promise<Me> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    locale: user.locale as Locale,
    totpEnabled: user.totpEnabled,
    mustChangePassword: user.mustChangePassword,
    roles: await grantsWithNames(db, user.id),
    permissions: authPolicy.permissions(actor),
  };
}

export async function getUserRow(db: DbOrTx, tenantId: string, id: string): Promise<UserRow> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  if (!row) throw notFound("người dùng / user");
  return row;
}

export async function updateMe(
  tx: DbOrTx,
  user: UserRow,
  changes: { locale?: Locale; displayName?: string },
) {
  const [row] = await tx
    .update(users)
    .set({ ...changes, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(eq(users.id, user.id))
    .returning();
  await recordAudit(tx, {
    tenantId: user.tenantId,
    actor: self(user),
    action: "user.update_self",
    entityType: "user",
    entityId: user.id,
    before: { locale: user.locale, displayName: user.displayName },
    after: { locale: row.locale, displayName: row.displayName },
  });
  return row;
}

export async function changePassword(
  tx: DbOrTx,
  user: UserRow,
  current: string,
  next: string,
  sessionId: string,
) {
  if (!(await verifyPassword(user.passwordHash, current)))
    throw new AppError(400, "wrong_password", {}, "current");
  if (!isAcceptablePassword(next, user.username)) throw new AppError(400, "weak_password", {}, "next");
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(next), mustChangePassword: false, updatedAt: new Date() })
    .where(eq(users.id, user.id));
  // Other sessions of this user end: whoever knew the old password is signed out.
  await deleteUserSessions(tx, user.id, sessionId);
  await recordAudit(tx, {
    tenantId: user.tenantId,
    actor: self(user),
    action: "user.change_password",
    entityType: "user",
    entityId: user.id,
  });
}

export async function startTotpSetup(tx: DbOrTx, user: UserRow) {
  const secret = newTotpSecret();
  await tx.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, user.id));
  return { secret, otpauthUrl: totpUri(secret, user.username) };
}

export async function enableTotp(tx: DbOrTx, user: UserRow, code: string) {
  if (!user.totpPendingSecret) throw new AppError(400, "totp_not_set_up");
  if (!checkTotp(user.totpPendingSecret, code)) throw new AppError(400, "totp_invalid", {}, "code");
  await tx
    .update(users)
    .set({
      totpSecret: user.totpPendingSecret,
      totpPendingSecret: null,
      totpEnabled: true,
      updatedAt: new Date(),
    })
    .where(eq(users.id, user.id));
  await recordAudit(tx, {
    tenantId: user.tenantId,
    actor: self(user),
    action: "user.totp_enable",
    entityType: "user",
    entityId: user.id,
  });
}

export async function disableTotp(tx: DbOrTx, user: UserRow, code: string) {
  if (!user.totpEnabled || !user.totpSecret) throw new AppError(400, "totp_not_set_up");
  if (!checkTotp(user.totpSecret, code)) throw new AppError(400, "totp_invalid", {}, "code");
  await tx
    .update(users)
    .set({ totpSecret: null, totpEnabled: false, updatedAt: new Date() })
    .where(eq(users.id, user.id));
  await recordAudit(tx, {
    tenantId: user.tenantId,
    actor: self(user),
    action: "user.totp_disable",
    entityType: "user",
    entityId: user.id,
  });
}

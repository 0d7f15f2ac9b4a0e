import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Locale } from "../../../common/enums.ts";
import type { Me, UserCreate, UserSummary } from "../../../common/schemas/auth.ts";
import type { Db, DbOrTx } from "../../db/connection.ts";
import { AppError, conflict, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { units } from "../orgs/tables.ts";
import type { Actor } from "./actor.ts";
import {
  decoyPasswordHash,
  generatePassword,
  hashPassword,
  isAcceptablePassword,
  verifyPassword,
} from "./passwords.ts";
import { authPolicy } from "./policy.ts";
import {
  createSession,
  deleteUserSessions,
  grantsWithNames,
  loadActor,
  type NewSession,
} from "./sessions.ts";
import { roleGrants, users } from "./tables.ts";
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

// ---- Administration ------------------------------------------------------------------------

async function summaries(db: DbOrTx, rows: UserRow[]): Promise<UserSummary[]> {
  if (rows.length === 0) return [];
  const grants = await db
    .select({
      userId: roleGrants.userId,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitName: units.name,
    })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(
      inArray(
        roleGrants.userId,
        rows.map((row) => row.id),
      ),
    );
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    disabled: row.disabled,
    lockedUntil:
      row.lockedUntil && row.lockedUntil.getTime() > Date.now() ? row.lockedUntil.toISOString() : null,
    totpEnabled: row.totpEnabled,
    version: row.version,
    grants: grants
      .filter((grant) => grant.userId === row.id)
      .map((grant) => ({
        role: grant.role as UserSummary["grants"][number]["role"],
        unitId: grant.unitId,
        unitName: grant.unitName,
      })),
  }));
}

export async function listUsers(db: DbOrTx, tenantId: string, q?: string): Promise<UserSummary[]> {
  const conditions = [eq(users.tenantId, tenantId)];
  if (q) {
    const needle = `%${q.replace(/[%_\\]/g, "\\$&")}%`;
    conditions.push(
      sql`(vi_fold(${users.displayName}) LIKE vi_fold(${needle}) OR ${users.username} LIKE lower(${needle}))`,
    );
  }
  const rows = await db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.username));
  return summaries(db, rows);
}

async function checkGrantUnits(db: DbOrTx, tenantId: string, grants: { unitId: string }[]) {
  const ids = [...new Set(grants.map((grant) => grant.unitId))];
  if (ids.length === 0) return;
  const found = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, ids)));
  if (found.length !== ids.length) {
    throw new AppError(
      400,
      "validation",
      { field: "grants", detail: "đơn vị không tồn tại / unknown unit" },
      "grants",
    );
  }
}

export async function createUser(tx: DbOrTx, tenantId: string, actor: AuditActor, input: UserCreate) {
  const username = input.username.toLowerCase();
  const [existing] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, username)));
  if (existing) throw new AppError(409, "duplicate", { what: `“${username}”` }, "username");
  if (input.password && !isAcceptablePassword(input.password, username))
    throw new AppError(400, "weak_password", {}, "password");
  await checkGrantUnits(tx, tenantId, input.grants);
  const temporaryPassword = input.password ? null : generatePassword();
  const [row] = await tx
    .insert(users)
    .values({
      tenantId,
      username,
      displayName: input.displayName,
      email: input.email ?? null,
      passwordHash: await hashPassword(input.password ?? temporaryPassword!),
      mustChangePassword: !input.password,
    })
    .returning();
  for (const grant of dedupeGrants(input.grants))
    await tx.insert(roleGrants).values({ tenantId, userId: row.id, ...grant });
  const [summary] = await summaries(tx, [row]);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "user.create",
    entityType: "user",
    entityId: row.id,
    after: summary,
  });
  return { user: summary, temporaryPassword };
}

function dedupeGrants<T extends { role: string; unitId: string }>(grants: T[]): T[] {
  const seen = new Set<string>();
  return grants.filter((grant) => {
    const key = `${grant.role}|${grant.unitId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function updateUser(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  id: string,
  input: {
    version: number;
    displayName?: string;
    email?: string | null;
    disabled?: boolean;
    grants?: { role: UserSummary["grants"][number]["role"]; unitId: string }[];
  },
) {
  const current = await getUserRow(tx, tenantId, id);
  if (current.version !== input.version) throw conflict(current.version, input.version);
  const [before] = await summaries(tx, [current]);
  const { version, grants, ...changes } = input;
  const [row] = await tx
    .update(users)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  if (!row) throw conflict((await getUserRow(tx, tenantId, id)).version, version);
  if (grants) {
    await checkGrantUnits(tx, tenantId, grants);
    await tx.delete(roleGrants).where(eq(roleGrants.userId, id));
    for (const grant of dedupeGrants(grants))
      await tx.insert(roleGrants).values({ tenantId, userId: id, ...grant });
  }
  if (changes.disabled) await deleteUserSessions(tx, id);
  const [after] = await summaries(tx, [row]);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "user.update",
    entityType: "user",
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function resetPassword(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  id: string,
  password?: string,
) {
  const user = await getUserRow(tx, tenantId, id);
  if (password && !isAcceptablePassword(password, user.username))
    throw new AppError(400, "weak_password", {}, "password");
  const temporaryPassword = password ?? generatePassword();
  await tx
    .update(users)
    .set({
      passwordHash: await hashPassword(temporaryPassword),
      mustChangePassword: !password,
      failedLogins: 0,
      lockedUntil: null,
      version: user.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(users.id, id));
  await deleteUserSessions(tx, id);
  await recordAudit(tx, { tenantId, actor, action: "user.reset_password", entityType: "user", entityId: id });
  return { temporaryPassword };
}

export async function unlockUser(tx: DbOrTx, tenantId: string, actor: AuditActor, id: string) {
  const user = await getUserRow(tx, tenantId, id);
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "user.unlock",
    entityType: "user",
    entityId: id,
    before: { lockedUntil: user.lockedUntil?.toISOString() ?? null },
  });
}

export async function findUserByUsername(db: DbOrTx, tenantId: string, username: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, username.toLowerCase())));
  return row ?? null;
}

export { loadActor };

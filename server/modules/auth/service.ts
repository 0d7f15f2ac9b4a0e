import { and, eq, sql } from "drizzle-orm";
import type { Locale, Role } from "../../../common/enums.ts";
import type { Me } from "../../../common/schemas/auth.ts";
import type { Db, DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import type { Actor } from "./actor.ts";
import { decoyPasswordHash, hashPassword, isAcceptablePassword, verifyPassword } from "./passwords.ts";
import { permissionsFor } from "./policy.ts";
import { secondFactorDue, secondFactorRequired } from "./second-factor.ts";
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  grantsWithNames,
  loadActor,
  type NewSession,
} from "./sessions.ts";
import { users } from "./tables.ts";
import {
  type Claimed,
  claimAttempt,
  giveBack,
  signedIn,
  type ThrottlePolicy,
  throttleName,
  waitSeconds,
} from "./throttle.ts";
import { checkTotp, newTotpSecret, totpUri } from "./totp.ts";

type UserRow = typeof users.$inferSelect;

export interface LoginPolicy extends ThrottlePolicy {
  idleMinutes: number;
  /** Roles that must sign in with a second factor (SECOND_FACTOR_ROLES). */
  secondFactorRoles: readonly Role[];
}

/** Why a sign-in failed, as the audit trail records it. */
export type SignInFailure = "unknown_user" | "wrong_password" | "wrong_code" | "disabled";

/** A failed sign-in records the name as typed, cut to this many characters. */
export const AUDITED_NAME_LENGTH = 64;

/** The name as typed, cut by characters (never half a surrogate pair) for the audit trail. */
export function auditedName(typed: string): string {
  const chars = Array.from(typed);
  return chars.length <= AUDITED_NAME_LENGTH ? typed : `${chars.slice(0, AUDITED_NAME_LENGTH).join("")}…`;
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
 * Signs a user in. Every attempt is first counted against its throttles (throttle.ts): per name
 * as typed, per client address and per pair, in a short transaction of its own committed before
 * the password is weighed, so that parallel attempts cannot slip past the count and a failure
 * stays counted although the sign-in fails. While a wait is in force the attempt is refused with
 * 429 and nothing is weighed, the right password included. Known and unknown names take the same
 * path: the same counters, a password hash weighed (a decoy one for an unknown name), the same
 * answers. A failed attempt writes one audit row, in a transaction of its own after the password
 * was weighed, so the tenant's audit chain is held for a few statements only; an attempt refused
 * while a wait is in force writes nothing (the wait's start is in the trail as `auth.lockout`).
 *
 * An account whose role requires a second factor and that has none signs in with its password;
 * its session is one of enrolment (second-factor.ts), and the audit row says so.
 */
export async function login(
  db: Db,
  tenantId: string,
  input: LoginInput,
  policy: LoginPolicy,
  meta: { ip?: string; userAgent?: string },
): Promise<{ session: NewSession; user: UserRow }> {
  const name = throttleName(input.username);
  const address = meta.ip ?? "";
  const claim = await claimAttempt(db, tenantId, name, address, policy);
  if (!claim.allowed) throw throttledError(claim.retryAfterSeconds);
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, name)));
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (user && passwordOk && (user.disabled || (user.totpEnabled && !input.totp))) {
    // The right password: not a failure of the throttle's, whatever comes next.
    await db.transaction(async (tx) => {
      await giveBack(tx, tenantId, claim.claimed);
      if (user.disabled) await recordFailedSignIn(tx, tenantId, user, input.username, address, "disabled");
    });
    if (user.disabled) throw new AppError(403, "disabled");
    throw new AppError(401, "totp_required", {}, "totp");
  }
  const totpOk = !user?.totpEnabled || (input.totp !== undefined && checkTotp(user.totpSecret!, input.totp));
  if (!user || !passwordOk || !totpOk) {
    const reason: SignInFailure = !user ? "unknown_user" : !passwordOk ? "wrong_password" : "wrong_code";
    await db.transaction(async (tx) => {
      await recordFailedSignIn(tx, tenantId, user, input.username, address, reason);
      await recordLockouts(tx, tenantId, user, claim.claimed, policy);
    });
    throw user && passwordOk
      ? new AppError(401, "totp_invalid", {}, "totp")
      : new AppError(401, "invalid_credentials");
  }
  return db.transaction(async (tx) => {
    await signedIn(tx, tenantId, claim.claimed);
    await tx.update(users).set({ lastLoginAt: clock.now() }).where(eq(users.id, user.id));
    const session = await createSession(tx, user, policy.idleMinutes, meta);
    const enrolment = secondFactorDue(user, await loadActor(tx, user), policy.secondFactorRoles);
    await recordAudit(tx, {
      tenantId,
      actor: self(user),
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      after: { ip: meta.ip ?? null, ...(enrolment ? { secondFactorEnrolment: true } : {}) },
    });
    return { session, user };
  });
}

/** Signing out: the session ends, and the trail says who left from where. */
export async function logout(tx: DbOrTx, user: UserRow, sessionId: string, ip: string | undefined) {
  await deleteSession(tx, sessionId);
  await recordAudit(tx, {
    tenantId: user.tenantId,
    actor: self(user),
    action: "auth.logout",
    entityType: "user",
    entityId: user.id,
    after: { ip: ip ?? null },
  });
}

/**
 * A failed sign-in goes into the audit trail: the name as typed (cut to AUDITED_NAME_LENGTH
 * characters), the client address and the reason; never the password or the code.
 */
async function recordFailedSignIn(
  tx: DbOrTx,
  tenantId: string,
  user: UserRow | undefined,
  typed: string,
  address: string,
  reason: SignInFailure,
) {
  await recordAudit(tx, {
    tenantId,
    actor: system("auth"),
    action: "auth.login_failed",
    entityType: "user",
    entityId: user?.id ?? null,
    after: { username: auditedName(typed), ip: address || null, reason },
  });
}

/**
 * A counter whose waits begin with this failure adds an `auth.lockout` entry (its scope, name and
 * address, until when the next attempt waits).
 */
async function recordLockouts(
  tx: DbOrTx,
  tenantId: string,
  user: UserRow | undefined,
  claimed: Claimed[],
  policy: LoginPolicy,
) {
  const entityId = user?.id ?? null;
  for (const counter of claimed.filter((c) => c.failures === c.free)) {
    const wait = waitSeconds(counter.failures, counter.free, policy);
    await recordAudit(tx, {
      tenantId,
      actor: system("auth"),
      action: "auth.lockout",
      entityType: "user",
      entityId: counter.scope === "address" ? null : entityId,
      after: {
        scope: counter.scope,
        username: counter.name || null,
        ip: counter.address || null,
        failures: counter.failures,
        nextAttemptAt: clock.fromNow(wait * 1000).toISOString(),
      },
    });
  }
}

/** 429 with the wait in whole seconds (also sent as Retry-After by the route), in both languages. */
export function throttledError(seconds: number) {
  const minutes = Math.ceil(seconds / 60);
  const wait =
    seconds < 60
      ? both(`${seconds} giây`, seconds === 1 ? "1 second" : `${seconds} seconds`)
      : both(`${minutes} phút`, minutes === 1 ? "1 minute" : `${minutes} minutes`);
  return new AppError(429, "sign_in_throttled", { wait }, undefined, { retryAfterSeconds: seconds });
}

export async function describeMe(
  db: DbOrTx,
  user: UserRow,
  actor: Actor,
  secondFactorRoles: readonly Role[],
): Promise<Me> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    locale: user.locale as Locale,
    totpEnabled: user.totpEnabled,
    secondFactorRequired: secondFactorRequired(actor, secondFactorRoles),
    secondFactorEnrolment: secondFactorDue(user, actor, secondFactorRoles),
    mustChangePassword: user.mustChangePassword,
    roles: await grantsWithNames(db, user.id),
    permissions: permissionsFor(actor),
  };
}

export async function getUserRow(db: DbOrTx, tenantId: string, id: string): Promise<UserRow> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  if (!row) throw notFound(both("người dùng", "user"));
  return row;
}

export async function updateMe(
  tx: DbOrTx,
  user: UserRow,
  changes: { locale?: Locale; displayName?: string },
) {
  const [row] = await tx
    .update(users)
    .set({ ...changes, version: sql`${users.version} + 1`, updatedAt: clock.now() })
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
    .set({ passwordHash: await hashPassword(next), mustChangePassword: false, updatedAt: clock.now() })
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
  await recordAudit(tx, {
    tenantId: user.tenantId,
    actor: self(user),
    action: "user.totp_setup",
    entityType: "user",
    entityId: user.id,
  });
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
      updatedAt: clock.now(),
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

/**
 * Turns the second factor off, with a current code; refused (409) for an account whose role
 * requires it (`required`, from SECOND_FACTOR_ROLES).
 */
export async function disableTotp(tx: DbOrTx, user: UserRow, code: string, required: boolean) {
  if (!user.totpEnabled || !user.totpSecret) throw new AppError(400, "totp_not_set_up");
  if (required) throw new AppError(409, "second_factor_mandatory");
  if (!checkTotp(user.totpSecret, code)) throw new AppError(400, "totp_invalid", {}, "code");
  await tx
    .update(users)
    .set({ totpSecret: null, totpEnabled: false, updatedAt: clock.now() })
    .where(eq(users.id, user.id));
  await recordAudit(tx, {
    tenantId: user.tenantId,
    actor: self(user),
    action: "user.totp_disable",
    entityType: "user",
    entityId: user.id,
  });
}

/**
 * An administrator removes an account's second factor (a lost phone): its secret goes, its
 * sessions end, and an account whose role requires one is held to enrolment at its next sign-in.
 */
export async function resetTotp(tx: DbOrTx, tenantId: string, actor: AuditActor, id: string) {
  const user = await getUserRow(tx, tenantId, id);
  await tx
    .update(users)
    .set({
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabled: false,
      version: user.version + 1,
      updatedAt: clock.now(),
    })
    .where(eq(users.id, id));
  await deleteUserSessions(tx, id);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "user.totp_reset",
    entityType: "user",
    entityId: id,
    before: { totpEnabled: user.totpEnabled },
  });
}

import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { UserCreate, UserSummary } from "../../../common/schemas/auth.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, conflict } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { units } from "../orgs/tables.ts";
import { closedUnitsOf, usersOnClosedUnits } from "./closed-units.ts";
import { generatePassword, hashPassword, isAcceptablePassword } from "./passwords.ts";
import { getUserRow } from "./service.ts";
import { deleteUserSessions } from "./sessions.ts";
import { roleGrants, users } from "./tables.ts";
import { heldBackUntil, releaseName } from "./throttle.ts";

/** Administration of accounts: listing, creating, changing, resetting and unlocking them. */

type UserRow = typeof users.$inferSelect;

// ---- Administration ------------------------------------------------------------------------

async function summaries(db: DbOrTx, rows: UserRow[]): Promise<UserSummary[]> {
  if (rows.length === 0) return [];
  const tenantId = rows[0].tenantId;
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
  const closed = await closedUnitsOf(
    db,
    tenantId,
    grants.map((grant) => grant.unitId),
    clock.today(),
  );
  const held = await heldBackUntil(
    db,
    tenantId,
    rows.map((row) => row.username),
  );
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    disabled: row.disabled,
    lockedUntil: held.get(row.username)?.toISOString() ?? null,
    totpEnabled: row.totpEnabled,
    version: row.version,
    grants: grants
      .filter((grant) => grant.userId === row.id)
      .map((grant) => ({
        role: grant.role as UserSummary["grants"][number]["role"],
        unitId: grant.unitId,
        unitName: grant.unitName,
      })),
    closedUnits: [
      ...new Set(grants.filter((grant) => grant.userId === row.id).map((grant) => grant.unitId)),
    ].flatMap((unitId) => {
      const unit = closed.get(unitId);
      return unit ? [unit] : [];
    }),
  }));
}

/** One account as the administration shows it. */
export async function userSummary(db: DbOrTx, row: UserRow): Promise<UserSummary> {
  const [summary] = await summaries(db, [row]);
  return summary;
}

export async function listUsers(
  db: DbOrTx,
  tenantId: string,
  q?: string,
  options: { closedOnly?: boolean } = {},
): Promise<UserSummary[]> {
  const conditions = [eq(users.tenantId, tenantId)];
  if (options.closedOnly) {
    const ids = await usersOnClosedUnits(db, tenantId, clock.today());
    if (ids.length === 0) return [];
    conditions.push(inArray(users.id, ids));
  }
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
      { field: "grants", detail: both("đơn vị không tồn tại", "unknown unit") },
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
    .set({ ...changes, version: version + 1, updatedAt: clock.now() })
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
      version: user.version + 1,
      updatedAt: clock.now(),
    })
    .where(eq(users.id, id));
  await releaseName(tx, tenantId, user.username);
  await deleteUserSessions(tx, id);
  await recordAudit(tx, { tenantId, actor, action: "user.reset_password", entityType: "user", entityId: id });
  return { temporaryPassword };
}

export async function unlockUser(tx: DbOrTx, tenantId: string, actor: AuditActor, id: string) {
  const user = await getUserRow(tx, tenantId, id);
  const until = (await heldBackUntil(tx, tenantId, [user.username])).get(user.username);
  await releaseName(tx, tenantId, user.username);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "user.unlock",
    entityType: "user",
    entityId: id,
    before: { lockedUntil: until?.toISOString() ?? null },
  });
}

export async function findUserByUsername(db: DbOrTx, tenantId: string, username: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, username.toLowerCase())));
  return row ?? null;
}

/** Display names of accounts by id, for other modules that show who moderated or answered. */
export async function displayNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Role grants to look for: roles held on one unit, or a role held anywhere. */
export type GrantQuery = { unitId: string; roles: readonly string[] } | { role: string };

/**
 * The enabled accounts among those named and those holding the grants, each once, with what a
 * message to them needs: for other modules (notices) that address people by their roles.
 */
export async function enabledAccounts(
  db: DbOrTx,
  tenantId: string,
  who: { userIds: readonly string[]; grants: readonly GrantQuery[] },
): Promise<{ id: string; email: string | null; locale: string }[]> {
  const ids = new Set(who.userIds);
  const conditions: SQL[] = who.grants.map((grant) =>
    "unitId" in grant
      ? and(eq(roleGrants.unitId, grant.unitId), inArray(roleGrants.role, [...grant.roles]))!
      : eq(roleGrants.role, grant.role),
  );
  if (conditions.length > 0) {
    const granted = await db
      .select({ userId: roleGrants.userId })
      .from(roleGrants)
      .where(and(eq(roleGrants.tenantId, tenantId), or(...conditions)));
    for (const row of granted) ids.add(row.userId);
  }
  if (ids.size === 0) return [];
  return db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, [...ids]), eq(users.disabled, false)));
}

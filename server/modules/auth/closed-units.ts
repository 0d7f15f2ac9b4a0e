import { and, eq, inArray, isNotNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, conflict, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { carriersOn } from "../orgs/lineage.ts";
import { inForceOn } from "../orgs/restructure.ts";
import { units } from "../orgs/tables.ts";
import { roleGrants, users } from "./tables.ts";

/**
 * Accounts left on units that no longer exist. The 2025 restructuring closed the districts; a
 * district split between several communes keeps its officers' role grants (nobody can guess
 * whose account goes where, see succession.ts), so those people sign in to a unit that is gone.
 * Here: which of a user's units are closed and who carries their duties now (the directory's
 * successor links, followed through later events), and the administrator's one step that moves
 * an account's roles from a closed unit to one of its successors.
 */

export interface ClosedUnit {
  unitId: string;
  unitName: string;
  /** The last day the unit was in force. */
  closedOn: string;
  /** The units in force today that carry its duties (several after a split, none if dissolved). */
  successors: { id: string; name: string }[];
}

/** The closed units among these, each with its successors in force on `today`. */
export async function closedUnitsOf(
  db: DbOrTx,
  tenantId: string,
  unitIds: string[],
  today: string,
): Promise<Map<string, ClosedUnit>> {
  const result = new Map<string, ClosedUnit>();
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) return result;
  const closed = await db
    .select({ id: units.id, name: units.name, validTo: units.validTo })
    .from(units)
    .where(
      and(
        eq(units.tenantId, tenantId),
        inArray(units.id, ids),
        isNotNull(units.validTo),
        lt(units.validTo, today),
      ),
    );
  for (const unit of closed) {
    const paths = await carriersOn(db, tenantId, unit.id, today);
    const ends = [...new Set(paths.map((path) => path.at(-1)?.unitId).filter((id): id is string => !!id))];
    const inForce = ends.length
      ? await db
          .select()
          .from(units)
          .where(and(eq(units.tenantId, tenantId), inArray(units.id, ends)))
      : [];
    result.set(unit.id, {
      unitId: unit.id,
      unitName: unit.name,
      closedOn: unit.validTo!,
      successors: inForce
        .filter((u) => inForceOn(u, today))
        .map((u) => ({ id: u.id, name: u.name }))
        .sort((a, b) => a.name.localeCompare(b.name, "vi")),
    });
  }
  return result;
}

/** Ids of the users holding a role on a unit closed before `today`. */
export async function usersOnClosedUnits(db: DbOrTx, tenantId: string, today: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(and(eq(roleGrants.tenantId, tenantId), isNotNull(units.validTo), lt(units.validTo, today)));
  return rows.map((row) => row.userId);
}

/**
 * Moves every role the account holds on a closed unit to one of that unit's successors, in one
 * step: refused when the account changed since it was read (409 with its current version), when
 * the unit is still in force or the account holds nothing there, and when the target is closed
 * too or is not a successor. Audited with the roles before and after.
 */
export async function moveToSuccessor(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  userId: string,
  input: { version: number; fromUnitId: string; toUnitId: string },
  today: string,
) {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  if (!user) throw notFound(both("tài khoản", "account"));
  if (user.version !== input.version) throw conflict(user.version, input.version);
  const unitRows = await tx
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, [input.fromUnitId, input.toUnitId])));
  const from = unitRows.find((u) => u.id === input.fromUnitId);
  const to = unitRows.find((u) => u.id === input.toUnitId);
  if (!from) throw new AppError(400, "account_unit_unknown", {}, "fromUnitId");
  if (!to) throw new AppError(400, "account_unit_unknown", {}, "toUnitId");
  if (inForceOn(from, today))
    throw new AppError(409, "account_unit_not_closed", { unit: from.name }, "fromUnitId");
  if (!inForceOn(to, today))
    throw new AppError(
      409,
      "account_target_closed",
      { unit: to.name, date: to.validTo ?? to.validFrom ?? "" },
      "toUnitId",
    );
  const held = await tx
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.unitId, from.id)));
  if (held.length === 0)
    throw new AppError(
      409,
      "account_no_role_there",
      { username: user.username, unit: from.name },
      "fromUnitId",
    );
  const closed = (await closedUnitsOf(tx, tenantId, [from.id], today)).get(from.id)!;
  if (!closed.successors.some((s) => s.id === to.id))
    throw new AppError(
      400,
      "account_target_not_successor",
      {
        unit: to.name,
        from: from.name,
        successors: closed.successors.map((s) => s.name).join(", ") || "—",
      },
      "toUnitId",
    );
  // The version guards the whole move: a concurrent change in between makes this a 409 too.
  const [bumped] = await tx
    .update(users)
    .set({ version: user.version + 1, updatedAt: clock.now() })
    .where(and(eq(users.id, userId), eq(users.version, input.version)))
    .returning();
  if (!bumped) throw conflict(user.version + 1, input.version);
  const existing = await tx.select().from(roleGrants).where(eq(roleGrants.userId, userId));
  for (const grant of held) {
    await tx.delete(roleGrants).where(eq(roleGrants.id, grant.id));
    if (!existing.some((g) => g.unitId === to.id && g.role === grant.role))
      await tx.insert(roleGrants).values({ tenantId, userId, role: grant.role, unitId: to.id });
  }
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "user.move_to_successor",
    entityType: "user",
    entityId: userId,
    before: { unitId: from.id, unitName: from.name, roles: held.map((g) => g.role) },
    after: { unitId: to.id, unitName: to.name, roles: held.map((g) => g.role) },
  });
  return bumped;
}

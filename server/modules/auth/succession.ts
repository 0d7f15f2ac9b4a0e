import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { label } from "../../lib/labels.ts";
import type { SuccessionHandler } from "../orgs/restructure.ts";
import { roleGrants, users } from "./tables.ts";

/**
 * Role grants on a unit that closes pass to its successor when there is exactly one (a merger):
 * the officer of a merged department keeps working in the merged one. After a split or a
 * dissolution into several units nobody can guess whose account goes where: the grants stay on
 * the closed unit (they still open its history) and the administrator reassigns them.
 */
export const grantSuccession: SuccessionHandler = {
  module: "accounts",
  async plan(tx, tenantId, closures) {
    const grants = await grantsOf(
      tx,
      tenantId,
      closures.map((c) => c.unitId),
    );
    const transfers = closures
      .filter((closure) => closure.successorIds.length === 1)
      .flatMap((closure) =>
        grants
          .filter((grant) => grant.unitId === closure.unitId)
          .map((grant) => ({
            module: "accounts",
            description: {
              vi: `${label("vi", `role.${grant.role}`)} · ${grant.username}`,
              en: `${label("en", `role.${grant.role}`)} · ${grant.username}`,
            },
            fromUnitId: closure.unitId,
            toUnitIds: closure.successorIds,
          })),
      );
    return { transfers, problems: [] };
  },
  async apply(tx, tenantId, closures) {
    for (const closure of closures.filter((c) => c.successorIds.length === 1)) {
      const grants = await grantsOf(tx, tenantId, [closure.unitId]);
      for (const grant of grants) {
        await tx.delete(roleGrants).where(eq(roleGrants.id, grant.id));
        await tx
          .insert(roleGrants)
          .values({ tenantId, userId: grant.userId, role: grant.role, unitId: closure.successorIds[0] })
          .onConflictDoNothing();
      }
    }
  },
};

async function grantsOf(tx: DbOrTx, tenantId: string, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return tx
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      username: users.username,
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.tenantId, tenantId), inArray(roleGrants.unitId, unitIds)));
}

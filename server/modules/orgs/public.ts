/**
 * What other modules may read of the directory's history: its services, never its tables.
 */
import { eq, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/connection.ts";
import { unitRevisions, unitSuccessions } from "./tables.ts";

/** Every succession of the province: a unit's work passed to another from a day on. */
export async function successionsOf(
  db: DbOrTx,
  tenantId: string,
): Promise<{ from: string; to: string; since: string }[]> {
  return db
    .select({
      from: unitSuccessions.predecessorId,
      to: unitSuccessions.successorId,
      since: unitSuccessions.effectiveDate,
    })
    .from(unitSuccessions)
    .where(eq(unitSuccessions.tenantId, tenantId));
}

/** The last day of each earlier version of a unit (a rename, a move): when its name changed. */
export async function revisionEndsOf(
  db: DbOrTx,
  tenantId: string,
): Promise<{ unitId: string; validTo: string }[]> {
  return db
    .select({ unitId: unitRevisions.unitId, validTo: unitRevisions.validTo })
    .from(unitRevisions)
    .where(eq(unitRevisions.tenantId, tenantId));
}

/** The units given and every unit below them, today's and closed ones alike. */
export async function unitsAtOrBelow(db: DbOrTx, tenantId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    WITH RECURSIVE scope AS (
      SELECT id FROM units WHERE tenant_id = ${tenantId} AND id IN (${list})
      UNION SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id
    ) SELECT id::text FROM scope`,
  );
  return rows.map((row) => row.id);
}

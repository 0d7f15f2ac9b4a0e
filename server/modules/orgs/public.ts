/**
 * What other modules may read of the directory's history: its services, never its tables.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
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

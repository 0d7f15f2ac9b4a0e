import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { AppError, both, forbidden, notFound } from "../../lib/errors.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../authorize.ts";
import { unitAncestors } from "./directory.ts";
import { type PetitionAction, type PetitionResource, refusal } from "./policy.ts";
import { petitions } from "./tables.ts";

export type PetitionRow = typeof petitions.$inferSelect;

const PETITION = both("phản ánh, kiến nghị", "petition");

export const notFoundPetition = () => notFound(PETITION);

export async function resourceOf(db: DbOrTx, row: PetitionRow): Promise<PetitionResource> {
  return {
    tenantId: row.tenantId,
    assignedUnitAncestorIds: await unitAncestors(db, row.tenantId, row.assignedUnitId),
    status: row.status,
    kind: row.kind,
    hasDraft: row.answerDraft !== null,
  };
}

/**
 * Loads a petition for an action. One the actor may not read answers 404, as a missing one
 * does: its existence is not revealed. One it may read but not act on answers 403, or 409 when
 * the petition's state is what forbids it. In a transaction the row is locked, so two officers
 * acting at once take turns and the second sees the first one's result.
 */
export async function accessPetition(
  db: DbOrTx,
  actor: Actor,
  id: string,
  action: PetitionAction | null = null,
  lock = false,
): Promise<{ row: PetitionRow; resource: PetitionResource }> {
  const query = db
    .select()
    .from(petitions)
    .where(and(eq(petitions.tenantId, actor.tenantId), eq(petitions.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFoundPetition();
  const resource = await resourceOf(db, row);
  authorize(actor, "petitions.read", resource, { missing: PETITION });
  if (action) {
    const why = refusal(action, actor, resource);
    if (why === "role") throw forbidden();
    if (why === "state") throw new AppError(409, "petition_state", { action, status: row.status });
  }
  return { row, resource };
}

/** The status a write left, read in its own transaction (the writer may no longer see the row). */
export async function statusOf(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select({ id: petitions.id, status: petitions.status })
    .from(petitions)
    .where(and(eq(petitions.tenantId, tenantId), eq(petitions.id, id)));
  return row;
}

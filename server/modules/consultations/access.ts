import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { AppError, both, forbidden, notFound } from "../../lib/errors.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../authorize.ts";
import { type UnitIndex, unitIndex } from "../dialogues/directory.ts";
import {
  type ConsultationAction,
  type ConsultationResource,
  consultationRefusal,
  phaseOf,
} from "./policy.ts";
import { consultations } from "./tables.ts";

export type ConsultationRow = typeof consultations.$inferSelect;

const CONSULTATION = both("dự thảo lấy ý kiến", "consultation");

export const notFoundConsultation = () => notFound(CONSULTATION);

export function consultationResource(
  row: ConsultationRow,
  units: UnitIndex,
  today: string,
): ConsultationResource {
  return {
    tenantId: row.tenantId,
    draftingUnitAncestorIds: units.ancestors(row.draftingUnitId),
    phase: phaseOf(row.status, row.opensOn, row.closesOn, today),
  };
}

/**
 * Loads a consultation for the actor: 404 when they may not read it (as when it does not
 * exist), 403 when they may read but not act, 409 when its phase forbids the action. Locked
 * inside a transaction.
 */
export async function accessConsultation(
  db: DbOrTx,
  actor: Actor,
  id: string,
  today: string,
  action: ConsultationAction | null = null,
  lock = false,
): Promise<{ row: ConsultationRow; resource: ConsultationResource; units: UnitIndex }> {
  const query = db
    .select()
    .from(consultations)
    .where(and(eq(consultations.tenantId, actor.tenantId), eq(consultations.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFoundConsultation();
  const units = await unitIndex(db, actor.tenantId);
  const resource = consultationResource(row, units, today);
  authorize(actor, "consultations.read", resource, { missing: CONSULTATION });
  if (action) {
    const why = consultationRefusal(action, actor, resource);
    if (why === "role") throw forbidden();
    if (why === "state") throw new AppError(409, "consultation_state", { phase: resource.phase });
  }
  return { row, resource, units };
}

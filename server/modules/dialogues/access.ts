import { and, eq } from "drizzle-orm";
import type { DialogueStatus } from "../../../common/schemas/dialogues.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { AppError, both, forbidden, notFound } from "../../lib/errors.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../authorize.ts";
import { type UnitIndex, unitIndex } from "./directory.ts";
import { type DialogueAction, type DialogueResource, dialogueRefusal } from "./policy.ts";
import { dialogues } from "./tables.ts";

export type DialogueRow = typeof dialogues.$inferSelect;

const DIALOGUE = both("buổi đối thoại", "dialogue");

export const notFoundDialogue = () => notFound(DIALOGUE);

export function dialogueResource(row: DialogueRow, units: UnitIndex): DialogueResource {
  return {
    tenantId: row.tenantId,
    hostUnitAncestorIds: units.ancestors(row.hostUnitId),
    status: row.status as DialogueStatus,
  };
}

/**
 * Loads a dialogue for the actor: one they may not read answers 404 like a missing one; one
 * they may read but not act on answers 403, or 409 when its status forbids the action. In a
 * transaction the row is locked, so two people acting at once take turns.
 */
export async function accessDialogue(
  db: DbOrTx,
  actor: Actor,
  id: string,
  action: DialogueAction | null = null,
  lock = false,
): Promise<{ row: DialogueRow; resource: DialogueResource; units: UnitIndex }> {
  const query = db
    .select()
    .from(dialogues)
    .where(and(eq(dialogues.tenantId, actor.tenantId), eq(dialogues.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFoundDialogue();
  const units = await unitIndex(db, actor.tenantId);
  const resource = dialogueResource(row, units);
  authorize(actor, "dialogues.read", resource, { missing: DIALOGUE });
  if (action) {
    const why = dialogueRefusal(action, actor, resource);
    if (why === "role") throw forbidden();
    if (why === "state") throw new AppError(409, "dialogue_state", { status: row.status });
  }
  return { row, resource, units };
}

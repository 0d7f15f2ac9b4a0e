import { and, eq, inArray, or, sql } from "drizzle-orm";
import { systemActor } from "../../../common/actors.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { both, type Localized } from "../../lib/errors.ts";
import { recordAudit } from "../audit/service.ts";
import type { Closure, SuccessionHandler } from "../orgs/restructure.ts";
import type { UnitUsageCheck } from "../orgs/service.ts";
import { dialogueCommitments, dialogues } from "./tables.ts";

/**
 * The module's part in a restructuring (declared in the manifest, `index.ts`): open
 * commitments owned by a unit that closes pass to its successor when there is exactly one (a
 * merger), recorded in the audit trail, and so do the dialogues it was to host. After a split or a dissolution they stay with the
 * closed unit and the event's plan says so, for the coordinator to reassign. Commitments
 * already done never move: the history stays with the unit that did the work.
 */
const SYSTEM = systemActor("restructuring");

async function openOwnedBy(tx: DbOrTx, tenantId: string, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return tx
    .select({ id: dialogueCommitments.id, unitId: dialogueCommitments.ownerUnitId })
    .from(dialogueCommitments)
    .where(
      and(
        eq(dialogueCommitments.tenantId, tenantId),
        inArray(dialogueCommitments.ownerUnitId, unitIds),
        eq(dialogueCommitments.status, "open"),
      ),
    );
}

export const commitmentSuccession: SuccessionHandler = {
  module: "dialogues",
  async plan(tx, tenantId, closures) {
    const held = await openOwnedBy(
      tx,
      tenantId,
      closures.map((c) => c.unitId),
    );
    const transfers = [];
    const problems: Localized[] = [];
    for (const closure of closures) {
      const n = held.filter((c) => c.unitId === closure.unitId).length;
      if (n === 0) continue;
      if (closure.successorIds.length === 1) {
        transfers.push({
          module: "dialogues",
          description: both(
            `${n} cam kết sau đối thoại chưa hoàn thành`,
            n === 1 ? "1 open dialogue commitment" : `${n} open dialogue commitments`,
          ),
          fromUnitId: closure.unitId,
          toUnitIds: closure.successorIds,
        });
      }
    }
    return { transfers, problems };
  },
  async apply(tx, tenantId, closures: Closure[], effectiveDate) {
    for (const closure of closures.filter((c) => c.successorIds.length === 1)) {
      const successor = closure.successorIds[0];
      // A dialogue still to come is hosted by the successor; held ones keep their host.
      await tx
        .update(dialogues)
        .set({ hostUnitId: successor, updatedAt: clock.now() })
        .where(
          and(
            eq(dialogues.tenantId, tenantId),
            eq(dialogues.hostUnitId, closure.unitId),
            eq(dialogues.status, "scheduled"),
          ),
        );
      const held = await openOwnedBy(tx, tenantId, [closure.unitId]);
      if (held.length === 0) continue;
      await tx
        .update(dialogueCommitments)
        .set({ ownerUnitId: successor, updatedAt: clock.now() })
        .where(
          inArray(
            dialogueCommitments.id,
            held.map((c) => c.id),
          ),
        );
      for (const commitment of held) {
        await recordAudit(tx, {
          tenantId,
          actor: SYSTEM,
          action: "dialogue.commitment.transfer",
          entityType: "dialogue_commitment",
          entityId: commitment.id,
          before: { ownerUnitId: closure.unitId },
          after: { ownerUnitId: successor, effectiveDate },
        });
      }
    }
  },
};

/** A unit that hosts a dialogue, is concerned by one or owns a commitment is not deleted. */
export const dialogueUnitUsage: UnitUsageCheck = async (db, tenantId, unitId) => {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(dialogues)
    .where(
      and(
        eq(dialogues.tenantId, tenantId),
        or(eq(dialogues.hostUnitId, unitId), sql`${unitId}::uuid = ANY(${dialogues.communeIds})`),
      ),
    );
  const [{ m }] = await db
    .select({ m: sql<number>`count(*)::int` })
    .from(dialogueCommitments)
    .where(and(eq(dialogueCommitments.tenantId, tenantId), eq(dialogueCommitments.ownerUnitId, unitId)));
  if (n + m === 0) return null;
  return both(
    `${n} buổi đối thoại, ${m} cam kết`,
    `${n} ${n === 1 ? "dialogue" : "dialogues"}, ${m} ${m === 1 ? "commitment" : "commitments"}`,
  );
};

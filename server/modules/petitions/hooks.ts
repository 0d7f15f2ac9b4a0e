import { and, eq, inArray, or, sql } from "drizzle-orm";
import { systemActor } from "../../../common/actors.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { both } from "../../lib/errors.ts";
import type { Closure, SuccessionHandler } from "../orgs/restructure.ts";
import type { UnitUsageCheck } from "../orgs/service.ts";
import { petitions } from "./tables.ts";
import { recordEvent } from "./timeline.ts";

/**
 * The module's part in a restructuring of the directory (declared in the manifest, `index.ts`): open petitions held by a unit that closes pass to its successor
 * when there is exactly one (a merger), recorded as a transfer on their timeline. After a split
 * or a dissolution nobody can tell which successor is competent: they stay where they are and
 * show in the coordinator's list for a person to reassign. Closed petitions never move: the
 * history stays with the unit that did the work.
 */
const OPEN = ["received", "assigned", "accepted"];

const SYSTEM = systemActor("restructuring");

async function openHeldBy(tx: DbOrTx, tenantId: string, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return tx
    .select({ id: petitions.id, unitId: petitions.assignedUnitId, trackingCode: petitions.trackingCode })
    .from(petitions)
    .where(
      and(
        eq(petitions.tenantId, tenantId),
        inArray(petitions.assignedUnitId, unitIds),
        inArray(petitions.status, OPEN),
      ),
    );
}

const single = (closures: Closure[]) => closures.filter((closure) => closure.successorIds.length === 1);

export const petitionSuccession: SuccessionHandler = {
  module: "petitions",
  async plan(tx, tenantId, closures) {
    const held = await openHeldBy(
      tx,
      tenantId,
      single(closures).map((c) => c.unitId),
    );
    const transfers = single(closures)
      .map((closure) => ({ closure, n: held.filter((p) => p.unitId === closure.unitId).length }))
      .filter(({ n }) => n > 0)
      .map(({ closure, n }) => ({
        module: "petitions",
        description: both(
          `${n} phản ánh, kiến nghị đang xử lý`,
          n === 1 ? "1 open petition" : `${n} open petitions`,
        ),
        fromUnitId: closure.unitId,
        toUnitIds: closure.successorIds,
      }));
    return { transfers, problems: [] };
  },
  async apply(tx, tenantId, closures, effectiveDate) {
    for (const closure of single(closures)) {
      const held = await openHeldBy(tx, tenantId, [closure.unitId]);
      if (held.length === 0) continue;
      const successor = closure.successorIds[0];
      await tx
        .update(petitions)
        .set({ assignedUnitId: successor, updatedAt: clock.now() })
        .where(
          inArray(
            petitions.id,
            held.map((p) => p.id),
          ),
        );
      for (const petition of held) {
        await recordEvent(tx, {
          tenantId,
          petitionId: petition.id,
          type: "transferred",
          actor: SYSTEM,
          fromUnitId: closure.unitId,
          toUnitId: successor,
          note: `${closure.unitName}: ${effectiveDate}`,
        });
      }
    }
  },
};

/** A unit that petitions name (as the commune, the handling unit or in a transfer) is not deleted. */
export const petitionUnitUsage: UnitUsageCheck = async (db, tenantId, unitId) => {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(petitions)
    .where(
      and(
        eq(petitions.tenantId, tenantId),
        or(eq(petitions.assignedUnitId, unitId), eq(petitions.communeId, unitId)),
      ),
    );
  return n > 0 ? both(`${n} phản ánh, kiến nghị`, n === 1 ? "1 petition" : `${n} petitions`) : null;
};

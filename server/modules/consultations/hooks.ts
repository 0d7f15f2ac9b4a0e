import { and, eq, gte, inArray, or, sql } from "drizzle-orm";
import { clock } from "../../lib/clock.ts";
import { both } from "../../lib/errors.ts";
import type { SuccessionHandler } from "../orgs/restructure.ts";
import type { UnitUsageCheck } from "../orgs/service.ts";
import { consultations } from "./tables.ts";

/** A unit that drafted a consultation is not deleted: its report names it. */
export const consultationUnitUsage: UnitUsageCheck = async (db, tenantId, unitId) => {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(consultations)
    .where(and(eq(consultations.tenantId, tenantId), eq(consultations.draftingUnitId, unitId)));
  return n > 0 ? both(`${n} dự thảo lấy ý kiến`, n === 1 ? "1 consultation" : `${n} consultations`) : null;
};

/**
 * A draft still being prepared or consulted on passes, with a unit that closes into exactly one
 * successor, to that successor, which will answer the comments and sign the report. Closed
 * consultations stay with the unit that ran them.
 */
export const consultationSuccession: SuccessionHandler = {
  module: "consultations",
  async plan(tx, tenantId, closures, effectiveDate) {
    const single = closures.filter((c) => c.successorIds.length === 1);
    if (single.length === 0) return { transfers: [], problems: [] };
    const rows = await running(
      tx,
      tenantId,
      single.map((c) => c.unitId),
      effectiveDate,
    );
    const transfers = single
      .map((closure) => ({ closure, n: rows.filter((r) => r.unitId === closure.unitId).length }))
      .filter(({ n }) => n > 0)
      .map(({ closure, n }) => ({
        module: "consultations",
        description: both(
          `${n} dự thảo đang lấy ý kiến`,
          n === 1 ? "1 consultation in progress" : `${n} consultations in progress`,
        ),
        fromUnitId: closure.unitId,
        toUnitIds: closure.successorIds,
      }));
    return { transfers, problems: [] };
  },
  async apply(tx, tenantId, closures, effectiveDate) {
    for (const closure of closures.filter((c) => c.successorIds.length === 1)) {
      const rows = await running(tx, tenantId, [closure.unitId], effectiveDate);
      if (rows.length === 0) continue;
      await tx
        .update(consultations)
        .set({ draftingUnitId: closure.successorIds[0], updatedAt: clock.now() })
        .where(
          inArray(
            consultations.id,
            rows.map((r) => r.id),
          ),
        );
    }
  },
};

type Db = Parameters<SuccessionHandler["plan"]>[0];

/** Drafts and consultations not closed on the effective date. */
function running(tx: Db, tenantId: string, unitIds: string[], day: string) {
  return tx
    .select({ id: consultations.id, unitId: consultations.draftingUnitId })
    .from(consultations)
    .where(
      and(
        eq(consultations.tenantId, tenantId),
        inArray(consultations.draftingUnitId, unitIds),
        or(eq(consultations.status, "draft"), gte(consultations.closesOn, day)),
      ),
    );
}

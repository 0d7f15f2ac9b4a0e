import type { Unit } from "../../../common/schemas/units.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { AppError } from "../../lib/errors.ts";
import { listUnits } from "../orgs/service.ts";

/**
 * The directory as dialogues and consultations need it, read through the orgs service in one
 * query: names, and the chain of parents that policies check grants against.
 */
export interface UnitIndex {
  unit(id: string): Unit | undefined;
  name(id: string): string;
  ancestors(id: string): string[];
  /** The unit exists and is in force on the day; else a 400 naming the field. */
  requireInForce(id: string, day: string, field: string): void;
}

export async function unitIndex(db: DbOrTx, tenantId: string): Promise<UnitIndex> {
  const all = await listUnits(db, tenantId, { limit: 100_000 });
  const byId = new Map(all.map((unit) => [unit.id, unit]));
  return {
    unit: (id) => byId.get(id),
    name: (id) => byId.get(id)?.name ?? "—",
    ancestors(id) {
      const chain: string[] = [];
      let current = byId.get(id);
      while (current && chain.length < 50) {
        chain.push(current.id);
        current = current.parentId ? byId.get(current.parentId) : undefined;
      }
      return chain;
    },
    requireInForce(id, day, field) {
      const unit = byId.get(id);
      const inForce =
        unit && (!unit.validFrom || unit.validFrom <= day) && (!unit.validTo || unit.validTo >= day);
      if (!inForce) throw new AppError(400, "civic_unit_unknown", {}, field);
    },
  };
}

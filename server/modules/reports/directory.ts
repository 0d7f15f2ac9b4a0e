import type { DbOrTx } from "../../db/connection.ts";
import { revisionsOn } from "../orgs/lineage.ts";
import { successionsOf } from "../orgs/public.ts";
import { listUnits } from "../orgs/service.ts";

/**
 * The directory as reports need it, read once per request: units with their types, parents and
 * validity, ancestors (for the policy), successors (who reports for a unit the plan named once
 * it closed), and names as of a date (a 2024 report shows the 2024 name).
 */
export interface ReportUnit {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface ReportDirectory {
  /** Every unit of the tenant, open and closed. */
  ids: string[];
  unit(id: string): ReportUnit | undefined;
  name(id: string): string;
  ancestors(id: string): string[];
  /** Units carrying a named unit's duties on a day: itself while in force, else its successors. */
  carriersOn(id: string, day: string): string[];
  predecessorsOf(id: string): string[];
}

const inForce = (unit: ReportUnit, day: string) =>
  (!unit.validFrom || unit.validFrom <= day) && (!unit.validTo || unit.validTo >= day);

export async function loadReportDirectory(db: DbOrTx, tenantId: string): Promise<ReportDirectory> {
  const all = await listUnits(db, tenantId);
  const byId = new Map<string, ReportUnit>(
    all.map((u) => [
      u.id,
      {
        id: u.id,
        name: u.name,
        type: u.type,
        parentId: u.parentId,
        validFrom: u.validFrom,
        validTo: u.validTo,
      },
    ]),
  );
  const successions = await successionsOf(db, tenantId);
  const successors = new Map<string, { to: string; since: string }[]>();
  const predecessors = new Map<string, string[]>();
  for (const s of successions) {
    successors.set(s.from, [...(successors.get(s.from) ?? []), { to: s.to, since: s.since }]);
    predecessors.set(s.to, [...(predecessors.get(s.to) ?? []), s.from]);
  }
  return {
    ids: [...byId.keys()],
    unit: (id) => byId.get(id),
    name: (id) => byId.get(id)?.name ?? id,
    ancestors(id) {
      const chain: string[] = [];
      for (let u = byId.get(id); u && chain.length < 50; u = u.parentId ? byId.get(u.parentId) : undefined) {
        chain.push(u.id);
      }
      return chain;
    },
    carriersOn(id, day) {
      const found = new Set<string>();
      const walk = (unitId: string, depth: number) => {
        const unit = byId.get(unitId);
        if (!unit || depth > 10) return;
        if (inForce(unit, day)) {
          found.add(unitId);
          return;
        }
        for (const next of successors.get(unitId) ?? []) if (next.since <= day) walk(next.to, depth + 1);
      };
      walk(id, 0);
      return [...found];
    },
    predecessorsOf: (id) => predecessors.get(id) ?? [],
  };
}

/** The names units had on a day (a rename since shows the old name for an old period). */
export async function namesOn(
  db: DbOrTx,
  tenantId: string,
  directory: ReportDirectory,
  ids: string[],
  day: string,
): Promise<Map<string, string>> {
  const revisions = await revisionsOn(db, tenantId, ids, day);
  return new Map(ids.map((id) => [id, revisions.get(id)?.name ?? directory.name(id)]));
}

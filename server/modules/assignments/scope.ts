import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/connection.ts";
import type { Actor } from "../auth/actor.ts";
import { may } from "../authorize.ts";
import { predecessorsOf } from "../orgs/lineage.ts";
import { listUnits } from "../orgs/service.ts";
import { type ScopeSpec, scopeSpec } from "./policy.ts";
import { assignments } from "./tables.ts";

/**
 * The one scope every read of an assignment goes through: lists, summaries, the matrix, the task
 * page, a single assignment, its updates and its evidence files. A row outside it is "not found".
 */

export interface UnitInfo {
  id: string;
  name: string;
  parentId: string | null;
  validTo: string | null;
}

export interface Directory {
  unit(id: string): UnitInfo | undefined;
  name(id: string): string;
  /** The unit and every unit above it. */
  ancestors(id: string): string[];
  childrenOf(id: string): string[];
}

export async function loadDirectory(db: DbOrTx, tenantId: string): Promise<Directory> {
  const all = await listUnits(db, tenantId);
  const byId = new Map<string, UnitInfo>(
    all.map((u) => [u.id, { id: u.id, name: u.name, parentId: u.parentId, validTo: u.validTo }]),
  );
  const children = new Map<string, string[]>();
  for (const unit of byId.values()) {
    if (!unit.parentId) continue;
    children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit.id]);
  }
  return {
    unit: (id) => byId.get(id),
    name: (id) => byId.get(id)?.name ?? id,
    ancestors(id) {
      const chain: string[] = [];
      for (
        let unit = byId.get(id);
        unit && chain.length < 50;
        unit = unit.parentId ? byId.get(unit.parentId) : undefined
      ) {
        chain.push(unit.id);
      }
      return chain;
    },
    childrenOf: (id) => children.get(id) ?? [],
  };
}

export interface Scope {
  actor: Actor;
  spec: ScopeSpec;
  directory: Directory;
}

export async function scopeFor(db: DbOrTx, actor: Actor): Promise<Scope> {
  const directory = await loadDirectory(db, actor.tenantId);
  if (may(actor, "assignments.readsAll")) {
    return { actor, directory, spec: scopeSpec(actor, { childrenOf: () => [], predecessorsOf: () => [] }) };
  }
  // The units this actor's units succeeded, fetched breadth first: a few units, a few events.
  const predecessors = new Map<string, string[]>();
  const own = scopeSpec(actor, { childrenOf: directory.childrenOf, predecessorsOf: () => [] }).unitIds;
  const queue = [...own];
  while (queue.length > 0 && predecessors.size < 5000) {
    const id = queue.shift()!;
    if (predecessors.has(id)) continue;
    const found = (await predecessorsOf(db, actor.tenantId, id)).map((p) => p.unitId);
    predecessors.set(id, found);
    queue.push(...found);
  }
  const spec = scopeSpec(actor, {
    childrenOf: directory.childrenOf,
    predecessorsOf: (id) => predecessors.get(id) ?? [],
  });
  return { actor, directory, spec };
}

const lead = alias(assignments, "lead_assignment");

/** The SQL form of the scope, to AND into any query over `assignments`. */
export function scopeCondition(scope: Scope): SQL {
  const { spec } = scope;
  const tenant = eq(assignments.tenantId, spec.tenantId);
  if (spec.all) return tenant;
  const visible = [...spec.unitIds, ...spec.archiveUnitIds];
  if (spec.unitIds.length === 0) return sql`false`;
  // Every assignment of a task one of the actor's units leads: the lead follows its partners.
  const leads = sql`EXISTS (SELECT 1 FROM ${assignments} AS ${sql.identifier("lead_assignment")} WHERE ${lead.planId} = ${assignments.planId}
    AND ${lead.itemCode} = ${assignments.itemCode} AND ${lead.role} = 'lead'
    AND ${lead.status} <> 'cancelled' AND ${inArray(lead.unitId, spec.unitIds)})`;
  return and(tenant, or(inArray(assignments.unitId, visible), leads))!;
}

/** Only the actor's own units (and those under them): "Việc của đơn vị". */
export function mineCondition(scope: Scope): SQL {
  const ids = scope.spec.all
    ? [...new Set(scope.actor.grants.flatMap((g) => [g.unitId, ...descendants(scope.directory, g.unitId)]))]
    : scope.spec.unitIds;
  return ids.length > 0 ? inArray(assignments.unitId, ids) : sql`false`;
}

function descendants(directory: Directory, id: string): string[] {
  const result: string[] = [];
  const walk = (unitId: string) => {
    for (const child of directory.childrenOf(unitId)) {
      result.push(child);
      walk(child);
    }
  };
  walk(id);
  return result;
}

/** Whether the actor may report on this assignment: its unit's own people, while it is open. */
export function canUpdate(scope: Scope, row: { tenantId: string; unitId: string }): boolean {
  return may(scope.actor, "assignments.update", {
    tenantId: row.tenantId,
    unitAncestorIds: scope.directory.ancestors(row.unitId),
  });
}

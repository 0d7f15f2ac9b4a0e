import type { Role } from "../../../common/enums.ts";
import { type Actor, covers, hasRole } from "../auth/actor.ts";

/**
 * Who may see and change assignments: pure functions of the actor, the directory and the
 * assignment, tested without a database. Deny by default; the tenant first.
 */

/** They see every assignment of the province; the supervisor (the Front) only reads. */
const READ_ALL: Role[] = ["admin", "coordinator", "leadership", "supervisor"];
/**
 * They report on their own unit's assignments (and those of units under it): the unit's staff,
 * the coordinator for Sở Nội vụ's own tasks, the Front and the media bodies for their own.
 */
const WRITERS: Role[] = ["unit_officer", "unit_leader", "coordinator", "supervisor", "media"];
const WEIGHT_EDITORS: Role[] = ["admin", "coordinator"];
/** Their home page lists the province's overdue assignments. */
const PROVINCE_WATCHERS: Role[] = ["coordinator", "leadership"];
/** Their home page lists their own units' assignments due soon or overdue. */
const UNIT_STAFF: Role[] = ["unit_officer", "unit_leader", "coordinator", "media"];

/** The directory as the scope needs it: units under a unit, and units a unit succeeded. */
export interface ScopeDirectory {
  childrenOf(unitId: string): readonly string[];
  predecessorsOf(unitId: string): readonly string[];
}

/**
 * What an actor may read, as data. `all`: the whole tenant. Otherwise `unitIds`: the units of
 * the actor's grants and every unit under them (their own assignments); `archiveUnitIds`: the
 * units those succeeded, however many events back (the history they inherited, read-only).
 * Besides, the SQL scope adds every assignment of a task one of `unitIds` leads (read-only).
 */
export interface ScopeSpec {
  tenantId: string;
  all: boolean;
  unitIds: string[];
  archiveUnitIds: string[];
}

export function scopeSpec(actor: Actor, directory: ScopeDirectory): ScopeSpec {
  if (hasRole(actor, ...READ_ALL)) {
    return { tenantId: actor.tenantId, all: true, unitIds: [], archiveUnitIds: [] };
  }
  const own = new Set<string>();
  const below = (id: string) => {
    if (own.has(id)) return;
    own.add(id);
    for (const child of directory.childrenOf(id)) below(child);
  };
  for (const grant of actor.grants) below(grant.unitId);
  const archive = new Set<string>();
  const back = (id: string) => {
    for (const predecessor of directory.predecessorsOf(id)) {
      if (own.has(predecessor) || archive.has(predecessor)) continue;
      archive.add(predecessor);
      back(predecessor);
    }
  };
  for (const id of own) back(id);
  return { tenantId: actor.tenantId, all: false, unitIds: [...own], archiveUnitIds: [...archive] };
}

export interface AssignmentResource {
  tenantId: string;
  /** The assignment's unit and every unit above it. */
  unitAncestorIds: readonly string[];
}

export const assignmentPolicy = {
  readsAll: (actor: Actor): boolean => hasRole(actor, ...READ_ALL),

  /** Report progress and change the status: only the assigned unit's own people. */
  update: (actor: Actor, assignment: AssignmentResource): boolean =>
    covers(actor, { tenantId: assignment.tenantId, unitAncestorIds: assignment.unitAncestorIds }, ...WRITERS),

  /** Set the weights of a plan's items in the rollup. */
  editWeights: (actor: Actor, plan: { tenantId: string }): boolean =>
    actor.tenantId === plan.tenantId && hasRole(actor, ...WEIGHT_EDITORS),
};

/** Who sees which assignments section on the home page (home.ts). */
export const HOME_ROLES = { province: PROVINCE_WATCHERS, units: UNIT_STAFF };

import type { Role } from "../../../common/enums.ts";
import { type Actor, covers, hasRole } from "../auth/actor.ts";

/**
 * Who may do what with a plan: pure functions of the actor and the plan, tested without a
 * database. Deny by default; the tenant is checked first.
 */

export interface PlanResource {
  tenantId: string;
  /** It has a published version (status published, or amending with version n still in force). */
  published: boolean;
  /** A unit's own plan (kế hoạch cụ thể) under a parent plan. */
  isSubPlan: boolean;
  /** The owner unit and every unit above it; empty for a plan without an owner unit. */
  ownerUnitAncestorIds: readonly string[];
}

export interface SubPlanTarget {
  tenantId: string;
  parentPublished: boolean;
  ownerUnitAncestorIds: readonly string[];
}

/** The coordinator and the administrator run the provincial plans (PRODUCT.md, roles). */
const PROVINCIAL_MANAGERS: Role[] = ["admin", "coordinator"];
/** A unit's staff run the unit's own sub-plan; the coordinator is Sở Nội vụ's staff too. */
const UNIT_MANAGERS: Role[] = ["unit_officer", "unit_leader", "coordinator"];

function managesUnit(actor: Actor, tenantId: string, ownerUnitAncestorIds: readonly string[]): boolean {
  if (ownerUnitAncestorIds.length === 0) return false;
  return covers(actor, { tenantId, unitAncestorIds: ownerUnitAncestorIds }, ...UNIT_MANAGERS);
}

function edit(actor: Actor, plan: PlanResource): boolean {
  if (actor.tenantId !== plan.tenantId) return false;
  if (!plan.isSubPlan) return hasRole(actor, ...PROVINCIAL_MANAGERS);
  return managesUnit(actor, plan.tenantId, plan.ownerUnitAncestorIds);
}

export const planPolicy = {
  /** Import a provincial plan (one without a parent). */
  importPlan: (actor: Actor): boolean => hasRole(actor, ...PROVINCIAL_MANAGERS),

  /** Import a unit's sub-plan: only under a published parent, only for a unit one manages. */
  importSubPlan: (actor: Actor, target: SubPlanTarget): boolean =>
    actor.tenantId === target.tenantId &&
    target.parentPublished &&
    managesUnit(actor, target.tenantId, target.ownerUnitAncestorIds),

  /** Correct the draft, resolve its mentions, publish it, open and publish amendments, link tasks. */
  edit,

  /** Published plans are read by every signed-in official; a draft only by those who may edit it. */
  read: (actor: Actor, plan: PlanResource): boolean =>
    actor.tenantId === plan.tenantId && (plan.published || edit(actor, plan)),

  /** The working tree (a draft, or an amendment in progress) is the editors' alone. */
  readWorking: edit,
};

/** The unit a sub-plan is filed for when none is named: the one unit the actor manages, if only one. */
export function ownUnitOf(actor: Actor): string | null {
  const ids = new Set(
    actor.grants.filter((grant) => UNIT_MANAGERS.includes(grant.role)).map((g) => g.unitId),
  );
  return ids.size === 1 ? [...ids][0] : null;
}

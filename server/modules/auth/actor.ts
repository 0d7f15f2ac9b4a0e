import { PROVINCE_WIDE_ROLES, type Role } from "../../../common/enums.ts";

/** A role held on a unit (and so on every unit below it). */
export interface Grant {
  role: Role;
  unitId: string;
}

/** The signed-in user as policies see it: who, in which tenant, with which grants. */
export interface Actor {
  kind: "user";
  userId: string;
  tenantId: string;
  username: string;
  displayName: string;
  grants: Grant[];
}

/** A unit-scoped resource: its tenant and the ids of its unit and every ancestor. */
export interface Scoped {
  tenantId: string;
  unitAncestorIds: readonly string[];
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.grants.some((grant) => roles.includes(grant.role));
}

export function isProvinceWide(actor: Actor): boolean {
  return actor.grants.some((grant) => PROVINCE_WIDE_ROLES.includes(grant.role));
}

/** True when one of the actor's grants with one of `roles` sits on the unit or an ancestor. */
export function covers(actor: Actor, resource: Scoped, ...roles: Role[]): boolean {
  if (actor.tenantId !== resource.tenantId) return false;
  return actor.grants.some(
    (grant) => roles.includes(grant.role) && resource.unitAncestorIds.includes(grant.unitId),
  );
}

export function actorLabel(actor: Actor): { userId: string; name: string } {
  return { userId: actor.userId, name: `${actor.displayName} (${actor.username})` };
}

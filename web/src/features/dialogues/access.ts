import type { RoleGrant } from "../../../../common/schemas/auth.ts";

/**
 * Whether the menu shows dialogues and consultations: the roles whose scope on the server
 * (`dialogues/policy.ts` and `consultations/policy.ts`, `scopeFor`) is not empty. What each
 * page then offers comes from the server's `actions`, never from here.
 */
const ROLES = new Set(["coordinator", "leadership", "supervisor", "unit_officer", "unit_leader"]);

export function seesCivic(roles: readonly RoleGrant[]): boolean {
  return roles.some((grant) => ROLES.has(grant.role));
}

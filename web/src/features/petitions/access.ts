/**
 * Which menu entries and buttons the petition screens offer, from the signed-in user's roles.
 * They mirror the server's policy (server/modules/petitions/policy.ts): `scopeFor` gives these
 * roles a scope, `petitionPolicy.intake` lets the receiving ones enter petitions. The server
 * still decides every request; a case's own actions come from its `allowed` list.
 */
const PETITION_ROLES = ["coordinator", "leadership", "supervisor", "unit_officer", "unit_leader"];
const INTAKE_ROLES = ["coordinator", "unit_officer", "unit_leader"];

export const seesPetitions = (roles: readonly { role: string }[]) =>
  roles.some((g) => PETITION_ROLES.includes(g.role));
export const entersPetitions = (roles: readonly { role: string }[]) =>
  roles.some((g) => INTAKE_ROLES.includes(g.role));

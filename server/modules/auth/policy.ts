import type { PermissionModule, Permissions } from "../../../common/schemas/permissions.ts";
import { auditPolicy } from "../audit/policy.ts";
import { type Actor, hasRole, isProvinceWide } from "./actor.ts";

/**
 * Accounts are this module's own, and the audit trail's part (the audit module's rule) is answered
 * beside them, as the manifest's `permissions` leaves both out; every other part comes from its module.
 */
type OtherModule = Exclude<PermissionModule, "users" | "audit">;

/**
 * Each module answers for its own part of the permissions, from its own policy; the auth module
 * only gathers them (it knows no other module's rules). The parts are registered where the
 * system starts, from the manifests (`permissions` in each module's index.ts).
 */
const registered = new Map<OtherModule, (actor: Actor) => unknown>();

export function registerPermissions<M extends OtherModule>(
  module: M,
  compute: (actor: Actor) => Permissions[M],
) {
  registered.set(module, compute);
}

/** Deny by default: a part no module has answered for allows nothing. */
function nothing(): Permissions {
  return {
    provinceWide: false,
    directory: { manage: false, export: false },
    users: { manage: false },
    audit: { read: false },
    plans: { import: false },
    petitions: { see: false, enter: false },
    dialogues: { see: false },
    consultations: { see: false },
    reports: { see: false, readAll: false, coordinate: false, ownUnitIds: [] },
    consolidation: { see: false },
    escalations: { see: false, raiseUnitIds: [] },
  };
}

/** Account policies: pure functions, tested without a database. */
export const userPolicy = {
  /** Create, change and lock accounts and grant their roles: the administrator. */
  manage: (actor: Actor) => hasRole(actor, "admin"),
};

/** What the web app may show, per module; it never re-derives these rules. */
export function permissionsFor(actor: Actor): Permissions {
  const out = nothing();
  for (const [module, compute] of registered) Object.assign(out, { [module]: compute(actor) });
  out.provinceWide = isProvinceWide(actor);
  out.users = { manage: userPolicy.manage(actor) };
  out.audit = { read: auditPolicy.read(actor) };
  return out;
}

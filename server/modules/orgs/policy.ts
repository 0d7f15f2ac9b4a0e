import { type Actor, hasRole } from "../auth/actor.ts";

/** Directory policies: pure functions of the actor (the directory is one per tenant). */
export const orgsPolicy = {
  /** Any signed-in official may read the directory: it names public bodies. */
  read: (actor: Actor) => actor.grants.length > 0 || actor.kind === "user",
  /** Only administrators change units and groups (PRODUCT.md, roles). */
  manage: (actor: Actor) => hasRole(actor, "admin"),
  export: (actor: Actor) => hasRole(actor, "admin", "coordinator", "leadership"),
};

import { type Actor, hasRole } from "../auth/actor.ts";

/** Who may read the audit trail: a pure function of the actor, tested without a database. */
export const auditPolicy = {
  /** The trail and its verification are the administrator's, as accounts are. */
  read: (actor: Actor) => hasRole(actor, "admin"),
};

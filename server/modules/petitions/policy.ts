import type { Role } from "../../../common/enums.ts";
import { type Actor, covers, hasRole } from "../auth/actor.ts";

/**
 * Who may see and do what with a petition: pure functions of the actor and the petition,
 * tested without a database. Deny by default; the tenant first.
 *
 * - The coordinator (Sở Nội vụ, the focal point) sees and handles every petition, with the
 *   petitioner's personal data.
 * - Leadership and the supervisor (MTTQ) see every petition, without personal data.
 * - A unit's officers and leaders see the petitions assigned to their unit or a unit below it,
 *   with personal data: they handle them. The leader approves the unit's answers.
 * - Nobody else sees any (the administrator manages accounts, not cases).
 */

export interface PetitionResource {
  tenantId: string;
  /** The assigned unit and its ancestors; empty while unassigned. */
  assignedUnitAncestorIds: readonly string[];
  status: string;
  kind: string;
  hasDraft: boolean;
}

const HANDLERS: Role[] = ["unit_officer", "unit_leader"];
const SEE_ALL: Role[] = ["coordinator", "leadership", "supervisor"];

/** What the staff list may show the actor: the SQL layer turns it into one WHERE clause. */
export type PetitionScope =
  | { kind: "none" }
  | { kind: "all" }
  /** Petitions assigned to one of these units or a unit below one of them. */
  | { kind: "units"; unitIds: string[] };

export function scopeFor(actor: Actor): PetitionScope {
  if (hasRole(actor, ...SEE_ALL)) return { kind: "all" };
  const unitIds = [
    ...new Set(actor.grants.filter((grant) => HANDLERS.includes(grant.role)).map((g) => g.unitId)),
  ];
  return unitIds.length > 0 ? { kind: "units", unitIds } : { kind: "none" };
}

const inTenant = (actor: Actor, petition: PetitionResource) => actor.tenantId === petition.tenantId;

function handles(actor: Actor, petition: PetitionResource, ...roles: Role[]): boolean {
  if (!inTenant(actor, petition) || petition.assignedUnitAncestorIds.length === 0) return false;
  return covers(
    actor,
    { tenantId: petition.tenantId, unitAncestorIds: petition.assignedUnitAncestorIds },
    ...roles,
  );
}

const isCoordinator = (actor: Actor, petition: PetitionResource) =>
  inTenant(actor, petition) && hasRole(actor, "coordinator");
const handlerOrCoordinator = (actor: Actor, petition: PetitionResource) =>
  isCoordinator(actor, petition) || handles(actor, petition, ...HANDLERS);

const OPEN = ["received", "assigned", "accepted"];
const isOpen = (petition: PetitionResource) => OPEN.includes(petition.status);
const needsAcceptance = (petition: PetitionResource) =>
  (petition.kind === "khieu-nai" || petition.kind === "to-cao") && petition.status === "assigned";

export type PetitionAction =
  | "assign"
  | "accept"
  | "extend"
  | "draftAnswer"
  | "approveAnswer"
  | "close"
  | "merge";

/** When the petition's state allows an action at all, whoever asks. */
const STATE: Record<PetitionAction, (petition: PetitionResource) => boolean> = {
  assign: isOpen,
  accept: needsAcceptance,
  extend: (p) => p.status === "assigned" || p.status === "accepted",
  draftAnswer: (p) => (p.status === "assigned" && !needsAcceptance(p)) || p.status === "accepted",
  approveAnswer: (p) => STATE.draftAnswer(p) && p.hasDraft,
  close: (p) => p.status === "answered",
  merge: isOpen,
};

/** Who may do it when the state allows. */
const ROLE: Record<PetitionAction, (actor: Actor, petition: PetitionResource) => boolean> = {
  /**
   * Send to a unit or transfer to another: the coordinator, or the unit that holds it (a unit
   * that is not competent passes it on, and the transfer is recorded).
   */
  assign: handlerOrCoordinator,
  /** Accept (thụ lý) or refuse a complaint or denunciation: the unit that holds it. */
  accept: (actor, p) => handles(actor, p, ...HANDLERS),
  /** Record an extension its head decided in writing. */
  extend: (actor, p) => handles(actor, p, ...HANDLERS),
  draftAnswer: (actor, p) => handles(actor, p, ...HANDLERS),
  /** The unit's leader approves, which publishes the answer and sends it to the citizen. */
  approveAnswer: (actor, p) => handles(actor, p, "unit_leader"),
  close: handlerOrCoordinator,
  merge: handlerOrCoordinator,
};

export const petitionPolicy = {
  /** Staff who receive letters, calls and visits enter petitions. */
  intake: (actor: Actor): boolean => hasRole(actor, "coordinator", ...HANDLERS),

  read: (actor: Actor, petition: PetitionResource): boolean =>
    inTenant(actor, petition) && (hasRole(actor, ...SEE_ALL) || handles(actor, petition, ...HANDLERS)),

  /** The petitioner's name, phone, e-mail, own words and attachments. */
  personalData: handlerOrCoordinator,

  /** One step on the petition: its state allows it and the actor may take it. */
  can: (
    actor: Actor,
    { action, petition }: { action: PetitionAction; petition: PetitionResource },
  ): boolean => STATE[action](petition) && ROLE[action](actor, petition),

  /** Merging needs the right to handle both: the duplicate and the one that survives. */
  merge: (
    actor: Actor,
    { duplicate, survivor }: { duplicate: PetitionResource; survivor: PetitionResource },
  ): boolean =>
    STATE.merge(duplicate) &&
    survivor.status !== "merged" &&
    ROLE.merge(actor, duplicate) &&
    ROLE.merge(actor, survivor),

  stats: (actor: Actor): boolean => scopeFor(actor).kind !== "none",
};

/** Why an action is refused: its state (409, say which) or the actor's role (403); null if allowed. */
export function refusal(
  action: PetitionAction,
  actor: Actor,
  petition: PetitionResource,
): "state" | "role" | null {
  if (!ROLE[action](actor, petition)) return "role";
  if (!STATE[action](petition)) return "state";
  return null;
}

/** The actions the web app may offer on a petition: it reads them, never re-derives them. */
export function allowedActions(actor: Actor, petition: PetitionResource): PetitionAction[] {
  return (Object.keys(STATE) as PetitionAction[]).filter((action) =>
    petitionPolicy.can(actor, { action, petition }),
  );
}

/** The petitions part of the signed-in user's permissions (the menus; a case's own come with it). */
export function petitionPermissions(actor: Actor) {
  return { see: petitionPolicy.stats(actor), enter: petitionPolicy.intake(actor) };
}

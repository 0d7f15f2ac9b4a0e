import type { Role } from "../../../common/enums.ts";
import type { ConsultationPhase } from "../../../common/schemas/consultations.ts";
import { type Actor, covers, hasRole } from "../auth/actor.ts";

/**
 * Who may see and do what with a public consultation: pure functions, tested without a
 * database. Deny by default; the tenant first.
 *
 * - The coordinator and the drafting agency's officers and leaders (the drafting unit or a unit
 *   above it) prepare the draft, publish it, moderate comments, answer them and produce the
 *   explanatory report.
 * - The supervisor (the Fatherland Front) and leadership read every consultation; the Front
 *   also enters its own written comments (social criticism, II.4, II.7), as units do for theirs.
 * - Any unit's staff may enter their unit's written comment on an open consultation.
 */

const HANDLERS: Role[] = ["unit_officer", "unit_leader"];
const READ_ALL: Role[] = ["coordinator", "leadership", "supervisor"];

export interface ConsultationResource {
  tenantId: string;
  draftingUnitAncestorIds: readonly string[];
  phase: ConsultationPhase;
}

export type ConsultationScope = { kind: "none" } | { kind: "all" } | { kind: "units"; unitIds: string[] };

export function scopeFor(actor: Actor): ConsultationScope {
  if (hasRole(actor, ...READ_ALL)) return { kind: "all" };
  const unitIds = [...new Set(actor.grants.filter((g) => HANDLERS.includes(g.role)).map((g) => g.unitId))];
  return unitIds.length > 0 ? { kind: "units", unitIds } : { kind: "none" };
}

const coordinator = (actor: Actor, tenantId: string) =>
  actor.tenantId === tenantId && hasRole(actor, "coordinator");
const drafts = (actor: Actor, tenantId: string, ancestorIds: readonly string[]) =>
  covers(actor, { tenantId, unitAncestorIds: ancestorIds }, ...HANDLERS);

export type ConsultationAction = "edit" | "publish" | "moderate" | "answer" | "comment" | "report";

const STATE: Record<ConsultationAction, (c: ConsultationResource) => boolean> = {
  edit: (c) => c.phase === "draft",
  publish: (c) => c.phase === "draft",
  moderate: (c) => c.phase !== "draft",
  answer: (c) => c.phase !== "draft",
  comment: (c) => c.phase === "open",
  report: (c) => c.phase !== "draft",
};

const manage = (actor: Actor, c: ConsultationResource) =>
  coordinator(actor, c.tenantId) || drafts(actor, c.tenantId, c.draftingUnitAncestorIds);

const ROLE: Record<ConsultationAction, (actor: Actor, c: ConsultationResource) => boolean> = {
  edit: manage,
  publish: manage,
  moderate: manage,
  answer: manage,
  report: manage,
  /** A written comment of a unit or of the Front, entered by its staff. */
  comment: (actor, c) =>
    actor.tenantId === c.tenantId && hasRole(actor, "coordinator", "supervisor", ...HANDLERS),
};

export const consultationPolicy = {
  /** Create a draft for a drafting unit (its ancestors given). */
  create: (actor: Actor, drafter: { tenantId: string; draftingUnitAncestorIds: readonly string[] }) =>
    coordinator(actor, drafter.tenantId) || drafts(actor, drafter.tenantId, drafter.draftingUnitAncestorIds),

  use: (actor: Actor) => scopeFor(actor).kind !== "none",

  /** Staff of any unit read published consultations (they may comment); drafts only their makers. */
  read: (actor: Actor, c: ConsultationResource) =>
    actor.tenantId === c.tenantId &&
    (hasRole(actor, ...READ_ALL) || manage(actor, c) || (c.phase !== "draft" && hasRole(actor, ...HANDLERS))),

  manage,

  /** Citizens' names and contacts: the drafting agency and the coordinator. */
  personalData: manage,

  /** One action on the consultation: its phase allows it and the actor may take it. */
  can: (
    actor: Actor,
    { action, consultation }: { action: ConsultationAction; consultation: ConsultationResource },
  ) => STATE[action](consultation) && ROLE[action](actor, consultation),
};

export function consultationRefusal(
  action: ConsultationAction,
  actor: Actor,
  c: ConsultationResource,
): "role" | "state" | null {
  if (!ROLE[action](actor, c)) return "role";
  if (!STATE[action](c)) return "state";
  return null;
}

export function consultationActions(actor: Actor, c: ConsultationResource): ConsultationAction[] {
  return (Object.keys(STATE) as ConsultationAction[]).filter((action) =>
    consultationPolicy.can(actor, { action, consultation: c }),
  );
}

/** The consultations part of the signed-in user's permissions; each one brings its own actions. */
export function consultationPermissions(actor: Actor) {
  return { see: consultationPolicy.use(actor) };
}

/** The phase shown: a published draft is upcoming before its opening day, closed after its last. */
export function phaseOf(status: string, opensOn: string, closesOn: string, today: string): ConsultationPhase {
  if (status !== "published") return "draft";
  if (today < opensOn) return "upcoming";
  if (today > closesOn) return "closed";
  return "open";
}

import type { Role } from "../../../common/enums.ts";
import type { CommitmentState, DialogueStatus } from "../../../common/schemas/dialogues.ts";
import { type Actor, covers, hasRole } from "../auth/actor.ts";

/**
 * Who may see and do what with dialogues and their commitments: pure functions of the actor and
 * the resource, tested without a database. Deny by default; the tenant first.
 *
 * - The coordinator (Sở Nội vụ) schedules and runs any dialogue of the province.
 * - A unit's officers and leaders schedule and run the dialogues their unit (or a unit below it)
 *   hosts, and close the commitments their unit owns.
 * - Leadership and the supervisor (the Front) read everything; they do not write.
 * - Nobody else sees any (the public sees the published part through the portal).
 */

const HANDLERS: Role[] = ["unit_officer", "unit_leader"];
const READ_ALL: Role[] = ["coordinator", "leadership", "supervisor"];

export interface DialogueResource {
  tenantId: string;
  hostUnitAncestorIds: readonly string[];
  status: DialogueStatus;
}

export interface CommitmentResource {
  tenantId: string;
  ownerUnitAncestorIds: readonly string[];
  dialogue: DialogueResource;
  status: "open" | "done";
}

export type DialogueScope = { kind: "none" } | { kind: "all" } | { kind: "units"; unitIds: string[] };

export function scopeFor(actor: Actor): DialogueScope {
  if (hasRole(actor, ...READ_ALL)) return { kind: "all" };
  const unitIds = [...new Set(actor.grants.filter((g) => HANDLERS.includes(g.role)).map((g) => g.unitId))];
  return unitIds.length > 0 ? { kind: "units", unitIds } : { kind: "none" };
}

const coordinator = (actor: Actor, tenantId: string) =>
  actor.tenantId === tenantId && hasRole(actor, "coordinator");
const handles = (actor: Actor, tenantId: string, ancestorIds: readonly string[]) =>
  covers(actor, { tenantId, unitAncestorIds: ancestorIds }, ...HANDLERS);

export type DialogueAction = "edit" | "moderate" | "answer" | "commit";

const STATE: Record<DialogueAction, (d: DialogueResource) => boolean> = {
  edit: () => true,
  moderate: (d) => d.status !== "cancelled",
  answer: (d) => d.status !== "cancelled",
  commit: (d) => d.status === "held",
};

export const dialoguePolicy = {
  /** Schedule a dialogue hosted by a unit (its ancestors given). */
  schedule: (actor: Actor, host: { tenantId: string; hostUnitAncestorIds: readonly string[] }) =>
    coordinator(actor, host.tenantId) || handles(actor, host.tenantId, host.hostUnitAncestorIds),

  /** The staff pages at all (the list; what it shows is scoped). */
  use: (actor: Actor) => scopeFor(actor).kind !== "none",

  read: (actor: Actor, d: DialogueResource) =>
    actor.tenantId === d.tenantId &&
    (hasRole(actor, ...READ_ALL) || handles(actor, d.tenantId, d.hostUnitAncestorIds)),

  manage: (actor: Actor, d: DialogueResource) =>
    coordinator(actor, d.tenantId) || handles(actor, d.tenantId, d.hostUnitAncestorIds),

  /** One action on the dialogue: its status allows it and the actor runs the dialogue. */
  can: (actor: Actor, { action, dialogue }: { action: DialogueAction; dialogue: DialogueResource }) =>
    STATE[action](dialogue) && dialoguePolicy.manage(actor, dialogue),

  /** Asker names and contacts: those who run the dialogue. */
  personalData: (actor: Actor, d: DialogueResource) => dialoguePolicy.manage(actor, d),
};

export function dialogueRefusal(
  action: DialogueAction,
  actor: Actor,
  d: DialogueResource,
): "role" | "state" | null {
  if (!dialoguePolicy.manage(actor, d)) return "role";
  if (!STATE[action](d)) return "state";
  return null;
}

export function dialogueActions(actor: Actor, d: DialogueResource): DialogueAction[] {
  return (Object.keys(STATE) as DialogueAction[]).filter((action) =>
    dialoguePolicy.can(actor, { action, dialogue: d }),
  );
}

/** The dialogues part of the signed-in user's permissions; each dialogue brings its own actions. */
export function dialoguePermissions(actor: Actor) {
  return { see: dialoguePolicy.use(actor) };
}

export const commitmentPolicy = {
  read: (actor: Actor, c: CommitmentResource) =>
    dialoguePolicy.read(actor, c.dialogue) || handles(actor, c.tenantId, c.ownerUnitAncestorIds),
  /** Close (with the closing note) or reopen: the owner unit, the dialogue's managers. */
  update: (actor: Actor, c: CommitmentResource) =>
    dialoguePolicy.manage(actor, c.dialogue) || handles(actor, c.tenantId, c.ownerUnitAncestorIds),
};

export function commitmentActions(actor: Actor, c: CommitmentResource): ("close" | "reopen")[] {
  if (!commitmentPolicy.update(actor, c)) return [];
  return c.status === "open" ? ["close"] : ["reopen"];
}

/** Open past its due date is overdue; the day itself is still in time. */
export function commitmentState(status: "open" | "done", dueDate: string, today: string): CommitmentState {
  if (status === "done") return "done";
  return dueDate < today ? "overdue" : "open";
}

/** Questions are taken from the portal while the dialogue is scheduled and has not begun. */
export function acceptsQuestions(status: DialogueStatus, startsAt: Date, now: Date): boolean {
  return status === "scheduled" && startsAt.getTime() > now.getTime();
}

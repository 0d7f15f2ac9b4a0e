import type { Role } from "../../../common/enums.ts";
import {
  ESCALATION_ACTIONS,
  type ESCALATION_STATUSES,
  type REPORT_ACTIONS,
  type REPORT_STATUSES,
} from "../../../common/schemas/reports.ts";
import { addDays } from "../../lib/calendar/index.ts";
import { type Actor, covers, hasRole } from "../auth/actor.ts";

/**
 * Who may see and do what with reports, periods and escalations: pure functions of the actor,
 * the report's unit (its ancestors), its status and the period's dates. Deny by default; the
 * tenant first. The server sends the allowed actions with each report; the web app only reads them.
 */

// The statuses and actions are the API's own lists (common/schemas/reports.ts).
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** They see every report of the province. */
const READ_ALL: Role[] = ["admin", "coordinator", "leadership", "supervisor"];
/** They draft their own unit's report (and send it for approval). */
const WRITERS: Role[] = ["unit_officer", "unit_leader", "coordinator", "supervisor", "media"];
/** The unit's leader approves and sends it (III.1: Giám đốc sở, Chủ tịch UBND huyện). */
const APPROVERS: Role[] = ["unit_leader"];
/** Sở Nội vụ, "cơ quan đầu mối" (III.2): receives, accepts or returns, reopens, configures. */
const COORDINATORS: Role[] = ["coordinator"];
/** They decide on escalations: the coordinator proposes, the provincial leadership decides. */
const DECIDERS: Role[] = ["coordinator", "leadership"];
/**
 * A unit's own people, its officers and leaders: the unit's report is theirs to write and send
 * ("my reports"), and they raise its difficulties and proposals.
 */
const UNIT_STAFF: Role[] = ["unit_officer", "unit_leader"];

export interface ReportResource {
  tenantId: string;
  /** The report's unit and every unit above it. */
  unitAncestorIds: readonly string[];
  status: ReportStatus;
}

export interface PeriodState {
  deadline: string;
  lockDays: number;
  /** The last day of a coordinator's reopening for this unit, if any. */
  reopenedUntil: string | null;
}

/** The day after which a period takes no more changes (its lock day is still open). */
export const lockDay = (period: Pick<PeriodState, "deadline" | "lockDays">) =>
  addDays(period.deadline, period.lockDays);

export function isLocked(period: Pick<PeriodState, "deadline" | "lockDays">, today: string): boolean {
  return today > lockDay(period);
}

/** Whether the unit may still change its report: before the lock, or within a reopening. */
export function isOpenFor(period: PeriodState, today: string): boolean {
  return !isLocked(period, today) || (period.reopenedUntil !== null && period.reopenedUntil >= today);
}

/** Sent after the deadline (days in Vietnam): late, never refused. */
export const isLate = (sentOn: string, deadline: string) => sentOn > deadline;

export const reportPolicy = {
  readsAll: (actor: Actor) => hasRole(actor, ...READ_ALL),
  read: (actor: Actor, r: Omit<ReportResource, "status">) =>
    actor.tenantId === r.tenantId && (hasRole(actor, ...READ_ALL) || covers(actor, r, ...WRITERS)),
  /** Writing for a unit: only its own people (a unit never reports for another unit). */
  write: (actor: Actor, r: Omit<ReportResource, "status">) => covers(actor, r, ...WRITERS),
  approve: (actor: Actor, r: Omit<ReportResource, "status">) => covers(actor, r, ...APPROVERS),
  coordinate: (actor: Actor, tenant: { tenantId: string }) =>
    actor.tenantId === tenant.tenantId && hasRole(actor, ...COORDINATORS),
  configure: (actor: Actor, tenant: { tenantId: string }) =>
    actor.tenantId === tenant.tenantId && hasRole(actor, "admin", ...COORDINATORS),
  decide: (actor: Actor, tenant: { tenantId: string }) =>
    actor.tenantId === tenant.tenantId && hasRole(actor, ...DECIDERS),
};

/** The units the actor works in as their own staff, in the order of the grants (a list, not a rule). */
export const staffUnitIds = (actor: Actor): string[] => [
  ...new Set(actor.grants.filter((g) => UNIT_STAFF.includes(g.role)).map((g) => g.unitId)),
];

/** The reports and escalations parts of the signed-in user's permissions. */
export function reportPermissions(actor: Actor) {
  const ownUnitIds = staffUnitIds(actor);
  const readAll = reportPolicy.readsAll(actor);
  return {
    see: readAll || ownUnitIds.length > 0,
    readAll,
    coordinate: reportPolicy.coordinate(actor, actor),
    ownUnitIds,
  };
}

export function escalationPermissions(actor: Actor) {
  const { see, ownUnitIds } = reportPermissions(actor);
  return { see, raiseUnitIds: ownUnitIds };
}

export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/** The steps of an escalation: the statuses each starts from and the one it leads to. */
type EscalationStep = { from: EscalationStatus[]; to: EscalationStatus };
export const ESCALATION_STEPS: Record<EscalationAction, EscalationStep> = {
  assign: { from: ["open"], to: "open" },
  decide: { from: ["open"], to: "decided" },
  close: { from: ["decided"], to: "closed" },
  reopen: { from: ["decided", "closed"], to: "open" },
};

/** The steps the actor may take on an escalation now: the deciders, from its status. */
export function escalationActions(
  actor: Actor,
  escalation: { tenantId: string; status: EscalationStatus },
): EscalationAction[] {
  if (!reportPolicy.decide(actor, escalation)) return [];
  return ESCALATION_ACTIONS.filter((action) => ESCALATION_STEPS[action].from.includes(escalation.status));
}

/** What each action needs: the statuses it starts from and who may take it. */
const TRANSITIONS: Record<
  Exclude<ReportAction, "edit" | "attach">,
  { from: ReportStatus[]; to: ReportStatus; who: "write" | "approve" | "coordinate"; needsOpen: boolean }
> = {
  submit: { from: ["draft"], to: "pending_approval", who: "write", needsOpen: true },
  send: { from: ["draft", "pending_approval"], to: "sent", who: "approve", needsOpen: false },
  withdraw: { from: ["pending_approval"], to: "draft", who: "write", needsOpen: true },
  receive: { from: ["sent"], to: "received", who: "coordinate", needsOpen: false },
  accept: { from: ["sent", "received"], to: "accepted", who: "coordinate", needsOpen: false },
  return: { from: ["sent", "received"], to: "returned", who: "coordinate", needsOpen: false },
};

export const transitionOf = (action: Exclude<ReportAction, "edit" | "attach">) => TRANSITIONS[action];

const EDITABLE: ReportStatus[] = ["draft", "returned"];

/** Why a change to the report is refused: not the actor's, not in an editable status, or locked. */
export type WriteRefusal = "forbidden" | "not_editable" | "locked";

/**
 * Whether the actor may change the report's content today (PUT): the unit's own people, while it
 * is a draft or returned (the leader also while it waits for approval), before the period's lock
 * or within a reopening. null: they may.
 */
export function editRefusal(
  actor: Actor,
  report: ReportResource,
  period: PeriodState,
  today: string,
): WriteRefusal | null {
  if (!reportPolicy.write(actor, report)) return "forbidden";
  const editable =
    EDITABLE.includes(report.status) ||
    (report.status === "pending_approval" && reportPolicy.approve(actor, report));
  if (!editable) return "not_editable";
  if (!isOpenFor(period, today)) return "locked";
  return null;
}

/**
 * Whether the actor may attach a signed scan today: whenever they may edit the report, and the
 * unit's leader also once it is sent (the paper they signed). Never on a report submitted to the
 * leader (for the officer), received, accepted, or in a locked period.
 */
export function attachRefusal(
  actor: Actor,
  report: ReportResource,
  period: PeriodState,
  today: string,
): WriteRefusal | null {
  if (report.status === "sent" && reportPolicy.approve(actor, report)) return null;
  if (!reportPolicy.write(actor, report) && !reportPolicy.approve(actor, report)) return "forbidden";
  return editRefusal(actor, report, period, today);
}

function may(actor: Actor, report: ReportResource, who: "write" | "approve" | "coordinate") {
  if (who === "coordinate") return reportPolicy.coordinate(actor, report);
  return who === "write" ? reportPolicy.write(actor, report) : reportPolicy.approve(actor, report);
}

/**
 * The actions the actor may take on the report today. Sending is never refused for lateness
 * (a report sent after the deadline, even after the lock, is kept and marked late); changing
 * the content after the lock needs the coordinator's reopening for the unit.
 */
export function allowedActions(
  actor: Actor,
  report: ReportResource,
  period: PeriodState,
  today: string,
): ReportAction[] {
  if (!reportPolicy.read(actor, report)) return [];
  const open = isOpenFor(period, today);
  const actions: ReportAction[] = [];
  if (editRefusal(actor, report, period, today) === null) actions.push("edit");
  if (attachRefusal(actor, report, period, today) === null) actions.push("attach");
  for (const [action, rule] of Object.entries(TRANSITIONS) as [
    keyof typeof TRANSITIONS,
    (typeof TRANSITIONS)[keyof typeof TRANSITIONS],
  ][]) {
    if (!rule.from.includes(report.status)) continue;
    if (rule.needsOpen && !open) continue;
    if (may(actor, report, rule.who)) actions.push(action);
  }
  return actions;
}

import type {
  AssignmentRole,
  AssignmentState,
  AssignmentStatus,
  Classification,
  Counts,
  RequestedCounts,
} from "../../../common/schemas/assignments.ts";
import { AppError } from "../../lib/errors.ts";

/**
 * The status rules, pure: what is shown, what is overdue, how the Government Office classes a
 * tracked task, what an assignment scores in a rollup, and which changes are allowed.
 */

export const OPEN_STATUSES: readonly AssignmentStatus[] = ["not_started", "in_progress", "paused"];
export const isOpen = (status: string) => OPEN_STATUSES.includes(status as AssignmentStatus);

/** Cancelled and transferred rows are records of the past: they count nowhere. */
export const isCounted = (status: string) => status !== "cancelled" && status !== "transferred";

/**
 * An occurrence whose period has not begun is not yet tracked (next year's report must not
 * count as "within the deadline" today), unless it was completed already.
 */
export const isActive = (row: { status: string; startsOn: string | null }, today: string) =>
  !row.startsOn || row.startsOn <= today || row.status === "completed";

export interface StatusFacts {
  status: string;
  role: string;
  dueDate: string | null;
  completedOn: string | null;
  /** Made for a plan recorded after it was published, already past due that day (sync.ts). */
  historical?: boolean;
}

export function stateOf(row: StatusFacts): AssignmentState {
  if (
    row.status === "completed" &&
    !row.historical &&
    row.dueDate &&
    row.completedOn &&
    row.completedOn > row.dueDate
  ) {
    return "completed_late";
  }
  return row.status as AssignmentState;
}

/**
 * Overdue: still open after its due date. Never for a requested body (the issuer cannot order
 * the Front or a Party body), never without a due date, never for a historical one (its deadline
 * had passed before the plan was recorded here: not late against today).
 */
export function isOverdue(row: StatusFacts, today: string): boolean {
  return (
    isOpen(row.status) &&
    row.role !== "requested" &&
    !row.historical &&
    row.dueDate !== null &&
    row.dueDate < today
  );
}

/** The four classes; null for what is not classified (requested, historical, cancelled, transferred). */
export function classify(row: StatusFacts, today: string): Classification | null {
  if (row.role === "requested" || row.historical || !isCounted(row.status)) return null;
  if (row.status === "completed")
    return stateOf(row) === "completed_late" ? "completed_late" : "completed_on_time";
  return isOverdue(row, today) ? "open_overdue" : "open_within_deadline";
}

export const emptyCounts = (): Counts => ({
  completed_on_time: 0,
  completed_late: 0,
  open_within_deadline: 0,
  open_overdue: 0,
});
export const emptyRequested = (): RequestedCounts => ({ completed: 0, open: 0 });

/** Adds one row to the counts it belongs to (requested ones apart). */
export function tally(
  counts: Counts,
  requested: RequestedCounts,
  row: StatusFacts & { startsOn: string | null },
  today: string,
) {
  if (!isCounted(row.status) || !isActive(row, today) || row.historical) return;
  if (row.role === "requested") {
    if (row.status === "completed") requested.completed++;
    else requested.open++;
    return;
  }
  counts[classify(row, today)!]++;
}

export const ROLLUP_RULE =
  "weighted mean of children (weights 1 unless the coordinator set them); a task is the mean of its units' assignments: completed = 100, in progress = the latest reported percent or 50 when none was reported, paused = the latest reported percent or 0, not started = 0; requested bodies, cancelled and transferred assignments, and occurrences whose period has not begun (unless completed) are left out";

/** What one assignment scores in a rollup (ROLLUP_RULE), or null when it does not count. */
export function scoreOf(row: { status: string; role: string; percent: number | null }): number | null {
  if (row.role === "requested" || !isCounted(row.status)) return null;
  switch (row.status) {
    case "completed":
      return 100;
    case "in_progress":
      return row.percent ?? 50;
    case "paused":
      return row.percent ?? 0;
    default:
      return 0;
  }
}

const ALLOWED: Record<string, readonly AssignmentStatus[]> = {
  not_started: ["in_progress", "paused", "completed"],
  in_progress: ["paused", "completed"],
  paused: ["in_progress", "completed"],
};

/** Refuses a change a closed assignment cannot take, a change to the same status, a pause without reason. */
export function checkTransition(from: string, to: AssignmentStatus, reason: string | undefined) {
  if (!isOpen(from)) throw new AppError(409, "assignment_closed", { status: from });
  if (!ALLOWED[from]?.includes(to)) throw new AppError(409, "assignment_transition", { from, to });
  if (to === "paused" && !reason) throw new AppError(400, "assignment_pause_reason", {}, "reason");
}

export const ROLE_PRECEDENCE: readonly AssignmentRole[] = [
  "lead",
  "implementing",
  "coordinating",
  "requested",
];

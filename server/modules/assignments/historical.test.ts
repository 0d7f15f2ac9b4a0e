import { describe, expect, it } from "vitest";
import { classify, emptyCounts, emptyRequested, isOverdue, stateOf, tally } from "./status.ts";

/** Assignments of a plan recorded after it was published, already past due that day. */
describe("historical assignments", () => {
  const today = "2026-03-10";
  const open = {
    status: "not_started",
    role: "lead",
    dueDate: "2025-06-30",
    completedOn: null,
    startsOn: null,
  };

  it("are never overdue, and count in none of the four classes", () => {
    expect(isOverdue(open, today)).toBe(true);
    expect(isOverdue({ ...open, historical: true }, today)).toBe(false);
    expect(classify({ ...open, historical: true }, today)).toBeNull();
    const counts = emptyCounts();
    tally(counts, emptyRequested(), { ...open, historical: true }, today);
    expect(counts).toEqual(emptyCounts());
  });

  it("are not completed late when reported done today", () => {
    const done = { ...open, status: "completed", completedOn: today };
    expect(stateOf(done)).toBe("completed_late");
    expect(stateOf({ ...done, historical: true })).toBe("completed");
  });
});

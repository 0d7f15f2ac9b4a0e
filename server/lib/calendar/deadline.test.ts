import { describe, expect, it } from "vitest";
import { computeDeadline, DEADLINE_RULES } from "./deadline.ts";
import { createWorkingCalendar } from "./working-days.ts";

describe("computeDeadline", () => {
  it("counts calendar days from the day after the start", () => {
    // Luật Khiếu nại 2011, Điều 27: 10 days to accept — received Monday 03/03/2025.
    const deadline = computeDeadline({ start: "2025-03-03", amount: 10, unit: "calendar-days" });
    expect(deadline).toEqual({
      due: "2025-03-13",
      counted: "2025-03-13",
      movedToWorkingDay: false,
      basis: [DEADLINE_RULES.startDayNotCounted.basis],
    });
  });

  it("moves a calendar-day deadline off a weekend (Bộ luật Dân sự 2015, Điều 148 khoản 5)", () => {
    const deadline = computeDeadline({ start: "2025-03-05", amount: 10, unit: "calendar-days" });
    expect(deadline.counted).toBe("2025-03-15");
    expect(deadline.due).toBe("2025-03-17");
    expect(deadline.movedToWorkingDay).toBe(true);
    expect(deadline.basis.join(" ")).toContain("Điều 148 khoản 5");
  });

  it("moves a calendar-day deadline past the whole Tết break", () => {
    const deadline = computeDeadline({ start: "2025-01-01", amount: 30, unit: "calendar-days" });
    expect(deadline.counted).toBe("2025-01-31");
    expect(deadline.due).toBe("2025-02-03");
  });

  it("keeps the counted day when the governing law says so", () => {
    const deadline = computeDeadline({
      start: "2025-01-01",
      amount: 30,
      unit: "calendar-days",
      endOnWorkingDay: false,
    });
    expect(deadline.due).toBe("2025-01-31");
    expect(deadline.movedToWorkingDay).toBe(false);
  });

  it("counts working days across Tết and weekends", () => {
    const deadline = computeDeadline({ start: "2025-01-23", amount: 3, unit: "working-days" });
    expect(deadline.due).toBe("2025-02-04");
    expect(deadline.movedToWorkingDay).toBe(false);
  });

  it("uses the calendar it is given", () => {
    const sundayOnly = createWorkingCalendar({ weekend: { days: [0], basis: "Nội quy thử nghiệm" } });
    const deadline = computeDeadline({ start: "2025-03-05", amount: 10, unit: "calendar-days" }, sundayOnly);
    expect(deadline.due).toBe("2025-03-15");
  });

  it("refuses bad input", () => {
    expect(() => computeDeadline({ start: "2025-03-05", amount: -1, unit: "calendar-days" })).toThrow(
      RangeError,
    );
    expect(() => computeDeadline({ start: "2025-03-05", amount: 2.5, unit: "working-days" })).toThrow(
      RangeError,
    );
    expect(() => computeDeadline({ start: "05/03/2025", amount: 2, unit: "working-days" })).toThrow(
      RangeError,
    );
    expect(() =>
      computeDeadline({ start: "2025-03-05", amount: 2, unit: "weeks" as unknown as "working-days" }),
    ).toThrow(RangeError);
  });
});

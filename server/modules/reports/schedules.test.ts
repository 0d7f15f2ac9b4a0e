import { describe, expect, it } from "vitest";
import { periodOf } from "./schedules.ts";

const schedule = (values: { day: number | null; month?: number | null; monthsAfter?: number | null }) => ({
  deadlineDay: values.day,
  deadlineMonth: values.month ?? null,
  deadlineMonthsAfter: values.monthsAfter ?? null,
  clause: null,
});

describe("a schedule's deadline in each period", () => {
  it("counts a day of the period's last month by default (trước ngày 20 của tháng cuối quý)", () => {
    const deadlines = [1, 2, 3, 4].map(
      (index) => periodOf(schedule({ day: 20 }), { frequency: "quarterly", year: 2026, index }).deadline,
    );
    expect(deadlines).toEqual(["2026-03-20", "2026-06-20", "2026-09-20", "2026-12-20"]);
  });

  it("puts a day of the month after the period in that month (ngày 5 của tháng đầu quý sau)", () => {
    const deadlines = [1, 2, 3, 4].map(
      (index) =>
        periodOf(schedule({ day: 5, month: 1, monthsAfter: 1 }), {
          frequency: "quarterly",
          year: 2026,
          index,
        }).deadline,
    );
    expect(deadlines).toEqual(["2026-04-05", "2026-07-05", "2026-10-05", "2027-01-05"]);
  });

  it("falls back to the period's default deadline when the plan gives no day", () => {
    const { deadline, source } = periodOf(schedule({ day: null }), {
      frequency: "yearly",
      year: 2024,
      index: 1,
    });
    expect(source).toBe("default");
    expect(deadline).toMatch(/^2024-12-/);
  });
});

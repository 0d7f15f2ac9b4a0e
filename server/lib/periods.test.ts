import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWorkingCalendar } from "./calendar/index.ts";
import { addDays, fromEpochDay, toEpochDay } from "./calendar/iso-date.ts";
import {
  parsePeriodKey,
  periodContaining,
  periodKey,
  periodLabel,
  periodsIntersecting,
  type ReportingFrequency,
  reportingPeriod,
  shift,
} from "./periods.ts";

describe("data windows (Nghị định 09/2019/NĐ-CP, Điều 12)", () => {
  it("yearly: 15/12 of the previous year to 14/12", () => {
    const period = reportingPeriod("2024");
    expect(period.window).toEqual({ start: "2023-12-15", end: "2024-12-14" });
    expect(period.label).toEqual({ vi: "Năm 2024", en: "Year 2024" });
  });

  it("half-yearly: 15/12–14/6 and 15/6–14/12", () => {
    expect(reportingPeriod("2024-H1").window).toEqual({ start: "2023-12-15", end: "2024-06-14" });
    expect(reportingPeriod("2024-H2").window).toEqual({ start: "2024-06-15", end: "2024-12-14" });
    expect(reportingPeriod("2024-H1").label).toEqual({
      vi: "6 tháng đầu năm 2024",
      en: "First half of 2024",
    });
    expect(reportingPeriod("2024-H2").label.vi).toBe("6 tháng cuối năm 2024");
  });

  it("quarterly: the 15th of the month before the quarter to the 14th of its last month", () => {
    expect(reportingPeriod("2024-Q1").window).toEqual({ start: "2023-12-15", end: "2024-03-14" });
    expect(reportingPeriod("2024-Q2").window).toEqual({ start: "2024-03-15", end: "2024-06-14" });
    expect(reportingPeriod("2024-Q3").window).toEqual({ start: "2024-06-15", end: "2024-09-14" });
    expect(reportingPeriod("2024-Q4").window).toEqual({ start: "2024-09-15", end: "2024-12-14" });
    expect(reportingPeriod("2024-Q2").label).toEqual({ vi: "Quý II/2024", en: "Q2 2024" });
    expect(periodLabel(parsePeriodKey("2024-Q4")).vi).toBe("Quý IV/2024");
  });

  it("monthly: the 15th of the previous month to the 14th", () => {
    expect(reportingPeriod("2024-03").window).toEqual({ start: "2024-02-15", end: "2024-03-14" });
    expect(reportingPeriod("2024-01").window).toEqual({ start: "2023-12-15", end: "2024-01-14" });
    expect(reportingPeriod("2024-03").label).toEqual({ vi: "Tháng 3/2024", en: "March 2024" });
  });

  it("windows of consecutive periods tile the calendar without gap or overlap", () => {
    const frequencies: ReportingFrequency[] = ["monthly", "quarterly", "half-yearly", "yearly"];
    for (const frequency of frequencies) {
      let period = reportingPeriod({ frequency, year: 2023, index: 1 });
      for (let i = 0; i < 30; i++) {
        const next = reportingPeriod(shift(period, 1));
        expect(next.window.start, next.key).toBe(addDays(period.window.end, 1));
        period = next;
      }
    }
  });
});

describe("deadlines", () => {
  it("default: the working day after the cut-off", () => {
    expect(reportingPeriod("2025-04").deadline).toBe("2025-04-15"); // cut-off Monday 14/4
    expect(reportingPeriod("2024").deadline).toBe("2024-12-16"); // cut-off Saturday 14/12
    expect(reportingPeriod("2025-H1").deadline).toBe("2025-06-16"); // cut-off Saturday 14/6
    // Cut-off Saturday 14/02/2026 opens the Tết break (14–22/02).
    expect(reportingPeriod("2026-02").deadline).toBe("2026-02-23");
    const period = reportingPeriod("2024-Q2");
    expect(period.deadlineSource).toBe("default");
    expect(period.deadlineBeforeCutOff).toBe(false);
    expect(period.basis.join(" ")).toContain("Điều 12");
  });

  it("the offset in working days is configurable", () => {
    expect(reportingPeriod("2024", { deadlineOffsetWorkingDays: 3 }).deadline).toBe("2024-12-18");
    expect(() => reportingPeriod("2024", { deadlineOffsetWorkingDays: 0 })).toThrow(RangeError);
  });

  it("uses the working calendar it is given", () => {
    const sundayOnly = createWorkingCalendar({ weekend: { days: [0], basis: "Nội quy thử nghiệm" } });
    // Cut-off Friday 14/03/2025: Monday by default, Saturday where Saturday is worked.
    expect(reportingPeriod("2025-03").deadline).toBe("2025-03-17");
    expect(reportingPeriod("2025-03", { calendar: sundayOnly }).deadline).toBe("2025-03-15");
  });

  it("a plan's own day ('trước ngày 10/12 hằng năm') replaces the deadline, not the window", () => {
    const clause = "định kỳ trước ngày 10/12 hằng năm";
    const period = reportingPeriod("2024", { planDeadline: { day: 10, clause } });
    expect(period.deadline).toBe("2024-12-10");
    expect(period.deadlineSource).toBe("plan");
    expect(period.defaultDeadline).toBe("2024-12-16");
    expect(period.window).toEqual({ start: "2023-12-15", end: "2024-12-14" });
    expect(period.window).toEqual(period.defaultWindow);
    expect(period.windowSource).toBe("default");
    expect(period.deadlineBeforeCutOff).toBe(true);
    expect(period.basis.join(" ")).toContain(clause);
  });

  it("a plan's day can fall in the month after the period", () => {
    // "Báo cáo quý gửi trước ngày 05 của tháng đầu quý sau."
    const period = reportingPeriod("2024-Q4", { planDeadline: { day: 5, monthOffset: 1 } });
    expect(period.deadline).toBe("2025-01-05");
    expect(period.deadlineBeforeCutOff).toBe(false);
    // A day the month lacks becomes its last day.
    expect(reportingPeriod("2025-02", { planDeadline: { day: 31 } }).deadline).toBe("2025-02-28");
  });

  it("a plan's cut-off moves the window, and the default deadline with it", () => {
    const period = reportingPeriod("2024", { planCutOff: { day: 30, monthOffset: -1 } });
    expect(period.window).toEqual({ start: "2023-12-01", end: "2024-11-30" });
    expect(period.defaultWindow).toEqual({ start: "2023-12-15", end: "2024-12-14" });
    expect(period.windowSource).toBe("plan");
    expect(period.defaultDeadline).toBe("2024-12-02");
  });
});

describe("finding periods", () => {
  it("the period a date belongs to, across year boundaries", () => {
    expect(periodContaining("yearly", "2024-12-14").key).toBe("2024");
    expect(periodContaining("yearly", "2024-12-15").key).toBe("2025");
    expect(periodContaining("half-yearly", "2024-06-15").key).toBe("2024-H2");
    expect(periodContaining("half-yearly", "2024-12-20").key).toBe("2025-H1");
    expect(periodContaining("quarterly", "2024-03-14").key).toBe("2024-Q1");
    expect(periodContaining("quarterly", "2024-03-15").key).toBe("2024-Q2");
    expect(periodContaining("quarterly", "2023-12-31").key).toBe("2024-Q1");
    expect(periodContaining("monthly", "2024-12-15").key).toBe("2025-01");
    expect(periodContaining("monthly", "2024-01-01").key).toBe("2024-01");
  });

  it("every date lies in the window of the period found for it", () => {
    const day = fc
      .integer({ min: toEpochDay("2000-01-01"), max: toEpochDay("2060-12-31") })
      .map(fromEpochDay);
    const frequency = fc.constantFrom<ReportingFrequency>("monthly", "quarterly", "half-yearly", "yearly");
    fc.assert(
      fc.property(frequency, day, (f, d) => {
        const { window } = periodContaining(f, d);
        return window.start <= d && d <= window.end;
      }),
      { numRuns: 300 },
    );
  });

  it("lists the periods that intersect a date range", () => {
    expect(periodsIntersecting("quarterly", "2024-01-01", "2024-12-31").map((p) => p.key)).toEqual([
      "2024-Q1",
      "2024-Q2",
      "2024-Q3",
      "2024-Q4",
      "2025-Q1",
    ]);
    expect(periodsIntersecting("monthly", "2024-03-14", "2024-03-15").map((p) => p.key)).toEqual([
      "2024-03",
      "2024-04",
    ]);
    expect(periodsIntersecting("yearly", "2024-06-01", "2024-06-01").map((p) => p.key)).toEqual(["2024"]);
    expect(() => periodsIntersecting("yearly", "2024-06-02", "2024-06-01")).toThrow(RangeError);
  });
});

describe("period keys", () => {
  it("parse and print", () => {
    expect(parsePeriodKey("2024")).toEqual({ frequency: "yearly", year: 2024, index: 1 });
    expect(parsePeriodKey("2024-H1")).toEqual({ frequency: "half-yearly", year: 2024, index: 1 });
    expect(parsePeriodKey("2024-Q2")).toEqual({ frequency: "quarterly", year: 2024, index: 2 });
    expect(parsePeriodKey("2024-03")).toEqual({ frequency: "monthly", year: 2024, index: 3 });
    for (const key of ["2024", "2024-H2", "2024-Q4", "2024-12"])
      expect(periodKey(parsePeriodKey(key))).toBe(key);
    expect(shift(parsePeriodKey("2024-12"), 1)).toEqual({ frequency: "monthly", year: 2025, index: 1 });
    expect(shift(parsePeriodKey("2024-Q1"), -1)).toEqual({ frequency: "quarterly", year: 2023, index: 4 });
  });

  it("refuse nonsense", () => {
    for (const key of ["2024-Q5", "2024-H3", "2024-13", "2024-3", "24-Q1", "2024-00", ""]) {
      expect(() => parsePeriodKey(key), key).toThrow(RangeError);
    }
  });
});

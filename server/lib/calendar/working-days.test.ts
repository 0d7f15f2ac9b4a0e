import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, fromEpochDay, todayInVietnam, toEpochDay, weekday } from "./iso-date.ts";
import { createWorkingCalendar, defaultWorkingCalendar } from "./working-days.ts";

const calendar = createWorkingCalendar();

describe("addWorkingDays", () => {
  it("does not count the start day (Bộ luật Dân sự 2015, Điều 147)", () => {
    expect(calendar.addWorkingDays("2025-03-10", 1)).toBe("2025-03-11");
    expect(calendar.addWorkingDays("2025-03-10", 0)).toBe("2025-03-10");
  });

  it("skips weekends", () => {
    expect(calendar.addWorkingDays("2025-03-14", 1)).toBe("2025-03-17"); // Friday → Monday
    expect(calendar.addWorkingDays("2025-03-15", 1)).toBe("2025-03-17"); // from a Saturday
    expect(calendar.addWorkingDays("2025-03-10", 10)).toBe("2025-03-24");
  });

  it("skips the Tết break", () => {
    expect(calendar.addWorkingDays("2025-01-24", 1)).toBe("2025-02-03");
    // 21–24/01 are four; 03/02–10/02 the other six.
    expect(calendar.addWorkingDays("2025-01-20", 10)).toBe("2025-02-10");
    expect(calendar.addWorkingDays("2026-02-13", 1)).toBe("2026-02-23");
  });

  it("crosses the year boundary", () => {
    expect(calendar.addWorkingDays("2024-12-31", 1)).toBe("2025-01-02");
    expect(calendar.addWorkingDays("2025-12-31", 1)).toBe("2026-01-05");
    // Saturday 10/01/2026 is a compensating workday.
    expect(calendar.addWorkingDays("2026-01-09", 1)).toBe("2026-01-10");
    // 29–31/12, then 05/01 and 06/01.
    expect(calendar.addWorkingDays("2025-12-26", 5)).toBe("2026-01-06");
  });

  it("counts backwards with a negative n", () => {
    expect(calendar.addWorkingDays("2025-02-03", -1)).toBe("2025-01-24");
    expect(calendar.addWorkingDays("2026-01-05", -1)).toBe("2025-12-31");
  });

  it("refuses a fractional count", () => {
    expect(() => calendar.addWorkingDays("2025-03-10", 1.5)).toThrow(RangeError);
  });
});

describe("other helpers", () => {
  it("workingDaysBetween counts (a, b]", () => {
    expect(calendar.workingDaysBetween("2025-03-10", "2025-03-10")).toBe(0);
    expect(calendar.workingDaysBetween("2025-03-10", "2025-03-17")).toBe(5);
    expect(calendar.workingDaysBetween("2025-01-24", "2025-02-03")).toBe(1);
    expect(calendar.workingDaysBetween("2025-03-17", "2025-03-10")).toBe(-5);
    // 2025: 365 days, 104 weekend days, 12 weekday days off, one Saturday worked.
    expect(calendar.workingDaysBetween("2024-12-31", "2025-12-31")).toBe(365 - 104 - 12 + 1);
  });

  it("addCalendarDays, nextWorkingDayOnOrAfter, previousWorkingDayOnOrBefore", () => {
    expect(calendar.addCalendarDays("2024-02-28", 2)).toBe("2024-03-01");
    expect(calendar.nextWorkingDayOnOrAfter("2025-01-27")).toBe("2025-02-03");
    expect(calendar.nextWorkingDayOnOrAfter("2025-03-10")).toBe("2025-03-10");
    expect(calendar.previousWorkingDayOnOrBefore("2025-02-02")).toBe("2025-01-24");
  });

  it("describes a day with its reason and basis", () => {
    expect(calendar.describeDay("2025-04-30")).toMatchObject({
      date: "2025-04-30",
      working: false,
      reason: "holiday",
      name: { vi: "Ngày Chiến thắng" },
    });
    expect(calendar.describeDay("2025-03-15")).toMatchObject({ working: false, reason: "weekend" });
    expect(calendar.describeDay("2025-03-10")).toEqual({
      date: "2025-03-10",
      working: true,
      reason: "weekday",
    });
  });

  it("todayInVietnam reads the date at UTC+7", () => {
    expect(todayInVietnam(new Date("2024-12-31T16:59:59Z"))).toBe("2024-12-31");
    expect(todayInVietnam(new Date("2024-12-31T17:00:00Z"))).toBe("2025-01-01");
    expect(todayInVietnam(new Date("2025-06-30T23:30:00-05:00"))).toBe("2025-07-01");
    expect(() => todayInVietnam(new Date("nonsense"))).toThrow(RangeError);
  });

  it("date arithmetic stays on whole days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-03-30", 1)).toBe("2025-03-31");
    expect(weekday("2025-01-29")).toBe(3);
    expect(() => addDays("2025-02-29", 1)).toThrow(RangeError);
    expect(() => addDays("25-02-01", 1)).toThrow(RangeError);
  });

  it("works up to the edges of the lunar algorithm's range", () => {
    expect(calendar.isWorkingDay("1800-01-01")).toBe(false);
    expect(calendar.isWorkingDay("2199-12-31")).toBe(true);
    expect(() => calendar.isWorkingDay("2200-01-02")).toThrow(RangeError);
  });

  it("shares one default calendar", () => {
    expect(defaultWorkingCalendar()).toBe(defaultWorkingCalendar());
  });
});

describe("properties", () => {
  const day = fc.integer({ min: toEpochDay("2019-01-01"), max: toEpochDay("2031-12-31") }).map(fromEpochDay);
  const count = fc.integer({ min: 1, max: 250 });

  it("addWorkingDays(d, n) is a working day after d", () => {
    fc.assert(
      fc.property(day, count, (d, n) => {
        const result = calendar.addWorkingDays(d, n);
        return calendar.isWorkingDay(result) && result > d;
      }),
    );
  });

  it("workingDaysBetween(d, addWorkingDays(d, n)) = n", () => {
    fc.assert(
      fc.property(day, count, (d, n) => calendar.workingDaysBetween(d, calendar.addWorkingDays(d, n)) === n),
    );
  });

  it("is monotonic in n and in the start date", () => {
    fc.assert(
      fc.property(day, count, count, (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return calendar.addWorkingDays(d, lo) <= calendar.addWorkingDays(d, hi);
      }),
    );
    fc.assert(
      fc.property(day, day, count, (a, b, n) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return calendar.addWorkingDays(lo, n) <= calendar.addWorkingDays(hi, n);
      }),
    );
  });

  it("composes: adding a then b working days is adding a + b", () => {
    fc.assert(
      fc.property(day, count, count, (d, a, b) => {
        return (
          calendar.addWorkingDays(calendar.addWorkingDays(d, a), b) === calendar.addWorkingDays(d, a + b)
        );
      }),
    );
  });

  it("going back n working days from a working day and forward again returns to it", () => {
    fc.assert(
      fc.property(day, count, (d, n) => {
        const start = calendar.nextWorkingDayOnOrAfter(d);
        return calendar.addWorkingDays(calendar.addWorkingDays(start, -n), n) === start;
      }),
    );
  });
});

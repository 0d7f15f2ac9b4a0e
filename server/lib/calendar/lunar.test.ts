import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, fromEpochDay, toEpochDay } from "./iso-date.ts";
import {
  formatLunarDate,
  leapMonthOf,
  lunarMonthLength,
  lunarNewYearDay,
  lunarToSolar,
  solarToLunar,
} from "./lunar.ts";

// Mùng 1 Tết, Vietnam (UTC+7). 2030: the new moon of 2 February 2030 falls at
// about 16:07 UT, i.e. 23:07 in Vietnam and 00:07 on 3 February in China, so
// Tết is 2 February in Vietnam (3 February is the Chinese New Year).
const TET: Record<number, string> = {
  2020: "2020-01-25",
  2021: "2021-02-12",
  2022: "2022-02-01",
  2023: "2023-01-22",
  2024: "2024-02-10",
  2025: "2025-01-29",
  2026: "2026-02-17",
  2027: "2027-02-06",
  2028: "2028-01-26",
  2029: "2029-02-13",
  2030: "2030-02-02",
};

// Giỗ Tổ Hùng Vương, 10/3 lunar.
const HUNG_KINGS: Record<number, string> = {
  2020: "2020-04-02",
  2021: "2021-04-21",
  2022: "2022-04-10",
  2023: "2023-04-29",
  2024: "2024-04-18",
  2025: "2025-04-07",
  2026: "2026-04-26",
  2027: "2027-04-16",
  2028: "2028-04-04",
  2029: "2029-04-23",
  2030: "2030-04-12",
};

describe("Tết (1/1 lunar)", () => {
  for (const [year, date] of Object.entries(TET)) {
    it(`${year}: ${date}`, () => {
      expect(lunarToSolar({ year: Number(year), month: 1, day: 1 })).toBe(date);
      expect(solarToLunar(date)).toEqual({ year: Number(year), month: 1, day: 1, leap: false });
      expect(lunarNewYearDay(Number(year))).toBe(date);
      // The day before is the last day of the old year's twelfth month.
      const eve = solarToLunar(addDays(date, -1));
      expect(eve).toMatchObject({ year: Number(year) - 1, month: 12, leap: false });
      expect([29, 30]).toContain(eve.day);
    });
  }

  it("follows UTC+7 where the Vietnamese and Chinese calendars part", () => {
    expect(lunarNewYearDay(1985)).toBe("1985-01-21");
    expect(lunarNewYearDay(1985, 8)).toBe("1985-02-20");
    expect(lunarNewYearDay(2007)).toBe("2007-02-17");
    expect(lunarNewYearDay(2007, 8)).toBe("2007-02-18");
    expect(lunarNewYearDay(2030, 8)).toBe("2030-02-03");
  });
});

describe("Giỗ Tổ Hùng Vương (10/3 lunar)", () => {
  for (const [year, date] of Object.entries(HUNG_KINGS)) {
    it(`${year}: ${date}`, () => {
      expect(lunarToSolar({ year: Number(year), month: 3, day: 10 })).toBe(date);
      expect(solarToLunar(date)).toEqual({ year: Number(year), month: 3, day: 10, leap: false });
    });
  }
});

describe("leap months", () => {
  it("finds the leap month of 2020 (4), 2023 (2), 2025 (6), 2028 (5) and none in 2024", () => {
    expect(leapMonthOf(2020)).toBe(4);
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2028)).toBe(5);
    expect(leapMonthOf(2024)).toBeNull();
  });

  it("converts both copies of a leapt month", () => {
    // 2025: month 6 starts 25/6, leap month 6 starts 25/7.
    expect(lunarToSolar({ year: 2025, month: 6, day: 1 })).toBe("2025-06-25");
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toBe("2025-07-25");
    expect(solarToLunar("2025-07-25")).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(formatLunarDate(solarToLunar("2025-07-25"))).toBe("1/6 nhuận/2025");
  });

  it("refuses a leap month the year does not have, and day 30 of a short month", () => {
    expect(() => lunarToSolar({ year: 2024, month: 6, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 5, day: 1, leap: true })).toThrow(RangeError);
    // Month 12 of Giáp Thìn (ending 28/1/2025) had 29 days.
    expect(lunarMonthLength(2024, 12)).toBe(29);
    expect(() => lunarToSolar({ year: 2024, month: 12, day: 30 })).toThrow(RangeError);
    expect(lunarMonthLength(2023, 12)).toBe(30);
    expect(lunarToSolar({ year: 2023, month: 12, day: 30 })).toBe("2024-02-09");
  });

  it("refuses malformed input and years outside the supported range", () => {
    expect(() => solarToLunar("2024-02-30")).toThrow(RangeError);
    expect(() => solarToLunar("1700-01-01")).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2024, month: 13, day: 1 })).toThrow(RangeError);
  });
});

describe("round trip solar → lunar → solar", () => {
  const first = toEpochDay("1990-01-01");
  const last = toEpochDay("2050-12-31");

  it("holds for every day 1990–2050, with months of 29 or 30 days counted without gaps", () => {
    let previous = solarToLunar(fromEpochDay(first - 1));
    for (let epoch = first; epoch <= last; epoch++) {
      const iso = fromEpochDay(epoch);
      const lunar = solarToLunar(iso);
      if (lunar.day === 1) {
        expect(previous.day === 29 || previous.day === 30, `month ending before ${iso}`).toBe(true);
      } else {
        expect(lunar.day, iso).toBe(previous.day + 1);
      }
      if (lunar.day === 1 && lunar.month === 1 && !lunar.leap) expect(lunar.year).toBe(previous.year + 1);
      expect(lunarToSolar(lunar), iso).toBe(iso);
      previous = lunar;
    }
  });

  it("holds as a property", () => {
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (epoch) => {
        const iso = fromEpochDay(epoch);
        return lunarToSolar(solarToLunar(iso)) === iso;
      }),
      { numRuns: 2000 },
    );
  });
});

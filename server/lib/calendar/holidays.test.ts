import { describe, expect, it } from "vitest";
import { generateYear, type HolidayConfig, VN_PUBLIC_SERVICE_CALENDAR } from "./holidays.ts";
import { addDays } from "./iso-date.ts";
import { createWorkingCalendar, type WorkingCalendar } from "./working-days.ts";

const calendar = createWorkingCalendar();

/** Every day of [from, to] is off, and the working days around it are working. */
function expectBreak(cal: WorkingCalendar, from: string, to: string): void {
  expect(cal.isWorkingDay(addDays(from, -1)), `${addDays(from, -1)} works`).toBe(true);
  for (let day = from; day <= to; day = addDays(day, 1))
    expect(cal.isWorkingDay(day), `${day} is off`).toBe(false);
  expect(cal.isWorkingDay(addDays(to, 1)), `${addDays(to, 1)} works`).toBe(true);
}

describe("announced schedule 2024", () => {
  it("Tết Giáp Thìn: 08/02–14/02", () => expectBreak(calendar, "2024-02-08", "2024-02-14"));
  it("Giỗ Tổ: Thursday 18/04", () => expectBreak(calendar, "2024-04-18", "2024-04-18"));
  it("30/4–1/5: 27/04–01/05, made up on Saturday 04/05", () => {
    expectBreak(calendar, "2024-04-27", "2024-05-01");
    expect(calendar.isWorkingDay("2024-05-04")).toBe(true);
    expect(calendar.describeDay("2024-05-04")).toMatchObject({ reason: "compensating-workday" });
    expect(calendar.describeDay("2024-04-29")).toMatchObject({ reason: "swap" });
  });
  it("Quốc khánh: 31/08–03/09", () => expectBreak(calendar, "2024-08-31", "2024-09-03"));
});

describe("announced schedule 2025", () => {
  it("New Year: Wednesday 01/01 only", () => expectBreak(calendar, "2025-01-01", "2025-01-01"));
  it("Tết Ất Tỵ: 25/01–02/02, with 27/01 in place of Saturday 01/02", () => {
    expectBreak(calendar, "2025-01-25", "2025-02-02");
    expect(calendar.describeDay("2025-01-27")).toMatchObject({ working: false, reason: "substitute" });
    expect(calendar.describeDay("2025-01-28")).toMatchObject({ working: false, reason: "holiday" });
  });
  it("Giỗ Tổ: Monday 07/04, a long weekend", () => expectBreak(calendar, "2025-04-05", "2025-04-07"));
  it("30/4–1/5: 30/04–04/05, made up on Saturday 26/04", () => {
    expectBreak(calendar, "2025-04-30", "2025-05-04");
    expect(calendar.isWorkingDay("2025-04-26")).toBe(true);
  });
  it("Quốc khánh: 30/08–02/09 (2/9 with 1/9)", () => {
    expectBreak(calendar, "2025-08-30", "2025-09-02");
    expect(calendar.describeDay("2025-09-01")).toMatchObject({ reason: "holiday" });
  });
  it("lists the year's days off with names and legal bases", () => {
    const days = calendar.holidaysIn(2025);
    expect(days.map((d) => d.date)).toEqual([
      "2025-01-01",
      "2025-01-27",
      "2025-01-28",
      "2025-01-29",
      "2025-01-30",
      "2025-01-31",
      "2025-02-01",
      "2025-04-07",
      "2025-04-30",
      "2025-05-01",
      "2025-05-02",
      "2025-09-01",
      "2025-09-02",
    ]);
    for (const day of days) {
      expect(day.name.vi.length).toBeGreaterThan(0);
      expect(day.name.en.length).toBeGreaterThan(0);
      expect(day.basis.length).toBeGreaterThan(0);
    }
    expect(days[0]).toMatchObject({ kind: "holiday", name: { vi: "Tết Dương lịch" } });
    expect(days[0].basis).toContain("Điều 112");
    expect(days.find((d) => d.date === "2025-05-02")).toMatchObject({ kind: "swap" });
    expect(calendar.compensatingWorkdaysIn(2025).map((d) => d.date)).toEqual(["2025-04-26"]);
  });
});

describe("announced schedule 2026", () => {
  it("New Year: 01/01–04/01, Friday 02/01 made up on Saturday 10/01", () => {
    expectBreak(calendar, "2026-01-01", "2026-01-04");
    expect(calendar.isWorkingDay("2026-01-10")).toBe(true);
  });
  it("Tết Bính Ngọ: 14/02–22/02", () => expectBreak(calendar, "2026-02-14", "2026-02-22"));
  it("Giỗ Tổ on Sunday 26/04: substitute Monday 27/04", () => {
    expectBreak(calendar, "2026-04-25", "2026-04-27");
    expect(calendar.describeDay("2026-04-27")).toMatchObject({ reason: "substitute" });
  });
  it("30/4–1/5: Thursday to Sunday", () => expectBreak(calendar, "2026-04-30", "2026-05-03"));
});

describe("default rules without an announcement", () => {
  // 2023 had no swaps: the rules alone give the schedule announced that year.
  const rulesOnly = createWorkingCalendar({}, { ...VN_PUBLIC_SERVICE_CALENDAR, years: {} });
  it("reproduce 2023: New Year on Sunday, Tết 20/01–26/01, 29/04–03/05, 01/09–04/09", () => {
    expectBreak(rulesOnly, "2022-12-31", "2023-01-02");
    expectBreak(rulesOnly, "2023-01-20", "2023-01-26");
    expectBreak(rulesOnly, "2023-04-29", "2023-05-03");
    expectBreak(rulesOnly, "2023-09-01", "2023-09-04");
  });
  it("agree with the 2024 and 2025 announcements on every day off", () => {
    for (const year of [2024, 2025]) {
      const announced = calendar.holidaysIn(year).filter((d) => d.kind !== "swap");
      expect(rulesOnly.holidaysIn(year).map((d) => d.date)).toEqual(announced.map((d) => d.date));
    }
  });
  it("Tết 2027 (Saturday 06/02): last day 05/02 to mùng 4, substitutes 04/02 and 10/02", () => {
    expectBreak(rulesOnly, "2027-02-04", "2027-02-10");
  });
  it("give 2/9 a single day before the Labour Code 2019 took effect", () => {
    expect(rulesOnly.holidaysIn(2020).filter((d) => d.date.startsWith("2020-09"))).toHaveLength(1);
    expect(
      rulesOnly
        .holidaysIn(2021)
        .filter((d) => d.date.startsWith("2021-09"))
        .map((d) => d.date),
    ).toEqual(["2021-09-02", "2021-09-03"]);
  });
});

describe("configuration", () => {
  it("takes an announced Tết and 2/9 for a year", () => {
    const cal = createWorkingCalendar({
      years: {
        2027: {
          basis: "Thông báo thử nghiệm",
          lunarNewYearDays: ["2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10"],
          nationalDayAdjacent: "2027-09-01",
          settled: ["lunar-new-year"],
        },
      },
    });
    expectBreak(cal, "2027-02-04", "2027-02-10");
    expect(cal.describeDay("2027-02-08")).toMatchObject({ reason: "holiday" });
    expect(cal.describeDay("2027-02-08").working).toBe(false);
    expect(cal.holidaysIn(2027).find((d) => d.date === "2027-02-04")?.basis).toContain(
      "Thông báo thử nghiệm",
    );
    expect(cal.isWorkingDay("2027-09-01")).toBe(false);
    expect(cal.isWorkingDay("2027-09-03")).toBe(true);
  });

  it("reaches across New Year for a swap made up in December", () => {
    const cal = createWorkingCalendar({
      years: {
        2015: {
          basis: "Thông báo thử nghiệm",
          daysOff: [
            {
              date: "2015-01-02",
              kind: "swap",
              name: { vi: "Nghỉ", en: "Off" },
              basis: "Thông báo thử nghiệm",
            },
          ],
          workdays: [
            { date: "2014-12-27", name: { vi: "Làm bù", en: "Work" }, basis: "Thông báo thử nghiệm" },
          ],
        },
      },
    });
    expect(cal.isWorkingDay("2014-12-27")).toBe(true);
    expect(cal.compensatingWorkdaysIn(2014).map((d) => d.date)).toEqual(["2014-12-27"]);
    expect(cal.isWorkingDay("2015-01-02")).toBe(false);
  });

  it("lets the weekend and the substitute rule change", () => {
    const sundayOnly = createWorkingCalendar({ weekend: { days: [0], basis: "Nội quy thử nghiệm" } });
    expect(sundayOnly.isWorkingDay("2025-03-08")).toBe(true);
    expect(sundayOnly.isWorkingDay("2025-03-09")).toBe(false);
    const noSubstitutes = createWorkingCalendar({
      substitutes: { ...VN_PUBLIC_SERVICE_CALENDAR.substitutes, enabled: false },
    });
    expect(noSubstitutes.isWorkingDay("2026-04-27")).toBe(true);
  });

  it("refuses a day that is both off and a workday, and a week without working days", () => {
    const config: HolidayConfig = {
      ...VN_PUBLIC_SERVICE_CALENDAR,
      years: {
        2025: { basis: "x", workdays: [{ date: "2025-09-02", name: { vi: "x", en: "x" }, basis: "x" }] },
      },
    };
    expect(() => generateYear(2025, config)).toThrow(/both a day off and a workday/);
    expect(() => createWorkingCalendar({ weekend: { days: [0, 1, 2, 3, 4, 5, 6], basis: "x" } })).toThrow();
  });

  it("keeps a legal basis on every rule", () => {
    const c = VN_PUBLIC_SERVICE_CALENDAR;
    const bases = [
      c.weekend.basis,
      c.lunarNewYear.basis,
      c.substitutes.basis,
      ...c.fixed.map((r) => r.basis),
    ];
    bases.push(...c.adjacent.map((r) => r.basis), ...Object.values(c.years).map((y) => y.basis));
    for (const basis of bases) expect(basis).toMatch(/Điều|Quyết định|Thông báo|Công văn/);
  });
});

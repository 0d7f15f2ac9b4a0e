import { describe, expect, it } from "vitest";
import type { ReportingDuty } from "../../../../common/plan-tree.ts";
import { PlanTree } from "../../../../common/plan-tree.ts";
import { dueInPeriod } from "../../assignments/occurrences.ts";
import { LIST_AND_CHANNEL, RELATIVE_DAYS, TWO_PERIODS, VARIANTS } from "./fixtures/reporting-habits.ts";
import { parsePlanText } from "./index.ts";

/**
 * The reporting duties of short plans written in the other common ways (fixtures/reporting-habits.ts),
 * checked field by field, and the dates the reporting cycle gets from them for each period.
 */

function duties(text: string): ReportingDuty[] {
  const tree = parsePlanText(text);
  expect(PlanTree.safeParse(tree).success).toBe(true);
  return tree.reporting;
}

const LOCAL_UNITS = ["các sở, ban, ngành tỉnh", "UBND các xã, phường, đặc khu"];

describe("reporting duties as plans write them", () => {
  it("gives one duty per period when each period has its own day in parentheses", () => {
    expect(duties(TWO_PERIODS)).toEqual([
      {
        from: LOCAL_UNITS,
        to: "UBND tỉnh",
        via: "Sở Nội vụ",
        due: {
          text: "Định kỳ 6 tháng (trước ngày 15/6)",
          recurrence: "half-yearly",
          date: null,
          month: 6,
          day: 15,
        },
        source: "III.1",
      },
      {
        from: LOCAL_UNITS,
        to: "UBND tỉnh",
        via: "Sở Nội vụ",
        due: { text: "hằng năm (trước ngày 10/12)", recurrence: "yearly", date: null, month: 12, day: 10 },
        source: "III.1",
      },
    ]);
  });

  it("reads days counted from the period: the last month of the quarter or period, the month after it", () => {
    expect(duties(RELATIVE_DAYS)).toEqual([
      {
        from: ["Công an tỉnh"],
        to: "UBND tỉnh",
        via: "Văn phòng UBND tỉnh",
        due: {
          text: "định kỳ hằng quý, trước ngày 20 của tháng cuối quý",
          recurrence: "quarterly",
          date: null,
          month: null,
          day: 20,
        },
        source: "II.1",
      },
      {
        from: ["Sở Tài chính"],
        to: "UBND tỉnh",
        via: null,
        due: {
          text: "hằng quý, chậm nhất ngày 5 của tháng đầu quý sau",
          recurrence: "quarterly",
          date: null,
          month: null,
          day: 5,
          monthsAfter: 1,
        },
        source: "II.2",
      },
      {
        from: ["Sở Khoa học và Công nghệ"],
        to: "Ủy ban nhân dân tỉnh",
        via: null,
        due: {
          text: "chậm nhất ngày 25 hằng tháng",
          recurrence: "monthly",
          date: null,
          month: null,
          day: 25,
        },
        source: "II.3",
      },
      {
        from: ["Sở Y tế"],
        to: "UBND tỉnh",
        via: null,
        due: {
          text: "định kỳ 6 tháng, trước ngày 15 tháng cuối kỳ",
          recurrence: "half-yearly",
          date: null,
          month: null,
          day: 15,
        },
        source: "II.4",
      },
    ]);
  });

  it("takes every unit of a listed subject, the recipient after 'gửi' and the channel after 'thông qua'", () => {
    expect(duties(LIST_AND_CHANNEL)).toEqual([
      {
        from: [
          "Các sở, ban, ngành tỉnh",
          "UBND các xã, phường, đặc khu",
          "Ủy ban MTTQ Việt Nam tỉnh",
          "các tổ chức chính trị - xã hội tỉnh",
        ],
        to: "Ủy ban nhân dân tỉnh",
        via: "Sở Nội vụ",
        due: {
          text: "định kỳ trước ngày 30 tháng 11 hằng năm",
          recurrence: "yearly",
          date: null,
          month: 11,
          day: 30,
        },
        source: "III.1",
      },
    ]);
  });

  it("reads 'hàng' for 'hằng', keywords typed without marks and a clause cut across lines", () => {
    expect(duties(VARIANTS)).toEqual([
      {
        from: ["Sở Công Thương"],
        to: "UBND tỉnh",
        via: "Sở Tài chính",
        due: { text: "trước ngày 10/12 hàng năm", recurrence: "yearly", date: null, month: 12, day: 10 },
        source: "II.1",
      },
      {
        from: ["Sở Tài chính"],
        to: "UBND tỉnh",
        via: "Sở Nội vụ",
        due: { text: "Dinh ky hang quy", recurrence: "quarterly", date: null, month: null, day: null },
        source: "II.2",
      },
      {
        from: ["Ban Quản lý các khu kinh tế tỉnh"],
        to: "Ủy ban nhân dân tỉnh",
        via: "Sở Công Thương",
        due: {
          text: "báo cáo 6 tháng đầu năm",
          recurrence: "half-yearly",
          date: null,
          month: null,
          day: null,
        },
        source: "II.3",
      },
      {
        from: ["Hiệp hội Doanh nghiệp tỉnh"],
        to: "UBND tỉnh",
        via: null,
        due: { text: "định kỳ hằng năm", recurrence: "yearly", date: null, month: null, day: null },
        source: "II.4",
      },
    ]);
  });
});

describe("the dates the reporting cycle computes from these duties", () => {
  const dates = (duty: ReportingDuty, frequency: "quarterly" | "half-yearly" | "yearly", count: number) =>
    Array.from({ length: count }, (_, i) => dueInPeriod(duty.due!, { frequency, year: 2025, index: i + 1 }));

  it("puts a day of the quarter's last month in each quarter, and a day of the next quarter's first month after it", () => {
    const [lastMonth, nextQuarter] = duties(RELATIVE_DAYS);
    expect(dates(lastMonth, "quarterly", 4)).toEqual([
      "2025-03-20",
      "2025-06-20",
      "2025-09-20",
      "2025-12-20",
    ]);
    expect(dates(nextQuarter, "quarterly", 4)).toEqual([
      "2025-04-05",
      "2025-07-05",
      "2025-10-05",
      "2026-01-05",
    ]);
  });

  it("puts the half-year's day in June and December and the year's in December", () => {
    const [half, year] = duties(TWO_PERIODS);
    expect(dates(half, "half-yearly", 2)).toEqual(["2025-06-15", "2025-12-15"]);
    expect(dates(year, "yearly", 1)).toEqual(["2025-12-10"]);
    const lastOfPeriod = duties(RELATIVE_DAYS)[3];
    expect(dates(lastOfPeriod, "half-yearly", 2)).toEqual(["2025-06-15", "2025-12-15"]);
  });
});

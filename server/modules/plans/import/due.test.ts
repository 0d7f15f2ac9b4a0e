import { describe, expect, it } from "vitest";
import { parseDue, parseDueCell, parseDues } from "./due.ts";

describe("parseDue", () => {
  it.each([
    [
      "định kỳ trước ngày 10/12 hằng năm, báo cáo UBND tỉnh",
      { text: "định kỳ trước ngày 10/12 hằng năm", recurrence: "yearly", date: null, month: 12, day: 10 },
    ],
    [
      "hoàn thành trong Quý II/2025.",
      { text: "hoàn thành trong Quý II/2025", recurrence: "once", date: "2025-06-30" },
    ],
    [
      "triển khai trong quý 3 năm 2025",
      { text: "trong quý 3 năm 2025", recurrence: "once", date: "2025-09-30" },
    ],
    ["tổ chức sơ kết năm 2025", { text: "năm 2025", recurrence: "once", date: "2025" }],
    ["hoàn thành trước năm 2030", { text: "hoàn thành trước năm 2030", recurrence: "once", date: "2029" }],
    ["thường xuyên kiểm tra, đôn đốc", { text: "thường xuyên", recurrence: null, date: null }],
    ["định kỳ 6 tháng báo cáo kết quả", { text: "định kỳ 6 tháng", recurrence: "half-yearly" }],
    ["báo cáo hằng quý về Sở Nội vụ", { text: "hằng quý", recurrence: "quarterly" }],
    ["báo cáo hàng tháng", { text: "hàng tháng", recurrence: "monthly" }],
    [
      "gửi báo cáo trước ngày 30/6/2025.",
      { text: "trước ngày 30/6/2025", recurrence: "once", date: "2025-06-30" },
    ],
    [
      "chậm nhất ngày 15 tháng 11 năm 2025",
      { text: "chậm nhất ngày 15 tháng 11 năm 2025", recurrence: "once", date: "2025-11-15" },
    ],
    [
      "báo cáo trước ngày 25 hằng tháng",
      { text: "trước ngày 25 hằng tháng", recurrence: "monthly", day: 25 },
    ],
    [
      "định kỳ hằng quý, trước ngày 15 của tháng cuối quý, báo cáo",
      { text: "định kỳ hằng quý, trước ngày 15 của tháng cuối quý", recurrence: "quarterly", day: 15 },
    ],
    ["trước ngày 15/6 và 15/12 hằng năm", { recurrence: "half-yearly", day: 15 }],
    [
      "hoàn thành trong tháng 9/2025",
      { text: "hoàn thành trong tháng 9/2025", recurrence: "once", date: "2025-09" },
    ],
    ["thực hiện trong giai đoạn 2025 - 2026", { recurrence: "once", date: "2026" }],
    [
      "hằng quý, chậm nhất ngày 5 của tháng đầu quý sau",
      { recurrence: "quarterly", month: null, day: 5, monthsAfter: 1 },
    ],
    ["trước ngày 5 của tháng đầu tiên của quý sau", { recurrence: "quarterly", day: 5, monthsAfter: 1 }],
    ["hằng tháng, trước ngày 5 tháng sau", { recurrence: "monthly", month: null, day: 5, monthsAfter: 1 }],
    ["trước ngày 10 của tháng đầu quý", { recurrence: "quarterly", month: 1, day: 10 }],
    [
      "định kỳ 6 tháng, trước ngày 15 tháng cuối kỳ",
      {
        text: "định kỳ 6 tháng, trước ngày 15 tháng cuối kỳ",
        recurrence: "half-yearly",
        month: null,
        day: 15,
      },
    ],
    [
      "định kỳ hằng năm báo cáo, trước ngày 15 tháng cuối kỳ báo cáo",
      { text: "trước ngày 15 tháng cuối kỳ báo cáo", recurrence: "yearly", month: null, day: 15 },
    ],
    ["trước ngày 15 tháng cuối kỳ", { recurrence: null, month: null, day: 15 }],
    ["chậm nhất ngày 25 hằng tháng", { recurrence: "monthly", day: 25 }],
    [
      "hằng tháng, chậm nhất ngày 25, báo cáo",
      { text: "hằng tháng, chậm nhất ngày 25", recurrence: "monthly", day: 25 },
    ],
    ["trước ngày 30 tháng 11 hằng năm", { recurrence: "yearly", month: 11, day: 30 }],
    ["truoc ngay 10/12 hang nam", { recurrence: "yearly", month: 12, day: 10 }],
    ["báo cáo 6 tháng đầu năm", { text: "báo cáo 6 tháng đầu năm", recurrence: "half-yearly", day: null }],
    ["sơ kết 6 tháng đầu năm 2025", { recurrence: "once", date: "2025" }],
  ])("%s", (text, expected) => {
    expect(parseDue(text)).toMatchObject(expected);
  });

  it("prefers a dated deadline to a vague one, whatever comes first", () => {
    expect(parseDue("thường xuyên theo dõi; hoàn thành trước ngày 30/9/2025")?.date).toBe("2025-09-30");
  });

  it("does not take the date of a cited document for a deadline", () => {
    expect(
      parseDue("Thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương"),
    ).toBeNull();
    expect(parseDue("Chương trình hành động số 48-CTr/TU, ngày 22/12/2023 của Tỉnh ủy")).toBeNull();
    expect(parseDue("Quyết định ban hành ngày 19 tháng 3 năm 2024 của Tỉnh ủy")).toBeNull();
  });

  it("finds nothing where there is no deadline", () => {
    expect(parseDue("Tiếp tục tổ chức học tập, quán triệt.")).toBeNull();
    expect(parseDue("Đảm bảo 95% trẻ em được tiêm chủng")).toBeNull();
  });
});

describe("parseDues", () => {
  const short = (text: string) =>
    parseDues(text).map((d) => [d.recurrence, d.month, d.day, d.monthsAfter ?? 0, d.text]);

  it("gives one deadline per period when the periods have their own days", () => {
    expect(
      short(
        "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 10/12), các sở, ngành báo cáo kết quả về UBND tỉnh",
      ),
    ).toEqual([
      ["half-yearly", 6, 15, 0, "Định kỳ 6 tháng (trước ngày 15/6)"],
      ["yearly", 12, 10, 0, "hằng năm (trước ngày 10/12)"],
    ]);
    expect(
      short("Dinh ky hang quy (truoc ngay 5 cua thang dau quy sau) va hang nam (cham nhat ngay 15 thang 12)"),
    ).toEqual([
      ["quarterly", null, 5, 1, "Dinh ky hang quy (truoc ngay 5 cua thang dau quy sau)"],
      ["yearly", 12, 15, 0, "hang nam (cham nhat ngay 15 thang 12)"],
    ]);
    expect(short("báo cáo hằng tháng (ngày 25) và hằng quý (ngày 20 tháng cuối quý)")).toEqual([
      ["monthly", null, 25, 0, "báo cáo hằng tháng (ngày 25)"],
      ["quarterly", null, 20, 0, "hằng quý (ngày 20 tháng cuối quý)"],
    ]);
  });

  it("gives a listed period without its own day the day written after the list", () => {
    expect(
      short(
        "hằng quý (trước ngày 20 của tháng cuối quý), 6 tháng và hằng năm (trước ngày 10/12), trước ngày 15 tháng cuối kỳ",
      ),
    ).toEqual([
      ["quarterly", null, 20, 0, "hằng quý (trước ngày 20 của tháng cuối quý)"],
      ["half-yearly", null, 15, 0, "6 tháng, trước ngày 15 tháng cuối kỳ"],
      ["yearly", 12, 10, 0, "hằng năm (trước ngày 10/12)"],
    ]);
    expect(short("Định kỳ 6 tháng, hằng năm, trước ngày 15 tháng cuối kỳ, báo cáo")).toEqual([
      ["half-yearly", null, 15, 0, "Định kỳ 6 tháng, trước ngày 15 tháng cuối kỳ"],
      ["yearly", null, 15, 0, "hằng năm, trước ngày 15 tháng cuối kỳ"],
    ]);
  });

  it("keeps periods listed without any day one periodic deadline, as parseDue reads it", () => {
    expect(short("định kỳ 6 tháng và hằng năm báo cáo Giám đốc Sở")).toEqual([
      ["half-yearly", null, null, 0, "định kỳ 6 tháng và hằng năm"],
    ]);
    expect(short("Định kỳ hằng năm, trước ngày 10/12, báo cáo")).toEqual([
      ["yearly", 12, 10, 0, "Định kỳ hằng năm, trước ngày 10/12"],
    ]);
  });

  it("does not read what is not a day of the period in the parentheses", () => {
    // a day that does not exist, a dated deadline, the date of a cited document
    expect(short("Định kỳ 6 tháng (trước ngày 45/6) và hằng năm (trước ngày 10/12)")).toEqual([
      ["half-yearly", null, null, 0, "Định kỳ 6 tháng (trước ngày 45/6)"],
      ["yearly", 12, 10, 0, "hằng năm (trước ngày 10/12)"],
    ]);
    expect(short("báo cáo hằng năm (trước ngày 15/12/2025)")).toEqual([
      ["once", null, null, 0, "trước ngày 15/12/2025"],
    ]);
    expect(short("định kỳ hằng năm (theo Quyết định số 12/QĐ-UBND ngày 5/1/2025 của UBND tỉnh)")).toEqual([
      ["yearly", null, null, 0, "định kỳ hằng năm"],
    ]);
    expect(short("trong năm (2025) và hằng tháng (6)")).toEqual([["monthly", null, null, 0, "hằng tháng"]]);
    expect(parseDues("Tiếp tục tổ chức học tập, quán triệt.")).toEqual([]);
  });
});

describe("parseDueCell", () => {
  it.each([
    ["Quý III/2024", { recurrence: "once", date: "2024-09-30" }],
    ["2025", { text: "2025", recurrence: "once", date: "2025" }],
    ["2025-2026", { recurrence: "once", date: "2026" }],
    ["30/6/2025", { recurrence: "once", date: "2025-06-30" }],
    ["10/2025", { recurrence: "once", date: "2025-10" }],
    ["Hằng năm", { text: "Hằng năm", recurrence: "yearly" }],
    ["Theo tiến độ dự án", { text: "Theo tiến độ dự án", recurrence: null, date: null }],
  ])("%s", (cell, expected) => {
    expect(parseDueCell(cell)).toMatchObject(expected);
  });

  it("reads an empty cell as no deadline", () => {
    expect(parseDueCell("  ")).toBeNull();
  });
});

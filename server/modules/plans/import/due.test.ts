import { describe, expect, it } from "vitest";
import { parseDue, parseDueCell } from "./due.ts";

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

import { describe, expect, it } from "vitest";
import { NO_ACTORS } from "./actors.ts";
import { reportingDuties } from "./reporting.ts";

const units = { ...NO_ACTORS, implementing: ["Các sở, ban, ngành tỉnh"], lead: ["Sở Nội vụ"] };

describe("reportingDuties", () => {
  it("reads recipient, channel and the deadline of the same sentence", () => {
    expect(
      reportingDuties(
        "Xây dựng kế hoạch cụ thể. Định kỳ trước ngày 10/12 hằng năm, báo cáo UBND tỉnh (qua Sở Nội vụ) kết quả thực hiện Kế hoạch này.",
        units,
        "III.1",
      ),
    ).toEqual([
      {
        from: ["Sở Nội vụ", "Các sở, ban, ngành tỉnh"],
        to: "UBND tỉnh",
        via: "Sở Nội vụ",
        due: {
          text: "Định kỳ trước ngày 10/12 hằng năm",
          recurrence: "yearly",
          date: null,
          month: 12,
          day: 10,
        },
        source: "III.1",
      },
    ]);
  });

  it("finds the recipient after 'về' and gives one duty per recipient", () => {
    const duties = reportingDuties(
      "Gửi báo cáo kết quả về Sở Tư pháp và Bộ Tư pháp định kỳ 6 tháng.",
      units,
      "II.1",
    );
    expect(duties.map((d) => [d.to, d.due?.recurrence])).toEqual([
      ["Sở Tư pháp", "half-yearly"],
      ["Bộ Tư pháp", "half-yearly"],
    ]);
  });

  it("leaves out reports without a recipient and the recipient's own report after 'để'", () => {
    expect(
      reportingDuties("thường xuyên kiểm tra, báo cáo kịp thời những khó khăn, vướng mắc.", units, "I.2"),
    ).toEqual([]);
    const duties = reportingDuties(
      "Các đơn vị gửi kết quả về Sở Nội vụ để tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2025.",
      units,
      "III",
    );
    expect(duties).toEqual([]);
  });
});

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

  it("gives one duty per recipient and per period, each period with its own day", () => {
    const duties = reportingDuties(
      "Hằng quý (trước ngày 20 của tháng cuối quý), 6 tháng và hằng năm (trước ngày 10/12), báo cáo Sở Tư pháp và Bộ Tư pháp.",
      units,
      "II.1",
    );
    expect(duties.map((d) => [d.to, d.due?.recurrence, d.due?.month, d.due?.day])).toEqual([
      ["Sở Tư pháp", "quarterly", null, 20],
      ["Sở Tư pháp", "half-yearly", null, null],
      ["Sở Tư pháp", "yearly", 12, 10],
      ["Bộ Tư pháp", "quarterly", null, 20],
      ["Bộ Tư pháp", "half-yearly", null, null],
      ["Bộ Tư pháp", "yearly", 12, 10],
    ]);
  });

  it("takes the units the sentence names as its subject, else the task's", () => {
    const own = reportingDuties(
      "Tổ chức tuyên truyền. Định kỳ hằng năm, UBND các xã, phường, đặc khu báo cáo UBND tỉnh (qua Sở Nội vụ).",
      units,
      "II.2",
    );
    expect(own.map((d) => d.from)).toEqual([["UBND các xã, phường, đặc khu"]]);
    const monthly = reportingDuties(
      "Hằng tháng, chậm nhất ngày 25, Sở Tài chính báo cáo UBND tỉnh tiến độ giải ngân.",
      units,
      "II.2",
    );
    expect(monthly.map((d) => [d.from, d.due?.recurrence, d.due?.day])).toEqual([
      [["Sở Tài chính"], "monthly", 25],
    ]);
    const inherited = reportingDuties("Định kỳ hằng năm báo cáo UBND tỉnh.", units, "II.3");
    expect(inherited.map((d) => d.from)).toEqual([["Sở Nội vụ", "Các sở, ban, ngành tỉnh"]]);
  });

  it("reads the channel written 'thông qua', 'gửi qua' or without parentheses", () => {
    const via = (text: string) => reportingDuties(text, units, "III").map((d) => [d.to, d.via]);
    expect(
      via("Báo cáo kết quả gửi Ủy ban nhân dân tỉnh (thông qua Sở Nội vụ tổng hợp) trước ngày 15/12/2025."),
    ).toEqual([["Ủy ban nhân dân tỉnh", "Sở Nội vụ"]]);
    expect(via("hằng quý báo cáo UBND tỉnh, gửi qua Sở Tài chính.")).toEqual([["UBND tỉnh", "Sở Tài chính"]]);
    expect(via("hằng quý báo cáo UBND tỉnh qua Văn phòng UBND tỉnh.")).toEqual([
      ["UBND tỉnh", "Văn phòng UBND tỉnh"],
    ]);
    expect(via("hằng quý báo cáo UBND tỉnh (qua hệ thống báo cáo của tỉnh).")).toEqual([["UBND tỉnh", null]]);
  });

  it("reads a duty typed without marks", () => {
    expect(
      reportingDuties(
        "Dinh ky hang quy, bao cao ve UBND tinh (qua So Noi vu) ket qua thuc hien.",
        units,
        "II.4",
      ),
    ).toEqual([
      {
        from: ["Sở Nội vụ", "Các sở, ban, ngành tỉnh"],
        to: "UBND tinh",
        via: "So Noi vu",
        due: { text: "Dinh ky hang quy", recurrence: "quarterly", date: null, month: null, day: null },
        source: "II.4",
      },
    ]);
  });

  it("joins a clause cut across lines, but not a title line or a new bullet", () => {
    const cut = reportingDuties(
      "Các đơn vị định kỳ hằng năm (trước ngày 10/12) tổng hợp và báo cáo kết quả thực hiện về\nUBND tỉnh (qua\nSở Nội vụ).",
      units,
      "III.1",
    );
    expect(cut.map((d) => [d.to, d.via, d.due?.month, d.due?.day])).toEqual([
      ["UBND tỉnh", "Sở Nội vụ", 12, 10],
    ]);
    const titled = reportingDuties("Chế độ báo cáo\nĐịnh kỳ hằng quý, báo cáo UBND tỉnh.", units, "III.2");
    expect(titled.map((d) => [d.to, d.due?.text])).toEqual([["UBND tỉnh", "Định kỳ hằng quý"]]);
    const bullets = reportingDuties(
      "Định kỳ hằng năm báo cáo về\n- UBND tỉnh những khó khăn phát sinh",
      units,
      "III.3",
    );
    expect(bullets).toEqual([]);
  });

  it("keeps a 'để' typed without marks as a purpose, and 'Đề nghị' as a request", () => {
    expect(reportingDuties("Gửi kết quả về Sở Nội vụ de tổng hợp, báo cáo UBND tỉnh.", units, "III")).toEqual(
      [],
    );
    expect(
      reportingDuties("Đề nghị Ủy ban MTTQ Việt Nam tỉnh báo cáo UBND tỉnh hằng năm.", units, "III").map(
        (d) => d.from,
      ),
    ).toEqual([["Ủy ban MTTQ Việt Nam tỉnh"]]);
  });
});

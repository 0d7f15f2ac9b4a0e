import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderNd30Docx } from "../../../lib/documents/nd30.ts";
import { AppError } from "../../../lib/errors.ts";
import { zipText } from "../../../test/zip.ts";
import { annexWorkbook } from "./annex.ts";
import { draftToDocument, textBlocks } from "./document.ts";
import {
  aggregate,
  buildConsolidationDraft,
  periodPhrase,
  planReference,
  planShortName,
  refreshDraft,
  titleCase,
} from "./draft.ts";
import { sampleInput, syntheticInput } from "./fixtures.ts";
import { attribution, mergeNarratives, splitSentences, withoutOwnName } from "./merge.ts";

describe("splitSentences", () => {
  it("cuts at full stops before a capital, at line ends and list marks, not after abbreviations", () => {
    expect(
      splitSentences(
        "Tổ chức 12 buổi tuyên truyền tại các xã. Đã quán triệt kế hoạch đến toàn thể cán bộ! Vì sao còn nhiều khó khăn trong kinh phí? 100% xã tổ chức hội nghị nhân dân đầu năm.",
      ),
    ).toEqual([
      "Tổ chức 12 buổi tuyên truyền tại các xã.",
      "Đã quán triệt kế hoạch đến toàn thể cán bộ!",
      "Vì sao còn nhiều khó khăn trong kinh phí?",
      "100% xã tổ chức hội nghị nhân dân đầu năm.",
    ]);
    expect(
      splitSentences(
        "Tại TP. Rạch Giá tổ chức hội nghị đối thoại với Nhân dân. KT. Chủ tịch UBND tỉnh ký ban hành kế hoạch.",
      ),
    ).toEqual([
      "Tại TP. Rạch Giá tổ chức hội nghị đối thoại với Nhân dân.",
      "KT. Chủ tịch UBND tỉnh ký ban hành kế hoạch.",
    ]);
    expect(splitSentences("- Một việc;\n- Việc khác\n\n1. Thứ ba")).toEqual([
      "Một việc;",
      "Việc khác",
      "Thứ ba",
    ]);
  });

  it("keeps a short sentence with the one it qualifies, on the same line only", () => {
    expect(
      splitSentences(
        "Tổ chức 8 hội nghị học tập, quán triệt Nghị quyết cho cán bộ. Ước đạt 30% kế hoạch năm.\nĐạt yêu cầu.",
      ),
    ).toEqual([
      "Tổ chức 8 hội nghị học tập, quán triệt Nghị quyết cho cán bộ. Ước đạt 30% kế hoạch năm.",
      "Đạt yêu cầu.",
    ]);
    expect(splitSentences("Hoàn thành nhiệm vụ. Đã tổ chức 3 hội nghị đối thoại với Nhân dân.")).toEqual([
      "Hoàn thành nhiệm vụ. Đã tổ chức 3 hội nghị đối thoại với Nhân dân.",
    ]);
    expect(splitSentences("Số liệu 1.234 người, tỷ lệ 95,5%.")).toEqual([
      "Số liệu 1.234 người, tỷ lệ 95,5%.",
    ]);
  });
});

describe("mergeNarratives", () => {
  it("keeps a sentence several units wrote alike once, naming them all", () => {
    const merged = mergeNarratives([
      {
        unitName: "Sở Y tế",
        text: "Đã quán triệt kế hoạch đến 100% đơn vị trực thuộc. Tiếp 35 lượt công dân tại trụ sở cơ quan.",
      },
      { unitName: "Sở Tư pháp", text: "Đã quán triệt Kế hoạch đến 100% các đơn vị trực thuộc!" },
      { unitName: "UBND huyện An Biên", text: "da quan triet ke hoach den 100% don vi truc thuoc" },
    ]);
    expect(merged[0]).toEqual({
      text: "Đã quán triệt kế hoạch đến 100% đơn vị trực thuộc (Sở Y tế, Sở Tư pháp, UBND huyện An Biên).",
      units: ["Sở Y tế", "Sở Tư pháp", "UBND huyện An Biên"],
    });
    expect(merged[1]).toEqual({
      text: "Tiếp 35 lượt công dân tại trụ sở cơ quan (Sở Y tế).",
      units: ["Sở Y tế"],
    });
    expect(merged).toHaveLength(2);
  });

  it("never merges sentences whose figures differ, nor sentences that only share a few words", () => {
    const merged = mergeNarratives([
      { unitName: "A", text: "Tổ chức 12 buổi tuyên truyền về dân chủ ở cơ sở." },
      { unitName: "B", text: "Tổ chức 15 buổi tuyên truyền về dân chủ ở cơ sở." },
      { unitName: "C", text: "Tổ chức hội nghị đối thoại với Nhân dân về đất đai." },
    ]);
    expect(merged.map((p) => p.units)).toEqual([["A"], ["B"], ["C"]]);
  });

  it("merges sentences that differ only by their writer's own name, printing them without it", () => {
    const merged = mergeNarratives([
      {
        unitName: "Sở Công Thương",
        text: "Sở Công Thương tổ chức quán triệt Nghị quyết số 43-NQ/TW đến toàn thể cán bộ, công chức.",
      },
      {
        unitName: "Sở Y tế",
        text: "Sở Y tế tổ chức quán triệt Nghị quyết số 43-NQ/TW đến toàn thể cán bộ, công chức.",
      },
      {
        unitName: "Ủy ban nhân dân huyện An Biên",
        text: "UBND huyện An Biên tổ chức quán triệt Nghị quyết số 43-NQ/TW đến toàn thể cán bộ, công chức.",
      },
    ]);
    expect(merged).toEqual([
      {
        text: "Tổ chức quán triệt Nghị quyết số 43-NQ/TW đến toàn thể cán bộ, công chức (Sở Công Thương, Sở Y tế, Ủy ban nhân dân huyện An Biên).",
        units: ["Sở Công Thương", "Sở Y tế", "Ủy ban nhân dân huyện An Biên"],
      },
    ]);
    expect(withoutOwnName("Ban Giám đốc Sở Y tế chỉ đạo các phòng.", "Sở Y tế")).toBe(
      "Ban Giám đốc đơn vị chỉ đạo các phòng.",
    );
    // one unit alone keeps its words as written
    expect(mergeNarratives([{ unitName: "Sở Y tế", text: "Sở Y tế tổ chức 3 hội nghị." }])[0].text).toBe(
      "Sở Y tế tổ chức 3 hội nghị (Sở Y tế).",
    );
  });

  it("gathers one unit's own sentences in one paragraph, in the order written", () => {
    const merged = mergeNarratives([
      {
        unitName: "Sở Y tế",
        text: "Việc thứ nhất đã được triển khai xong. Việc thứ hai đang được triển khai tốt.\nViệc thứ ba",
      },
    ]);
    expect(merged).toEqual([
      {
        text: "Việc thứ nhất đã được triển khai xong. Việc thứ hai đang được triển khai tốt. Việc thứ ba (Sở Y tế).",
        units: ["Sở Y tế"],
      },
    ]);
  });

  it("counts a unit once even when it repeats itself", () => {
    const merged = mergeNarratives([
      {
        unitName: "A",
        text: "Kết quả thực hiện cơ bản đạt yêu cầu đề ra.\nKết quả thực hiện cơ bản đạt yêu cầu đề ra.",
      },
      { unitName: "B", text: "Kết quả thực hiện cơ bản đạt yêu cầu đề ra." },
    ]);
    expect(merged).toEqual([
      { text: "Kết quả thực hiện cơ bản đạt yêu cầu đề ra (A, B).", units: ["A", "B"] },
    ]);
  });

  it("shortens a long attribution", () => {
    const names = Array.from({ length: 12 }, (_, i) => `UBND xã ${i + 1}`);
    expect(attribution(names)).toBe("UBND xã 1, UBND xã 2, UBND xã 3, UBND xã 4, UBND xã 5 và 7 đơn vị khác");
    expect(attribution(names.slice(0, 8))).toBe(names.slice(0, 8).join(", "));
  });
});

describe("buildConsolidationDraft", () => {
  const draft = buildConsolidationDraft(sampleInput());
  const section = (key: string) => draft.sections.find((s) => s.key === key)!;

  it("refuses a period without any accepted report, in both languages", () => {
    const input = { ...sampleInput(), reports: [] };
    const error = (() => {
      try {
        buildConsolidationDraft(input);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe("consolidation_no_reports");
    expect(error?.status).toBe(422);
    expect(error?.message).toContain("năm 2024");
  });

  it("has one section per plan heading, numbered as in the plan, with attributed, merged narratives", () => {
    expect(draft.sections.map((s) => s.key)).toEqual([
      "intro",
      "heading:II.1",
      "heading:II.2",
      "heading:II.3",
      "indicators",
      "reporting",
      "difficulties",
      "escalations",
      "directions",
      "proposals",
    ]);
    expect(section("heading:II.1").title).toBe("1. Tuyên truyền, phổ biến, quán triệt");
    expect(section("heading:II.3").title).toBe(
      "3. Tiếp công dân, đối thoại và giải quyết phản ánh, kiến nghị",
    );
    const text = section("heading:II.1").text;
    // one paragraph per kind of unit: what the two departments wrote alike once, then each one's own
    expect(text.split("\n")[0]).toMatch(
      /^Các sở, ban, ngành đã quán triệt kế hoạch đến 100% đơn vị trực thuộc\. Sở Y tế .*\. Sở Tư pháp .*\.$/,
    );
    expect(text.split("\n")[1]).toBe("UBND huyện An Biên tổ chức 7 buổi tuyên truyền tại các xã, thị trấn.");
    expect(section("heading:II.2").text).toBe(
      "100% xã, thị trấn tổ chức hội nghị nhân dân đầu năm (UBND huyện An Biên).",
    );
    expect(section("intro").text).toMatch(
      /^Thực hiện Kế hoạch số 181\/KH-UBND ngày 05\/6\/2024 .*năm 2024 như sau:$/,
    );
  });

  it("numbers headings in order with the plan's code when they do not share one part", () => {
    const input = sampleInput();
    input.plan.headings = [
      { code: "I.2", title: "Một" },
      { code: "II.1", title: "Hai" },
    ];
    const titles = buildConsolidationDraft(input)
      .sections.filter((s) => s.kind === "heading")
      .map((s) => s.title);
    expect(titles).toEqual(["1. (I.2) Một", "2. (II.1) Hai"]);
  });

  it("says so under a heading no unit reported on", () => {
    const input = sampleInput();
    input.plan.headings.push({ code: "II.4", title: "Kiểm tra, giám sát" });
    expect(buildConsolidationDraft(input).sections.find((s) => s.key === "heading:II.4")?.text).toBe(
      "Chưa có đơn vị báo cáo kết quả thực hiện nội dung này.",
    );
  });

  it("aggregates each indicator by its rule, leaving out units that gave no figure", () => {
    const byCode = Object.fromEntries(draft.indicators.map((i) => [i.code, i]));
    expect(byCode.sessions).toMatchObject({ value: 24, reportingUnits: 3 });
    expect(byCode.participants).toMatchObject({ value: 2350, reportingUnits: 3 });
    expect(byCode.satisfaction).toMatchObject({ value: 85, reportingUnits: 2 });
    // "latest": the most recently sent report that gives it (Sở Tư pháp, 6 December)
    expect(byCode.population).toMatchObject({ value: 1_760_000, reportingUnits: 2 });
    expect(aggregate({ code: "none", aggregation: "sum" }, sampleInput().reports)).toEqual({
      value: null,
      reportingUnits: 0,
    });
  });

  it("lists the late units, the units without an accepted report and where theirs stands", () => {
    const text = section("reporting").text;
    expect(text).toContain("3/5 đơn vị có báo cáo năm 2024 được chấp nhận");
    expect(text).toContain("sau thời hạn 10/12/2024: UBND huyện An Biên.");
    expect(text).toContain("- Sở Văn hóa và Thể thao (được trả lại để bổ sung, chưa gửi lại);");
    expect(text).toContain("- UBND thành phố Phú Quốc (chưa báo cáo).");
    expect(draft.counts).toEqual({ expected: 5, accepted: 3, late: 1, missing: 2 });
    expect(draft.missing).toHaveLength(2);
  });

  it("gathers difficulties and proposals (merged) and the escalations with their decisions", () => {
    expect(section("difficulties").text).toBe(
      "- Kinh phí cho công tác tuyên truyền còn hạn chế (Sở Y tế, Sở Tư pháp).",
    );
    expect(section("proposals").text.split("\n")).toHaveLength(2);
    const escalations = section("escalations").text;
    expect(escalations).toContain(
      "Bổ sung biên chế cho bộ phận tiếp công dân cấp huyện (UBND huyện An Biên đề xuất; Sở Nội vụ chủ trì xử lý, hạn 30/11/2024) — đã có ý kiến chỉ đạo: UBND tỉnh giao Sở Nội vụ cân đối trong tổng biên chế năm 2025;",
    );
    expect(escalations).toContain(
      "Hướng dẫn chi kinh phí đối thoại (Sở Y tế đề xuất; Sở Tài chính chủ trì xử lý) — đang xử lý.",
    );
  });

  it("leaves next year's directions empty for the coordinator", () => {
    expect(section("directions")).toMatchObject({
      title: "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI",
      text: "",
      edited: false,
    });
  });

  it("keeps the coordinator's edited sections on refresh, flagging those whose source changed", () => {
    const edited = {
      ...draft,
      sections: draft.sections.map((s) =>
        s.key === "heading:II.2" || s.key === "directions"
          ? { ...s, text: "Văn bản của cơ quan đầu mối.", edited: true }
          : s,
      ),
    };
    const input = sampleInput();
    input.reports[2].sections[1].text = "100% xã tổ chức hội nghị nhân dân và đối thoại.";
    input.reports[0].sections[1].text = "Tiếp 40 lượt công dân.";
    const next = refreshDraft(edited, buildConsolidationDraft(input));
    const by = (key: string) => next.sections.find((s) => s.key === key)!;
    expect(by("heading:II.2")).toMatchObject({
      text: "Văn bản của cơ quan đầu mối.",
      edited: true,
      sourceChanged: true,
    });
    expect(by("directions")).toMatchObject({
      text: "Văn bản của cơ quan đầu mối.",
      edited: true,
      sourceChanged: false,
    });
    expect(by("heading:II.3").text).toBe("Sở Y tế tiếp 40 lượt công dân.");
  });
});

describe("titleCase and planReference", () => {
  it("writes bodies' names for running text", () => {
    expect(titleCase("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG")).toBe("Ủy ban nhân dân tỉnh Kiên Giang");
    expect(titleCase("UBND TỈNH AN GIANG")).toBe("Ủy ban nhân dân tỉnh An Giang");
    expect(titleCase("SỞ NỘI VỤ")).toBe("Sở Nội vụ");
    expect(titleCase("Ban Chỉ đạo")).toBe("Ban Chỉ đạo");
    expect(titleCase("Báo Kiên Giang")).toBe("Báo Kiên Giang");
  });

  it("names the plan in an abstract by number, else by the document it carries out", () => {
    expect(planShortName({ title: "x", number: "181/KH-UBND" })).toBe("Kế hoạch số 181/KH-UBND");
    expect(
      planShortName({
        title:
          "Kế hoạch tháng 6/2024 của UBND tỉnh thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy",
        number: null,
      }),
    ).toBe("Kế hoạch thực hiện Chương trình hành động số 51-CTr/TU");
    expect(planShortName({ title: "Kế hoạch dân vận", number: null })).toBe("Kế hoạch");
    expect(periodPhrase("Năm 2024")).toBe("năm 2024");
  });

  it("cites a plan by its own title when it names itself, else by number and title", () => {
    expect(
      planReference({
        title: "Kế hoạch số 5/KH-UBND ngày 01/3/2024 về dân vận",
        number: "5/KH-UBND",
        issuedOn: null,
      }),
    ).toBe("Kế hoạch số 5/KH-UBND ngày 01/3/2024 về dân vận");
    expect(
      planReference({ title: "Thực hiện dân chủ ở cơ sở", number: "05/KH-UBND", issuedOn: "2024-03-01" }),
    ).toBe("Kế hoạch số 05/KH-UBND ngày 01/03/2024 (Thực hiện dân chủ ở cơ sở)");
  });
});

describe("draftToDocument", () => {
  const draft = buildConsolidationDraft(sampleInput());

  it("fills in the report's Nghị định 30 fields", () => {
    const doc = draftToDocument(draft);
    expect(doc.issuer).toEqual({ name: "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" });
    expect(doc.number).toBe("…/BC-UBND");
    expect(doc.kind).toBe("BÁO CÁO");
    expect(doc.abstract).toBe("Kết quả thực hiện Kế hoạch số 181/KH-UBND năm 2024");
    expect(doc.signature).toEqual({
      authority: "TM. ỦY BAN NHÂN DÂN",
      capacity: "KT. CHỦ TỊCH",
      title: "PHÓ CHỦ TỊCH",
    });
    expect(doc.copiesTo.at(-1)).toBe("- Lưu: VT, SNV.");
    expect(doc.date).toBeNull();
    const numbered = draftToDocument(draft, { number: "12/BC-UBND", signer: { name: "Lê Văn B" } });
    expect(numbered.number).toBe("12/BC-UBND");
    expect(numbered.signature.name).toBe("Lê Văn B");
  });

  it("orders the sections I–IV, with the indicator table and './.' at the end", () => {
    const doc = draftToDocument(draft);
    const headings = doc.body
      .filter((b) => b.type === "heading")
      .map((b) => (b.type === "heading" ? b.text : ""));
    expect(headings).toEqual([
      "I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN",
      "1. Tuyên truyền, phổ biến, quán triệt",
      "2. Phát huy quyền làm chủ của Nhân dân",
      "3. Tiếp công dân, đối thoại và giải quyết phản ánh, kiến nghị",
      "4. Kết quả các chỉ tiêu",
      "5. Tình hình báo cáo của các đơn vị",
      "II. KHÓ KHĂN, VƯỚNG MẮC VÀ KẾT QUẢ XỬ LÝ",
      "1. Khó khăn, vướng mắc",
      "2. Kết quả xử lý các khó khăn, vướng mắc vượt thẩm quyền",
      "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI",
      "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]);
    const table = doc.body.find((b) => b.type === "table");
    expect(table?.type === "table" && table.rows).toEqual([
      ["1", "Số buổi tuyên truyền", "buổi", "24", "3"],
      ["2", "Số lượt người tham dự", "lượt người", "2.350", "3"],
      ["3", "Tỷ lệ hài lòng", "%", "85", "2"],
      ["4", "Dân số toàn tỉnh", "người", "1.760.000", "2"],
    ]);
    const last = doc.body.at(-1);
    expect(last?.type === "paragraph" && last.text).toMatch(/của Ủy ban nhân dân tỉnh Kiên Giang\.\/\.$/);
  });

  it("turns a section's lines into paragraphs and its '- ' lines into a list", () => {
    expect(textBlocks("Mở đầu.\n- một;\n- hai.\n\nKết.")).toEqual([
      { type: "paragraph", text: "Mở đầu." },
      { type: "bullets", items: ["một;", "hai."] },
      { type: "paragraph", text: "Kết." },
    ]);
  });

  it("prints the coordinator's edits and a dotted line where the directions are still empty", async () => {
    const edited = {
      ...draft,
      sections: draft.sections.map((s) =>
        s.key === "heading:II.2" ? { ...s, text: "Nội dung đã biên tập lại.", edited: true } : s,
      ),
    };
    const xml = zipText(await renderNd30Docx(draftToDocument(edited)), "word/document.xml");
    expect(xml).toContain(">Nội dung đã biên tập lại.<");
    expect(xml).not.toContain("100% xã, thị trấn tổ chức hội nghị nhân dân đầu năm");
    expect(xml).toContain(`>${"…".repeat(28)}<`);
  });
});

describe("annexWorkbook", () => {
  it("has one row per unit, one column per indicator, totals by rule, a frozen Vietnamese header", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await annexWorkbook(sampleInput())) as never);
    const sheet = workbook.getWorksheet("Số liệu các đơn vị")!;
    const headerRow = sheet.views[0] as { state: string; ySplit: number; xSplit: number };
    expect(headerRow.state).toBe("frozen");
    expect(headerRow.xSplit).toBe(2);
    const header = sheet.getRow(headerRow.ySplit).values as unknown[];
    expect(header.slice(1)).toEqual([
      "STT",
      "Đơn vị",
      "Loại đơn vị",
      "Ngày gửi",
      "Thời hạn",
      "Số buổi tuyên truyền (buổi)",
      "Số lượt người tham dự (lượt người)",
      "Tỷ lệ hài lòng (%)",
      "Dân số toàn tỉnh (người)",
    ]);
    const row = (n: number) => (sheet.getRow(headerRow.ySplit + n).values as unknown[]).slice(1);
    expect(row(1).slice(0, 2)).toEqual([1, "Sở Y tế"]);
    expect(row(1)[4]).toBe("Đúng hạn");
    expect(row(3).slice(1, 2)).toEqual(["UBND huyện An Biên"]);
    expect(row(3)[4]).toBe("Sau hạn");
    expect(row(3)[7]).toBeUndefined(); // no figure given: an empty cell, not a zero
    const totals = row(4);
    expect(totals[1]).toBe("Tổng cộng");
    expect(totals[5]).toMatchObject({ formula: expect.stringMatching(/^SUM\(F\d+:F\d+\)$/), result: 24 });
    expect(totals[7]).toMatchObject({ formula: expect.stringMatching(/^AVERAGE\(H\d+:H\d+\)$/), result: 85 });
    expect(sheet.getRow(headerRow.ySplit + 1).getCell(6).numFmt).toBe("#,##0");
    const missing = workbook.getWorksheet("Đơn vị chưa báo cáo")!;
    const names: string[] = [];
    missing.eachRow((r) => names.push(String(r.getCell(2).value ?? "")));
    expect(names).toContain("UBND thành phố Phú Quốc");
  });
});

describe("scale", () => {
  it("drafts 150 units × 10 headings in well under the time a person waits (npm run bench: × 40)", () => {
    const input = syntheticInput({ units: 150, headings: 10, indicators: 15 });
    const started = performance.now();
    const draft = buildConsolidationDraft(input);
    const elapsed = performance.now() - started;
    expect(draft.sections.filter((s) => s.kind === "heading")).toHaveLength(10);
    // shared sentences were merged: one paragraph per kind of unit, statements counted "N/M"
    const first = draft.sections.find((s) => s.key === "heading:II.1")!;
    expect(first.text.split("\n").length).toBeLessThanOrEqual(5);
    expect(first.text).toMatch(/ \d+\/\d+ (sở, ban, ngành|xã)/);
    // about 1 s alone on a 2-core machine (npm run bench measures it); a quadratic merge takes far longer
    expect(elapsed).toBeLessThan(10_000);
  });
});

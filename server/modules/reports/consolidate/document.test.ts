import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderNd30Docx } from "../../../lib/documents/nd30.ts";
import { zipText } from "../../../test/zip.ts";
import { annexWorkbook } from "./annex.ts";
import { draftToDocument, textBlocks } from "./document.ts";
import { buildConsolidationDraft, periodPhrase, planReference, planShortName, titleCase } from "./draft.ts";
import { sampleInput } from "./fixtures.ts";

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

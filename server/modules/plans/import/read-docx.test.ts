import { describe, expect, it } from "vitest";
import { PlanImportError } from "./errors.ts";
import { readDocx } from "./read-docx.ts";
import { lvl, makeDocx, makeZip, p } from "./test-helpers.ts";

const PLAN_LIST = `<w:abstractNum w:abstractNumId="0">${lvl(0, "upperRoman", "%1.")}${lvl(1, "decimal", "%2.")}${lvl(2, "lowerLetter", "%3)")}${lvl(3, "bullet", "-")}${lvl(4, "bullet", "\uf0b7")}</w:abstractNum>`;

async function lines(body: string, parts: { numbering?: string; styles?: string } = {}): Promise<string[]> {
  return (await readDocx(makeDocx(body, parts))).split("\n");
}

async function refusal(buffer: Buffer): Promise<PlanImportError> {
  try {
    await readDocx(buffer);
  } catch (error) {
    if (error instanceof PlanImportError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("Word's automatic numbering", () => {
  it("writes the numbers that exist only in numbering.xml", async () => {
    const numbering = `${PLAN_LIST}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    const n = (ilvl: number) => ({ numId: 1, ilvl });
    const body = [
      p("MỤC ĐÍCH", n(0)),
      p("Mục đích", n(1)),
      p("Nâng cao nhận thức.", n(3)),
      p("NHIỆM VỤ", n(0)),
      p("Nhiệm vụ chung", n(1)),
      p("Tuyên truyền.", n(2)),
      p("Tập huấn.", n(2)),
      p("Cấp tỉnh.", n(4)),
      p("Nhiệm vụ riêng", n(1)),
      p("Đoạn không đánh số."),
    ].join("");
    expect(await lines(body, { numbering })).toEqual([
      "I. MỤC ĐÍCH",
      "1. Mục đích",
      "- Nâng cao nhận thức.",
      "II. NHIỆM VỤ",
      "1. Nhiệm vụ chung",
      "a) Tuyên truyền.",
      "b) Tập huấn.",
      "• Cấp tỉnh.",
      "2. Nhiệm vụ riêng",
      "Đoạn không đánh số.",
    ]);
  });

  it("continues a list across instances of one definition, and restarts where an instance overrides the start", async () => {
    const numbering = [
      `<w:abstractNum w:abstractNumId="5">${lvl(0, "decimal", "%1/")}</w:abstractNum>`,
      `<w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num>`,
      `<w:num w:numId="2"><w:abstractNumId w:val="5"/></w:num>`,
      `<w:num w:numId="3"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`,
    ].join("");
    const body = [
      p("Một", { numId: 1, ilvl: 0 }),
      p("Hai", { numId: 2, ilvl: 0 }),
      p("Lại một", { numId: 3, ilvl: 0 }),
    ].join("");
    expect(await lines(body, { numbering })).toEqual(["1/ Một", "2/ Hai", "1/ Lại một"]);
  });

  it("reads numbering given by a paragraph style and its parent styles", async () => {
    const numbering = `${PLAN_LIST}<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>`;
    const styles = [
      `<w:style w:styleId="Muc"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>`,
      `<w:style w:styleId="Muc1"><w:basedOn w:val="Muc"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>`,
    ].join("");
    const body = [
      p("MỤC TIÊU", undefined, "Muc"),
      p("Mục tiêu chung", undefined, "Muc1"),
      p("Mục tiêu cụ thể", undefined, "Muc1"),
    ].join("");
    expect(await lines(body, { numbering, styles })).toEqual([
      "I. MỤC TIÊU",
      "1. Mục tiêu chung",
      "2. Mục tiêu cụ thể",
    ]);
  });

  it("renders multi-level and zero-padded numbers", async () => {
    const numbering = `<w:abstractNum w:abstractNumId="1">${lvl(0, "decimalZero", "%1.")}${lvl(1, "decimal", "%1.%2.")}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>`;
    const body = [
      p("Chỉ đạo", { numId: 1, ilvl: 0 }),
      p("Kiện toàn", { numId: 1, ilvl: 1 }),
      p("Báo cáo", { numId: 1, ilvl: 1 }),
    ].join("");
    expect(await lines(body, { numbering })).toEqual(["01. Chỉ đạo", "01.1. Kiện toàn", "01.2. Báo cáo"]);
  });
});

describe("document body", () => {
  it("keeps inserted text and drops deleted text and field codes", async () => {
    const body =
      "<w:p><w:r><w:t>Sở </w:t></w:r><w:del><w:r><w:delText>Tư pháp</w:delText></w:r></w:del><w:ins><w:r><w:t>Nội vụ</w:t></w:r></w:ins><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:tab/><w:t>chủ trì</w:t></w:r></w:p>";
    expect(await lines(body)).toEqual(["Sở Nội vụ chủ trì"]);
  });

  it("writes a task table as pipe rows and a layout table cell by cell", async () => {
    const cell = (texts: string[], extra = "") =>
      `<w:tc><w:tcPr>${extra}</w:tcPr>${texts.map((t) => p(t)).join("")}</w:tc>`;
    const row = (cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;
    const layout = `<w:tbl>${row([cell(["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"]), cell(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])])}</w:tbl>`;
    const tasks = `<w:tbl>${[
      row(
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"].map((h) => cell([h])),
      ),
      row([cell(["I"]), cell(["Tuyên truyền"], '<w:gridSpan w:val="4"/>')]),
      row([
        cell(["1"], '<w:vMerge w:val="restart"/>'),
        cell(["Quán triệt"]),
        cell(["Sở Nội vụ"]),
        cell(["Sở Tài chính", "Sở Tư pháp"]),
        cell(["Quý III/2024"]),
      ]),
      row([cell([], "<w:vMerge/>"), cell(["và tập huấn"]), cell([]), cell([]), cell([])]),
    ].join("")}</w:tbl>`;
    expect(await lines(layout + tasks)).toEqual([
      "ỦY BAN NHÂN DÂN",
      "TỈNH KIÊN GIANG",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |",
      "| I | Tuyên truyền |",
      "| 1 | Quán triệt | Sở Nội vụ | Sở Tài chính; Sở Tư pháp | Quý III/2024 |",
      "|  | và tập huấn |  |  |  |",
      "",
    ]);
  });
});

describe("files that are not Word documents", () => {
  it("refuses a zip of something else", async () => {
    const zip = makeZip({ mimetype: "application/epub+zip", "OEBPS/content.opf": "<package/>" });
    const error = await refusal(zip);
    expect(error.code).toBe("not-docx");
    expect(error.messageVi).toContain("không phải văn bản Word");
  });

  it("refuses bytes that are not a zip, and a damaged zip", async () => {
    expect((await refusal(Buffer.from("Kế hoạch số 12"))).code).toBe("invalid-docx");
    const damaged = makeDocx(p("Kế hoạch")).subarray(0, 120);
    expect((await refusal(Buffer.from(damaged))).code).toBe("invalid-docx");
  });
});

describe("a spreadsheet renamed .docx", () => {
  it("is refused as not a Word document, not a crash", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Sheet1").addRow(["Kế hoạch", "không phải"]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(readDocx(buffer)).rejects.toMatchObject({ code: "not-docx" });
  });
});

import { describe, expect, it } from "vitest";
import { unzipEntries } from "../../test/zip.ts";
import { A4, issuerLines, MARGINS_MM, placeDateLine, renderNd30Docx } from "./nd30.ts";
import type { Nd30Document } from "./types.ts";

const report: Nd30Document = {
  issuer: { name: "Ủy ban nhân dân tỉnh Kiên Giang" },
  number: "…/BC-UBND",
  place: "Kiên Giang",
  date: new Date("2025-01-04T18:30:00Z"), // 01:30 on 5 January in Vietnam
  kind: "Báo cáo",
  abstract: "Kết quả thực hiện Kế hoạch số 181/KH-UBND năm 2024",
  body: [
    { type: "heading", level: 1, text: "I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN" },
    { type: "heading", level: 2, text: "1. Tuyên truyền, phổ biến" },
    { type: "paragraph", text: "Các sở, ban, ngành đã tổ chức 24 buổi tuyên truyền (Sở Y tế, Sở Tư pháp)." },
    {
      type: "paragraph",
      runs: [
        { text: "Nhấn mạnh: ", bold: true },
        { text: "ở cơ sở", italic: true },
      ],
    },
    { type: "bullets", items: ["Đồng Tháp và Kiên Giang phối hợp;"] },
    {
      type: "table",
      header: ["STT", "Chỉ tiêu", "Kết quả"],
      rows: [["1", "Số buổi", "24"]],
      totals: ["", "Tổng cộng", "24"],
      widths: [10, 60, 30],
    },
    { type: "pageBreak" },
    { type: "paragraph", text: "Trên đây là báo cáo./." },
  ],
  signature: {
    authority: "TM. Ủy ban nhân dân",
    capacity: "KT. CHỦ TỊCH",
    title: "PHÓ CHỦ TỊCH",
    name: "Nguyễn Văn A",
  },
  copiesTo: ["- Thường trực Tỉnh ủy;", "- Lưu: VT, SNV."],
};

async function parts(doc: Nd30Document) {
  const zip = unzipEntries(await renderNd30Docx(doc));
  const text = (name: string) => zip.get(name)?.toString("utf8") ?? "";
  const rels = text("word/_rels/document.xml.rels");
  const headerTarget = (type: string) => {
    const id = new RegExp(`<w:headerReference w:type="${type}" r:id="(\\w+)"`).exec(
      text("word/document.xml"),
    )?.[1];
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    return text(`word/${target}`);
  };
  return { document: text("word/document.xml"), styles: text("word/styles.xml"), headerTarget };
}

/** The `<w:p>` (paragraph) that holds `needle`, to check its properties. */
function paragraphWith(xml: string, needle: string): string {
  const at = xml.indexOf(`>${needle}<`);
  expect(at, `"${needle}" in document.xml`).toBeGreaterThan(-1);
  const start = Math.max(xml.lastIndexOf("<w:p>", at), xml.lastIndexOf("<w:p ", at));
  return xml.slice(start, xml.indexOf("</w:p>", at));
}

describe("renderNd30Docx — the Nghị định 30/2020 layout", () => {
  it("is A4 portrait with the decree's margins, Times New Roman, and titlePg", async () => {
    const { document, styles } = await parts(report);
    expect(document).toContain(`<w:pgSz w:w="${A4.width}" w:h="${A4.height}" w:orient="portrait"/>`);
    const margin = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(document)!;
    const mm = (twips: string) => (Number(twips) * 25.4) / 1440;
    expect(mm(margin[1])).toBeGreaterThanOrEqual(20);
    expect(mm(margin[1])).toBeLessThanOrEqual(25);
    expect(mm(margin[3])).toBeGreaterThanOrEqual(20);
    expect(mm(margin[3])).toBeLessThanOrEqual(25);
    expect(mm(margin[4])).toBeGreaterThanOrEqual(30);
    expect(mm(margin[4])).toBeLessThanOrEqual(35);
    expect(mm(margin[2])).toBeGreaterThanOrEqual(14.9);
    expect(mm(margin[2])).toBeLessThanOrEqual(20);
    expect(MARGINS_MM.left).toBe(30);
    expect(document).toContain("<w:titlePg/>");
    expect(styles).toMatch(
      /<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"/,
    );
    // 14 pt body (28 half-points) by default
    expect(styles).toMatch(/<w:rPrDefault>.*<w:sz w:val="28"\/>/);
    expect(document).not.toMatch(/w:ascii="(?!Times New Roman)/);
  });

  it("puts the issuer and the quốc hiệu in a two-column header table without borders", async () => {
    const { document } = await parts(report);
    const firstTable = document.slice(document.indexOf("<w:tbl>"), document.indexOf("</w:tbl>"));
    expect(firstTable).toMatch(/<w:tblBorders><w:top w:val="none"/);
    expect(firstTable).not.toMatch(/w:val="single"[^>]*\/><w:left/); // no cell borders
    expect(firstTable.match(/<w:gridCol /g)).toHaveLength(2);
    const left = firstTable.indexOf(">TỈNH KIÊN GIANG<");
    const right = firstTable.indexOf("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(left).toBeGreaterThan(-1);
    expect(right).toBeGreaterThan(left);
    // the issuer in bold capitals 13 pt, the quốc hiệu bold capitals 13 pt
    // "ỦY BAN NHÂN DÂN" over "TỈNH KIÊN GIANG", as the header is set by hand
    expect(paragraphWith(document, "ỦY BAN NHÂN DÂN")).toMatch(/<w:b\/>.*<w:sz w:val="26"\/>/);
    expect(paragraphWith(document, "TỈNH KIÊN GIANG")).toMatch(/<w:b\/>.*<w:sz w:val="26"\/>/);
    expect(paragraphWith(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toMatch(
      /<w:b\/>.*<w:sz w:val="26"\/>/,
    );
    // "Độc lập - Tự do - Hạnh phúc" bold 14 pt with its line (an underline as long as the words)
    const motto = paragraphWith(document, "Độc lập - Tự do - Hạnh phúc");
    expect(motto).toMatch(/<w:b\/>/);
    expect(motto).toMatch(/<w:u w:val="single"/);
    expect(motto).toMatch(/<w:sz w:val="28"\/>/);
    expect(motto).toMatch(/<w:jc w:val="center"\/>/);
    // a short rule under the issuer: an empty paragraph with a bottom border, narrowed by indents
    expect(firstTable).toMatch(
      /<w:pBdr><w:bottom w:val="single"[\s\S]*?<w:ind w:left="\d+" w:right="\d+"\/>/,
    );
  });

  it("writes the number, and the place and date in italics with the decree's zero padding", async () => {
    const { document } = await parts(report);
    expect(paragraphWith(document, "Số: …/BC-UBND")).toMatch(/<w:sz w:val="26"\/>/);
    const date = paragraphWith(document, "Kiên Giang, ngày 05 tháng 01 năm 2025");
    expect(date).toMatch(/<w:i\/>/);
  });

  it("prints the kind in bold capitals and the abstract in bold, centred, with a rule", async () => {
    const { document } = await parts(report);
    const kind = paragraphWith(document, "BÁO CÁO");
    expect(kind).toMatch(/<w:jc w:val="center"\/>/);
    expect(kind).toMatch(/<w:b\/>/);
    const abstract = paragraphWith(document, "Kết quả thực hiện Kế hoạch số 181/KH-UBND năm 2024");
    expect(abstract).toMatch(/<w:b\/>/);
    const after = document.slice(document.indexOf("Kết quả thực hiện Kế hoạch số 181/KH-UBND năm 2024"));
    expect(after.slice(0, 1200)).toMatch(/<w:pBdr><w:bottom w:val="single"/);
  });

  it("justifies the body with a first-line indent, and lays out headings, emphasis, lists and tables", async () => {
    const { document } = await parts(report);
    const body = paragraphWith(
      document,
      "Các sở, ban, ngành đã tổ chức 24 buổi tuyên truyền (Sở Y tế, Sở Tư pháp).",
    );
    expect(body).toMatch(/<w:jc w:val="both"\/>/);
    expect(body).toMatch(/<w:ind w:firstLine="\d+"\/>/);
    expect(body).toMatch(/<w:spacing [^>]*w:after="120"/); // 6 pt between paragraphs
    expect(paragraphWith(document, "I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN")).toMatch(/<w:b\/>/);
    expect(paragraphWith(document, "Nhấn mạnh: ")).toMatch(/<w:b\/>/);
    expect(paragraphWith(document, "ở cơ sở")).toMatch(/<w:i\/>/);
    expect(document).toContain(">- Đồng Tháp và Kiên Giang phối hợp;<");
    expect(document).toContain("<w:tblHeader/>"); // the table's header row repeats on each page
    expect(paragraphWith(document, "Tổng cộng")).toMatch(/<w:b\/>/);
    expect(document).toContain("<w:pageBreakBefore/>");
  });

  it("closes with the signature block on the right and Nơi nhận on the left (12/11 pt)", async () => {
    const { document } = await parts(report);
    const closing = document.slice(document.lastIndexOf("<w:tbl>"));
    expect(closing).toMatch(/<w:tblBorders><w:top w:val="none"/);
    expect(closing.indexOf("Nơi nhận:")).toBeLessThan(closing.indexOf("TM. ỦY BAN NHÂN DÂN"));
    const copies = paragraphWith(document, "Nơi nhận:");
    expect(copies).toMatch(/<w:b\/>.*<w:i\/>/);
    expect(copies).toMatch(/<w:sz w:val="24"\/>/);
    expect(paragraphWith(document, "- Thường trực Tỉnh ủy;")).toMatch(/<w:sz w:val="22"\/>/);
    expect(paragraphWith(document, "- Lưu: VT, SNV.")).toMatch(/<w:sz w:val="22"\/>/);
    for (const line of ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]) {
      const p = paragraphWith(document, line);
      expect(p).toMatch(/<w:b\/>/);
      expect(p).toMatch(/<w:jc w:val="center"\/>/);
    }
    // the last body paragraph keeps with the signature
    expect(paragraphWith(document, "Trên đây là báo cáo./.")).toMatch(/<w:keepNext\/>/);
  });

  it("numbers pages from page 2: an empty first-page header, a centred PAGE field after", async () => {
    const { headerTarget } = await parts(report);
    const first = headerTarget("first");
    const other = headerTarget("default");
    expect(first).not.toContain("PAGE");
    expect(other).toContain(">PAGE<");
    expect(other).toMatch(/<w:jc w:val="center"\/>/);
  });

  it("writes a công văn: the abstract 'V/v …' under the number and 'Kính gửi:' the recipients", async () => {
    const { document } = await parts({
      ...report,
      issuer: { parent: "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", name: "Sở Nội vụ" },
      number: "…/SNV-XDCQ",
      kind: undefined,
      abstract: "đôn đốc báo cáo",
      recipients: ["Sở Y tế;", "UBND huyện An Biên"],
      date: null,
    });
    expect(document).not.toContain(">BÁO CÁO<");
    expect(document).toContain(">V/v đôn đốc báo cáo<");
    expect(document.indexOf(">TỈNH KIÊN GIANG<")).toBeLessThan(document.indexOf(">SỞ NỘI VỤ<"));
    expect(paragraphWith(document, "SỞ NỘI VỤ")).toMatch(/<w:b\/>/);
    expect(paragraphWith(document, "TỈNH KIÊN GIANG")).not.toMatch(/<w:b\/>/);
    expect(document).toContain(">Kính gửi:<");
    expect(document).toContain(">- Sở Y tế;<");
    expect(document).toContain(">- UBND huyện An Biên.<");
    expect(document).toContain(">Kiên Giang, ngày … tháng … năm …<");
  });
});

describe("issuerLines", () => {
  it("sets a People's Committee's name on two lines and keeps other names whole", () => {
    expect(issuerLines("Ủy ban nhân dân tỉnh Kiên Giang")).toEqual(["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"]);
    expect(issuerLines("ỦY BAN NHÂN DÂN XÃ ĐÔNG HÒA")).toEqual(["ỦY BAN NHÂN DÂN", "XÃ ĐÔNG HÒA"]);
    expect(issuerLines("Sở Nội vụ")).toEqual(["SỞ NỘI VỤ"]);
    expect(issuerLines("BAN CHỈ ĐẠO\nTHỰC HIỆN DÂN CHỦ Ở CƠ SỞ")).toEqual([
      "BAN CHỈ ĐẠO",
      "THỰC HIỆN DÂN CHỦ Ở CƠ SỞ",
    ]);
  });
});

describe("placeDateLine", () => {
  it("pads days below 10 and months below 3, and uses the date in Vietnam", () => {
    expect(placeDateLine("Kiên Giang", new Date("2024-03-05T03:00:00Z"))).toBe(
      "Kiên Giang, ngày 05 tháng 3 năm 2024",
    );
    expect(placeDateLine("Kiên Giang", new Date("2024-02-09T03:00:00Z"))).toBe(
      "Kiên Giang, ngày 09 tháng 02 năm 2024",
    );
    expect(placeDateLine("Kiên Giang", new Date("2024-01-10T03:00:00Z"))).toBe(
      "Kiên Giang, ngày 10 tháng 01 năm 2024",
    );
    expect(placeDateLine("Hà Nội", new Date("2024-12-25T03:00:00Z"))).toBe(
      "Hà Nội, ngày 25 tháng 12 năm 2024",
    );
    // 31 December 20:00 UTC is already 1 January in Vietnam
    expect(placeDateLine("Kiên Giang", new Date("2024-12-31T20:00:00Z"))).toBe(
      "Kiên Giang, ngày 01 tháng 01 năm 2025",
    );
    expect(placeDateLine("Kiên Giang", null)).toBe("Kiên Giang, ngày … tháng … năm …");
  });
});

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftToDocument } from "../../modules/reports/consolidate/document.ts";
import { buildConsolidationDraft } from "../../modules/reports/consolidate/draft.ts";
import { sampleInput } from "../../modules/reports/consolidate/fixtures.ts";
import { AppError } from "../errors.ts";
import { renderNd30Docx } from "./nd30.ts";
import { convertToPdf, findSoffice, SOFFICE_PACKAGE } from "./pdf.ts";

const inCi = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";
const available = findSoffice() !== null;
const HOW = `install LibreOffice and the tools: apt-get install --no-install-recommends ${SOFFICE_PACKAGE} fonts-liberation2 poppler-utils`;
if (!available && !inCi) console.warn(`pdf.test.ts: soffice not found, PDF tests skipped — ${HOW}`);

describe("convertToPdf without LibreOffice", () => {
  it("refuses with a message naming the package to install", async () => {
    const saved = process.env.SOFFICE_PATH;
    process.env.SOFFICE_PATH = "/nonexistent/soffice";
    try {
      expect(findSoffice()).toBeNull();
      const error = await convertToPdf(Buffer.from("x")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("pdf_unavailable");
      expect((error as AppError).status).toBe(503);
      expect((error as AppError).message).toContain(SOFFICE_PACKAGE);
    } finally {
      if (saved === undefined) delete process.env.SOFFICE_PATH;
      else process.env.SOFFICE_PATH = saved;
    }
  });
});

/** Reads a binary PGM (P5) as pdftoppm -gray writes it. */
function readPgm(buffer: Buffer) {
  const header = buffer.toString("latin1", 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error("not a PGM image");
  const [, width, height] = header.map(Number);
  return { width, height, pixels: buffer.subarray(header[0].length) };
}

describe.skipIf(!available && !inCi)("convertToPdf through LibreOffice", () => {
  let dir: string;
  let pdf: Buffer;
  beforeAll(async () => {
    // Under CI a missing LibreOffice is a failure, never a skip.
    expect(available, HOW).toBe(true);
    dir = mkdtempSync(join(tmpdir(), "dt-pdf-test-"));
    const input = sampleInput();
    input.reports[0].sections[0].text += " Phối hợp với tỉnh Đồng Tháp tổ chức trao đổi kinh nghiệm.";
    const doc = draftToDocument(buildConsolidationDraft(input), { date: new Date("2024-12-20T03:00:00Z") });
    pdf = await convertToPdf(await renderNd30Docx(doc));
    writeFileSync(join(dir, "bao-cao.pdf"), pdf);
  }, 120_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("keeps every Vietnamese letter in the text layer", () => {
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const layout = execFileSync("pdftotext", ["-layout", join(dir, "bao-cao.pdf"), "-"], {
      encoding: "utf8",
    });
    const text = execFileSync("pdftotext", [join(dir, "bao-cao.pdf"), "-"], { encoding: "utf8" }).replace(
      /\s+/g,
      " ",
    );
    for (const phrase of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
      "Sở Y tế, Sở Tư pháp",
      "Kiên Giang, ngày 20 tháng 12 năm 2024",
      "BÁO CÁO",
      "Kết quả thực hiện Kế hoạch số 181/KH-UBND năm 2024",
      "Đồng Tháp",
      "Tuyên truyền, phổ biến, quán triệt",
      "Nơi nhận:",
      "TM. ỦY BAN NHÂN DÂN",
      "PHÓ CHỦ TỊCH",
    ]) {
      expect(text, phrase).toContain(phrase);
    }
    // page 1 carries no number; page 2 begins with "2"
    const pages = layout.split("\f");
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[1].trim().split("\n")[0].trim()).toBe("2");
    expect(pages[0].trim().split("\n")[0]).toMatch(/ỦY BAN NHÂN DÂN/);
  });

  it("embeds Liberation Serif (metric-compatible with Times New Roman), not a fallback", () => {
    const fonts = execFileSync("pdffonts", [join(dir, "bao-cao.pdf")], { encoding: "utf8" });
    const names = fonts
      .split("\n")
      .slice(2)
      .map((line) => line.split(/\s+/)[0])
      .filter(Boolean);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/LiberationSerif|TimesNewRoman|Times/);
  });

  it("renders page 1 as an A4 image with the header's two columns, the title and the body", () => {
    execFileSync("pdftoppm", [
      "-f",
      "1",
      "-l",
      "1",
      "-r",
      "40",
      "-png",
      join(dir, "bao-cao.pdf"),
      join(dir, "page"),
    ]);
    const png = readFileSync(join(dir, "page-1.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    execFileSync("pdftoppm", [
      "-f",
      "1",
      "-l",
      "1",
      "-r",
      "40",
      "-gray",
      join(dir, "bao-cao.pdf"),
      join(dir, "gray"),
    ]);
    const { width, height, pixels } = readPgm(readFileSync(join(dir, "gray-1.pgm")));
    expect(height / width).toBeCloseTo(297 / 210, 1);
    const ink = (x0: number, x1: number, y0: number, y1: number) => {
      let dark = 0;
      for (let y = Math.floor(y0 * height); y < y1 * height; y++)
        for (let x = Math.floor(x0 * width); x < x1 * width; x++) if (pixels[y * width + x] < 128) dark++;
      return dark;
    };
    // nothing in the margins: left 30 mm, right 15 mm, top 20 mm
    expect(ink(0, 25 / 210, 0, 1)).toBe(0);
    expect(ink(0, 1, 0, 15 / 297)).toBe(0);
    // the issuer at top left, the quốc hiệu at top right, text in the body
    expect(ink(0.15, 0.45, 0.05, 0.12)).toBeGreaterThan(20);
    expect(ink(0.5, 0.95, 0.05, 0.12)).toBeGreaterThan(20);
    expect(ink(0.15, 0.95, 0.3, 0.9)).toBeGreaterThan(500);
  });
});

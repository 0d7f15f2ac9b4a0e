import { describe, expect, it } from "vitest";
import { normalizeLine, normalizeText, stripEmphasis } from "./normalize.ts";

describe("normalizeText", () => {
  it("composes NFD Vietnamese to NFC", () => {
    const nfd = "Ủy ban nhân dân tỉnh".normalize("NFD");
    expect(nfd).not.toBe("Ủy ban nhân dân tỉnh");
    expect(normalizeText(nfd)).toBe("Ủy ban nhân dân tỉnh");
  });

  it("turns CRLF and CR into LF and keeps the line count", () => {
    const text = "Dòng 1\r\nDòng 2\rDòng 3\n\nDòng 5";
    const out = normalizeText(text);
    expect(out.split("\n")).toEqual(["Dòng 1", "Dòng 2", "Dòng 3", "", "Dòng 5"]);
  });

  it("drops a byte order mark", () => {
    expect(normalizeText("\ufeffKẾ HOẠCH")).toBe("KẾ HOẠCH");
  });

  it("makes non-breaking and other spaces plain, collapses runs and trims", () => {
    expect(normalizeLine("  Sở\u00a0Nội\u2009vụ \t chủ trì  ")).toBe("Sở Nội vụ chủ trì");
  });

  it("straightens smart quotes and dashes", () => {
    expect(normalizeLine("phong trào “Tuổi cao” – ‘tốt đời’")).toBe("phong trào \"Tuổi cao\" - 'tốt đời'");
  });

  it("removes *emphasis* and **strong** marks but keeps a lone asterisk", () => {
    expect(normalizeLine("phong trào “*Tuổi cao, gương sáng*”")).toBe('phong trào "Tuổi cao, gương sáng"');
    expect(normalizeLine("**I. MỤC ĐÍCH**")).toBe("I. MỤC ĐÍCH");
    expect(normalizeLine("Ghi chú (*) cuối trang")).toBe("Ghi chú (*) cuối trang");
    expect(normalizeLine("* Nhiệm vụ")).toBe("* Nhiệm vụ");
  });

  it("removes emphasis pairs that only meet once lines are joined", () => {
    expect(stripEmphasis('"*Dân biết, dân bàn, dân làm*"')).toBe('"Dân biết, dân bàn, dân làm"');
  });

  it("removes zero-width characters and soft hyphens", () => {
    expect(normalizeLine("Kế\u200bhoạch\u00ad")).toBe("Kếhoạch");
  });

  it("writes symbol-font bullets as one bullet mark", () => {
    expect(normalizeLine("\uf0b7 Tuyên truyền")).toBe("• Tuyên truyền");
    expect(normalizeLine("● Tuyên truyền")).toBe("• Tuyên truyền");
  });
});

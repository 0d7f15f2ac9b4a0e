import { describe, expect, it } from "vitest";
import { assertUnicodeText, decodeTextBytes, detectLegacyEncoding } from "./encoding.ts";
import { PlanImportError } from "./errors.ts";

const SAMPLE = "Ủy ban nhân dân tỉnh Kiên Giang ban hành Kế hoạch thực hiện với những nội dung sau";

function caught(fn: () => unknown): PlanImportError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PlanImportError) return error;
    throw error;
  }
  throw new Error("expected a PlanImportError");
}

// TCVN3 (ABC) bytes as an old .VnTime document saves them: "nh©n d©n" is "nhân dân".
const TCVN3_TEXT = "Ñy ban nh©n d©n tØnh Kiªn Giang ban hµnh KÕ ho¹ch thùc hiÖn víi nh÷ng néi dung sau";
// VNI-Windows: a base letter followed by its mark letters.
const VNI_TEXT =
  "UÛy ban nhaân daân tænh Kieân Giang ban haønh Keá hoaïch thöïc hieän vôùi nhöõng noäi dung sau";

describe("decodeTextBytes", () => {
  it("reads UTF-8 with and without a BOM", () => {
    expect(decodeTextBytes(Buffer.from(SAMPLE))).toBe(SAMPLE);
    expect(decodeTextBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]))).toBe(
      SAMPLE,
    );
  });

  it("reads UTF-16 with a BOM, and without one when the zero bytes show it", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, "utf16le")]);
    expect(decodeTextBytes(le)).toBe(SAMPLE);
    const be = Buffer.from(SAMPLE, "utf16le").swap16();
    expect(decodeTextBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(SAMPLE);
    expect(decodeTextBytes(Buffer.from("Ke hoach so 12 nam 2025", "utf16le"))).toBe(
      "Ke hoach so 12 nam 2025",
    );
  });

  it("refuses TCVN3 bytes and names the encoding", () => {
    const error = caught(() => decodeTextBytes(Buffer.from(TCVN3_TEXT, "latin1")));
    expect(error.code).toBe("legacy-encoding");
    expect(error.detail).toBe("TCVN3 (ABC)");
    expect(error.messageVi).toContain("TCVN3");
    expect(error.messageEn).toContain("legacy Vietnamese encoding");
  });

  it("refuses VNI-Windows bytes and names the encoding", () => {
    const error = caught(() => decodeTextBytes(Buffer.from(VNI_TEXT, "latin1")));
    expect(error.code).toBe("legacy-encoding");
    expect(error.detail).toBe("VNI-Windows");
  });

  it("recognises Windows-1258 (tone marks as separate characters)", () => {
    // "Kế hoạch" in Windows-1258: e-circumflex 0xEA + acute 0xEC, a 0x61 + dot below 0xF2
    const bytes = Buffer.from([
      0x4b, 0xea, 0xec, 0x20, 0x68, 0x6f, 0x61, 0xf2, 0x63, 0x68, 0x20, 0x6e, 0xe3, 0xd2, 0x6d,
    ]);
    const error = caught(() => decodeTextBytes(bytes));
    expect(error.detail).toBe("Windows-1258");
  });

  it("refuses other bytes that are not UTF-8, saying so", () => {
    const error = caught(() => decodeTextBytes(Buffer.from([0x4b, 0x80, 0x81, 0x20, 0x61, 0x62])));
    expect(error.code).toBe("legacy-encoding");
    expect(error.detail).toBe("not UTF-8");
  });
});

describe("detectLegacyEncoding", () => {
  it("spots legacy glyphs that reached Unicode", () => {
    expect(detectLegacyEncoding(TCVN3_TEXT)).toBe("TCVN3 (ABC)");
    expect(detectLegacyEncoding(VNI_TEXT)).toBe("VNI-Windows");
    expect(detectLegacyEncoding("Ñy ban nh©n d©n")).toBe("TCVN3 (ABC)");
    expect(detectLegacyEncoding("UÛy ban nhaân daân")).toBe("VNI-Windows");
    expect(() => assertUnicodeText(TCVN3_TEXT)).toThrow(PlanImportError);
  });

  it("leaves real Vietnamese alone, quote marks and symbols included", () => {
    const text = [
      SAMPLE,
      "phong trào «Ngày hội đại đoàn kết» và «Tuổi cao, gương sáng»; © 2024 Thư viện Pháp luật",
      "Quý thuế, xuân, quân, huấn, khuyến, giùm, rõ, khỏe, hòa, thủy, Đảng, nước, người, được, ưu tiên",
    ].join("\n");
    expect(detectLegacyEncoding(text)).toBeNull();
    expect(detectLegacyEncoding(text.repeat(30))).toBeNull();
  });
});

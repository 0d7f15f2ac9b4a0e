import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sniff } from "../../lib/sniff.ts";
import { FILES } from "./testing.ts";
import {
  isWellFormedTrackingCode,
  newTrackingCode,
  normalizeTrackingCode,
  TRACKING_ALPHABET,
  trackingCodeFrom,
  trackingHash,
} from "./tracking.ts";

describe("tracking codes", () => {
  it("are well formed, without 0/O/1/I/L, and carry at least 40 bits of randomness", () => {
    expect(TRACKING_ALPHABET).not.toMatch(/[01OIL]/);
    expect(9 * Math.log2(TRACKING_ALPHABET.length)).toBeGreaterThanOrEqual(40);
    const codes = Array.from({ length: 2000 }, newTrackingCode);
    for (const code of codes) {
      expect(code).toMatch(/^PA-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
      expect(isWellFormedTrackingCode(code)).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("catch any single wrong character and any swap of two neighbours", () => {
    const code = normalizeTrackingCode(newTrackingCode());
    for (let i = 0; i < code.length; i++) {
      for (const c of TRACKING_ALPHABET) {
        if (c === code[i]) continue;
        expect(isWellFormedTrackingCode(code.slice(0, i) + c + code.slice(i + 1))).toBe(false);
      }
      if (i + 1 < code.length && code[i] !== code[i + 1]) {
        expect(isWellFormedTrackingCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBe(
          false,
        );
      }
    }
  });

  it("read the same however they are typed, and hash the same", () => {
    const code = trackingCodeFrom("seed");
    const typed = [code, code.toLowerCase(), code.replace(/-/g, " "), code.slice(3).replace(/-/g, "")];
    for (const form of typed) expect(trackingHash(form)).toBe(trackingHash(code));
    fc.assert(fc.property(fc.string(), (input) => typeof trackingHash(input) === "string"));
  });
});

describe("file sniffing", () => {
  it("knows the accepted types by their bytes and names the others", () => {
    expect(sniff(FILES.pdf).contentType).toBe("application/pdf");
    expect(sniff(FILES.docx).detected).toBe("docx");
    expect(sniff(FILES.xlsx).detected).toBe("xlsx");
    expect(sniff(FILES.webp).contentType).toBe("image/webp");
    expect(sniff(FILES.exe)).toEqual({ detected: "exe", contentType: null });
    expect(sniff(FILES.html).detected).toBe("html");
    expect(sniff(FILES.zip).detected).toBe("zip");
    expect(sniff(Buffer.from("chỉ là chữ")).detected).toBe("text");
    expect(sniff(Buffer.alloc(0)).detected).toBe("empty");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sniff } from "../../lib/sniff.ts";
import { contactMatches, formatVietnamesePhone, normalizeVietnamesePhone } from "./contact.ts";
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

describe("Vietnamese phone numbers", () => {
  it("normalise the ways people write them to E.164", () => {
    for (const form of [
      "0912 345 678",
      "0912.345.678",
      "+84 912 345 678",
      "84912345678",
      "0084912345678",
      "+84 0912345678",
    ]) {
      expect(normalizeVietnamesePhone(form), form).toBe("+84912345678");
    }
    expect(normalizeVietnamesePhone("0297 3862 123")).toBe("+842973862123");
    for (const bad of ["12345", "0112345678", "091234567", "abc", "+1 202 555 0100"]) {
      expect(normalizeVietnamesePhone(bad), bad).toBeNull();
    }
    expect(formatVietnamesePhone("+84912345678")).toBe("0912 345 678");
  });

  it("prove the citizen by the phone or e-mail given at intake", () => {
    const stored = { phone: "+84912345678", email: "a@b.vn" };
    expect(contactMatches("0912-345-678", stored)).toBe(true);
    expect(contactMatches("A@B.VN", stored)).toBe(true);
    expect(contactMatches("0912345679", stored)).toBe(false);
    expect(contactMatches("a@b.vn", { phone: "+84912345678", email: null })).toBe(false);
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

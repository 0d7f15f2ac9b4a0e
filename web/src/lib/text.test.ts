import { describe, expect, it } from "vitest";
import { foldVi, matchesVi } from "./text.ts";

describe("foldVi", () => {
  it("drops tones, hooks and the đ stroke", () => {
    expect(foldVi("Sở Nội vụ")).toBe("so noi vu");
    expect(foldVi("ĐÀ NẴNG")).toBe("da nang");
    expect(foldVi("  Ủy ban   MTTQ ")).toBe("uy ban mttq");
  });

  it("matches typed text without diacritics", () => {
    expect(matchesVi("UBND huyện Châu Thành", "chau thanh")).toBe(true);
    expect(matchesVi("Sở Y tế", "so noi vu")).toBe(false);
  });
});

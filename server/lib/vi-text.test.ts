import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldVietnamese, nameKey, wordsMatch } from "./vi-text.ts";

describe("foldVietnamese", () => {
  it("drops diacritics, folds case and đ", () => {
    expect(foldVietnamese("Sở Nội vụ")).toBe("so noi vu");
    expect(foldVietnamese("ĐÀ NẴNG")).toBe("da nang");
    expect(foldVietnamese("  Ủy   ban\tnhân dân ")).toBe("uy ban nhan dan");
  });

  it("gives the same key for precomposed and decomposed text", () => {
    expect(foldVietnamese("Kiên Giang".normalize("NFD"))).toBe(foldVietnamese("Kiên Giang".normalize("NFC")));
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string(), (text) => foldVietnamese(foldVietnamese(text)) === foldVietnamese(text)),
    );
  });
});

describe("nameKey", () => {
  it("expands the abbreviations of administrative names", () => {
    expect(nameKey("UBND tỉnh")).toBe(nameKey("Ủy ban nhân dân tỉnh"));
    expect(nameKey("Ủy ban MTTQ Việt Nam tỉnh")).toBe(nameKey("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"));
    expect(nameKey("Sở TT&TT")).toBe(nameKey("Sở Thông tin và Truyền thông"));
  });

  it("does not expand an abbreviation inside a word", () => {
    expect(nameKey("Vnpt")).toBe("vnpt");
  });
});

describe("wordsMatch", () => {
  it("builds no condition for a query without words", () => {
    expect(wordsMatch([sql`vi_fold(name)`], " , ; - ")).toBeUndefined();
    expect(wordsMatch([sql`vi_fold(name)`], undefined)).toBeUndefined();
  });

  it("asks every word at a word start, each in any of the texts", () => {
    const dialect = new PgDialect();
    const query = dialect.sqlToQuery(
      wordsMatch([sql`vi_fold(name)`, sql`vi_fold(short_name)`], "thao, VĂN")!,
    );
    expect(query.params).toEqual([
      "(^|[^a-z0-9])thao",
      "(^|[^a-z0-9])thao",
      "(^|[^a-z0-9])van",
      "(^|[^a-z0-9])van",
    ]);
    expect(query.sql).toBe(
      "((vi_fold(name) ~ $1 OR vi_fold(short_name) ~ $2) AND (vi_fold(name) ~ $3 OR vi_fold(short_name) ~ $4))",
    );
  });
});

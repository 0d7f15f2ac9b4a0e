import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "./csv.ts";

describe("csv", () => {
  it("round-trips quoted fields, commas, quotes and line breaks", () => {
    const rows = [
      ["a", 'b "c"', "d,e"],
      ["f\ng", "", "Sở Nội vụ"],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });

  it("neutralises values a spreadsheet would run as formulas", () => {
    expect(toCsv([["=HYPERLINK(1)"]])).toContain("'=HYPERLINK(1)");
  });

  it("accepts CRLF and a byte-order mark, and drops blank lines", () => {
    expect(parseCsv("\uFEFFa,b\r\n\r\nc,d\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("refuses an unclosed quote", () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/not closed/);
  });

  it("round-trips any table of safe strings", () => {
    const cell = fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s) && s.trim() !== "");
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          expect(parseCsv(toCsv(rows))).toEqual(rows);
        },
      ),
    );
  });
});

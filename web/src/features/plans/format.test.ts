import { describe, expect, it } from "vitest";
import type { PlanItem } from "../../../../common/plan-tree.ts";
import {
  ancestorCodes,
  cleanList,
  formatPartialDate,
  itemLabel,
  nextSibling,
  numberSymbol,
  parsePartialDate,
} from "./format.ts";

const none = { lead: [], coordinating: [], implementing: [], requested: [] };
const item = (code: string, children: PlanItem[] = [], text = code): PlanItem => ({
  code,
  kind: children.length ? "heading" : "task",
  title: null,
  text,
  actors: none,
  due: null,
  children,
});
const tree = [item("I", [item("I.1"), item("I.2", [item("I.2.a"), item("I.2.b")])]), item("II")];

describe("plan formatting", () => {
  it("shows partial dates as precisely as written, dd/MM/yyyy", () => {
    expect(formatPartialDate("2024")).toBe("2024");
    expect(formatPartialDate("2024-06")).toBe("06/2024");
    expect(formatPartialDate("2024-06-15")).toBe("15/06/2024");
    expect(formatPartialDate(null)).toBe("");
  });

  it("reads back what a user types and refuses dates that do not exist", () => {
    expect(parsePartialDate("2025")).toBe("2025");
    expect(parsePartialDate("6/2025")).toBe("2025-06");
    expect(parsePartialDate("31/12/2025")).toBe("2025-12-31");
    expect(parsePartialDate("31/02/2025")).toBeNull();
    expect(parsePartialDate("13/2025")).toBeNull();
    expect(parsePartialDate("soon")).toBeNull();
  });

  it("writes the number and symbol as on paper", () => {
    expect(numberSymbol({ number: "15", symbol: "KH-UBND" })).toBe("15/KH-UBND");
    expect(numberSymbol({ number: null, symbol: "KH-UBND" })).toBe("…/KH-UBND");
    expect(numberSymbol({ number: null, symbol: null })).toBe("");
  });

  it("finds an item's branch and its next sibling", () => {
    expect(ancestorCodes(tree, "I.2.b")).toEqual(["I", "I.2"]);
    expect(ancestorCodes(tree, "nope")).toBeNull();
    expect(nextSibling(tree, "I.2.a")?.code).toBe("I.2.b");
    expect(nextSibling(tree, "I.2.b")).toBeNull();
    expect(nextSibling(tree, "I.1")?.code).toBe("I.2");
    expect(nextSibling(tree, "I")?.code).toBe("II");
  });

  it("labels an item by its first line and cleans typed lists", () => {
    expect(itemLabel(item("X", [], "first\nsecond"))).toBe("first");
    expect(itemLabel(item("X", [], "a".repeat(100)), 10)).toBe(`${"a".repeat(9)}…`);
    expect(cleanList([" Sở Nội vụ ", "", "Sở Nội vụ", "Sở Tài chính"])).toEqual([
      "Sở Nội vụ",
      "Sở Tài chính",
    ]);
  });
});

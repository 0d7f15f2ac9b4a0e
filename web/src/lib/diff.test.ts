import { describe, expect, it } from "vitest";
import { diffObjects, showValue } from "./diff.ts";

describe("diffObjects", () => {
  it("marks changed, added, removed and unchanged fields", () => {
    const rows = diffObjects(
      { name: "Sở Nội vụ", code: "SNV", aliases: ["A"], version: 1 },
      { name: "Sở Nội vụ tỉnh", aliases: ["A"], version: 2, validTo: "2025-03-01" },
    );
    expect(rows.map((r) => [r.path, r.kind])).toEqual([
      ["aliases", "same"],
      ["code", "removed"],
      ["name", "changed"],
      ["validTo", "added"],
      ["version", "changed"],
    ]);
  });

  it("treats a creation (no before) as all added and a deletion as all removed", () => {
    expect(diffObjects(null, { name: "X" })).toEqual([
      { path: "name", before: undefined, after: "X", kind: "added" },
    ]);
    expect(diffObjects({ name: "X" }, null)).toEqual([
      { path: "name", before: "X", after: undefined, kind: "removed" },
    ]);
  });

  it("walks into nested objects", () => {
    expect(
      diffObjects({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }).filter((r) => r.kind !== "same"),
    ).toEqual([{ path: "a.c", before: 2, after: 3, kind: "changed" }]);
  });

  it("keeps a null that became a value as a change, not an addition", () => {
    expect(diffObjects({ email: null }, { email: "a@b.vn" })[0].kind).toBe("changed");
  });
});

describe("showValue", () => {
  it("writes values on one line", () => {
    expect(showValue(null)).toBe("∅");
    expect(showValue(["a", "b"])).toBe('["a","b"]');
    expect(showValue("x")).toBe("x");
    expect(showValue(undefined)).toBe("");
  });
});

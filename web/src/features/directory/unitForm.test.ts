import { describe, expect, it } from "vitest";
import type { Unit, UnitTreeNode } from "../../../../common/schemas/units.ts";
import { findPath, keysToDepth, pathText, toTreeSelect } from "./tree.ts";
import { buildUpdate, conflictRows, formToCreate, unitToForm } from "./unitForm.ts";

const unit: Unit = {
  id: "11111111-1111-4111-8111-111111111111",
  code: "SNV",
  type: "department",
  parentId: "22222222-2222-4222-8222-222222222222",
  name: "Sở Nội vụ",
  shortName: null,
  aliases: ["SNV"],
  validFrom: "2008-01-01",
  validTo: null,
  version: 3,
};

describe("unit form", () => {
  it("sends only the fields the user changed, with the version read", () => {
    const base = unitToForm(unit);
    const next = { ...base, name: "  Sở Nội vụ tỉnh ", shortName: "" };
    expect(buildUpdate(3, base, next)).toEqual({ version: 3, name: "Sở Nội vụ tỉnh" });
  });

  it("turns blanks into null and drops duplicate aliases on create", () => {
    const v = { ...unitToForm(unit), code: " ", aliases: ["A", " A ", "", "B"] };
    expect(formToCreate(v)).toMatchObject({ code: null, shortName: null, aliases: ["A", "B"] });
  });

  it("lists both sides of a conflict and marks what the other person changed", () => {
    const base = unitToForm(unit);
    const mine = { ...base, name: "Sở Nội vụ (mới)" };
    const current = { ...base, name: "Sở Nội vụ tỉnh Kiên Giang", code: "SNV-KG" };
    const rows = conflictRows(base, mine, current);
    expect(rows).toEqual([
      { field: "name", mine: "Sở Nội vụ (mới)", theirs: "Sở Nội vụ tỉnh Kiên Giang", otherChanged: true },
      { field: "code", mine: "SNV", theirs: "SNV-KG", otherChanged: true },
    ]);
  });
});

const node = (id: string, name: string, children: UnitTreeNode[] = []): UnitTreeNode => ({
  ...unit,
  id,
  name,
  children,
});

describe("tree helpers", () => {
  const tree = [node("p", "Tỉnh", [node("a", "Sở A", [node("a1", "Phòng A1")]), node("b", "Huyện B")])];

  it("finds the ancestors of a unit", () => {
    expect(findPath(tree, "a1")).toEqual(["p", "a"]);
    expect(findPath(tree, "p")).toEqual([]);
    expect(findPath(tree, "zzz")).toBeNull();
  });

  it("expands only parents down to a depth", () => {
    expect(keysToDepth(tree, 1)).toEqual(["p"]);
    expect(keysToDepth(tree, 2)).toEqual(["p", "a"]);
  });

  it("keeps a unit from becoming its own parent in the picker", () => {
    const data = toTreeSelect(tree, "a");
    expect(data[0].children?.[0]).toMatchObject({ value: "a", disabled: true });
    expect(data[0].children?.[1].disabled).toBeUndefined();
  });

  it("writes a path", () => {
    expect(pathText([{ name: "Tỉnh" }, { name: "Sở A" }])).toBe("Tỉnh › Sở A");
  });
});

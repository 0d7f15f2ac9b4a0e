import { describe, expect, it } from "vitest";
import { UNIT_TYPES } from "./enums.ts";
import { byUnitType, UNIT_TYPE_ORDER, unitTypeRank } from "./unit-types.ts";

describe("the order of unit types", () => {
  it("places every kind of unit exactly once", () => {
    expect([...UNIT_TYPE_ORDER].sort()).toEqual([...UNIT_TYPES].sort());
  });

  it("lists the province's departments, then districts, then communes, before the other bodies", () => {
    const sorted = [
      "media",
      "commune",
      "other",
      "district",
      "front",
      "department",
      "province_committee",
    ].sort(byUnitType);
    expect(sorted).toEqual([
      "province_committee",
      "department",
      "district",
      "commune",
      "front",
      "media",
      "other",
    ]);
  });

  it("puts a kind it does not know after all the known ones", () => {
    expect(unitTypeRank("no_such_kind")).toBeGreaterThan(unitTypeRank("other"));
  });
});

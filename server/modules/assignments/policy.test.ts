import { describe, expect, it } from "vitest";
import type { Role } from "../../../common/enums.ts";
import type { Actor } from "../auth/actor.ts";
import { assignmentPolicy, type ScopeDirectory, scopeSpec } from "./policy.ts";

const actor = (role: Role, unitId: string, tenantId = "t1"): Actor => ({
  kind: "user",
  userId: `u-${role}`,
  tenantId,
  username: role,
  displayName: role,
  grants: [{ role, unitId }],
});

// province ─ ubnd ─ dept (succeeded old-dept, itself succeeding older-dept)
//                 └ district ─ commune
const directory: ScopeDirectory = {
  childrenOf: (id) => ({ province: ["ubnd"], ubnd: ["dept", "district"], district: ["commune"] })[id] ?? [],
  predecessorsOf: (id) => ({ dept: ["old-dept"], "old-dept": ["older-dept"] })[id] ?? [],
};
const chain = { dept: ["dept", "ubnd", "province"], commune: ["commune", "district", "ubnd", "province"] };

describe("scopeSpec", () => {
  it("gives the coordinator, leadership, the administrator and the supervisor the whole tenant", () => {
    for (const role of ["coordinator", "leadership", "admin", "supervisor"] as const) {
      expect(scopeSpec(actor(role, "dept"), directory)).toMatchObject({ all: true, tenantId: "t1" });
    }
  });

  it("gives unit staff their units and every unit under them, and the history of the units they succeeded", () => {
    expect(scopeSpec(actor("unit_officer", "district"), directory)).toEqual({
      tenantId: "t1",
      all: false,
      unitIds: ["district", "commune"],
      archiveUnitIds: [],
    });
    const dept = scopeSpec(actor("unit_leader", "dept"), directory);
    expect(dept.unitIds).toEqual(["dept"]);
    expect(dept.archiveUnitIds.sort()).toEqual(["old-dept", "older-dept"]);
  });
});

describe("assignmentPolicy.update", () => {
  const at = (unit: keyof typeof chain, tenantId = "t1") => ({ tenantId, unitAncestorIds: chain[unit] });

  it("lets the assigned unit's own people report, and those of a unit above it", () => {
    expect(assignmentPolicy.update(actor("unit_officer", "dept"), at("dept"))).toBe(true);
    expect(assignmentPolicy.update(actor("unit_leader", "district"), at("commune"))).toBe(true);
    expect(assignmentPolicy.update(actor("media", "commune"), at("commune"))).toBe(true);
  });

  it("refuses another unit, a reader of the whole province, and another tenant", () => {
    expect(assignmentPolicy.update(actor("unit_officer", "commune"), at("dept"))).toBe(false);
    expect(assignmentPolicy.update(actor("unit_officer", "dept"), at("commune"))).toBe(false);
    expect(assignmentPolicy.update(actor("leadership", "ubnd"), at("dept"))).toBe(false);
    expect(assignmentPolicy.update(actor("admin", "province"), at("dept"))).toBe(false);
    expect(assignmentPolicy.update(actor("coordinator", "ubnd"), at("dept", "t2"))).toBe(false);
  });
});

describe("other rights", () => {
  it("lets only the coordinator and the administrator of the tenant set weights", () => {
    expect(assignmentPolicy.editWeights(actor("coordinator", "dept"), { tenantId: "t1" })).toBe(true);
    expect(assignmentPolicy.editWeights(actor("admin", "province"), { tenantId: "t1" })).toBe(true);
    expect(assignmentPolicy.editWeights(actor("coordinator", "dept"), { tenantId: "t2" })).toBe(false);
    expect(assignmentPolicy.editWeights(actor("unit_leader", "dept"), { tenantId: "t1" })).toBe(false);
    expect(assignmentPolicy.editWeights(actor("leadership", "ubnd"), { tenantId: "t1" })).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.ts";
import { ownUnitOf, type PlanResource, planPolicy } from "./policy.ts";

const actor = (grants: Actor["grants"], tenantId = "t1"): Actor => ({
  kind: "user",
  userId: "u1",
  tenantId,
  username: "x",
  displayName: "X",
  grants,
});

// The directory: province > ubnd > {snv, district > commune}; another district beside it.
const coordinator = actor([{ role: "coordinator", unitId: "snv" }]);
const admin = actor([{ role: "admin", unitId: "province" }]);
const leadership = actor([{ role: "leadership", unitId: "ubnd" }]);
const districtOfficer = actor([{ role: "unit_officer", unitId: "district" }]);
const districtLeader = actor([{ role: "unit_leader", unitId: "district" }]);
const otherOfficer = actor([{ role: "unit_officer", unitId: "other-district" }]);
const supervisor = actor([{ role: "supervisor", unitId: "mttq" }]);

const provincial = (published: boolean): PlanResource => ({
  tenantId: "t1",
  published,
  isSubPlan: false,
  ownerUnitAncestorIds: [],
});
const districtSubPlan = (published: boolean): PlanResource => ({
  tenantId: "t1",
  published,
  isSubPlan: true,
  ownerUnitAncestorIds: ["province", "ubnd", "district"],
});
const communeSubPlan: PlanResource = {
  tenantId: "t1",
  published: false,
  isSubPlan: true,
  ownerUnitAncestorIds: ["province", "ubnd", "district", "commune"],
};

describe("provincial plans", () => {
  it("are imported, edited and published by the coordinator and the administrator only", () => {
    expect(planPolicy.importPlan(coordinator)).toBe(true);
    expect(planPolicy.importPlan(admin)).toBe(true);
    for (const other of [leadership, districtOfficer, districtLeader, supervisor]) {
      expect(planPolicy.importPlan(other)).toBe(false);
      expect(planPolicy.edit(other, provincial(false))).toBe(false);
    }
    expect(planPolicy.edit(coordinator, provincial(true))).toBe(true);
    expect(planPolicy.edit(admin, provincial(false))).toBe(true);
  });

  it("are read by every signed-in official once published, and as drafts only by their editors", () => {
    for (const reader of [leadership, districtOfficer, otherOfficer, supervisor, coordinator]) {
      expect(planPolicy.read(reader, provincial(true))).toBe(true);
    }
    expect(planPolicy.read(coordinator, provincial(false))).toBe(true);
    for (const other of [leadership, districtOfficer, supervisor]) {
      expect(planPolicy.read(other, provincial(false))).toBe(false);
      expect(planPolicy.readWorking(other, provincial(true))).toBe(false);
    }
  });

  it("are never reached from another tenant, whatever the role", () => {
    const foreignCoordinator = actor([{ role: "coordinator", unitId: "snv" }], "t2");
    expect(planPolicy.read(foreignCoordinator, provincial(true))).toBe(false);
    expect(planPolicy.edit(foreignCoordinator, provincial(false))).toBe(false);
  });
});

describe("sub-plans", () => {
  it("are imported by the unit's officer or leader, for their unit or one under it, under a published parent", () => {
    const target = {
      tenantId: "t1",
      parentPublished: true,
      ownerUnitAncestorIds: ["province", "ubnd", "district"],
    };
    expect(planPolicy.importSubPlan(districtOfficer, target)).toBe(true);
    expect(planPolicy.importSubPlan(districtLeader, target)).toBe(true);
    expect(
      planPolicy.importSubPlan(districtOfficer, {
        ...target,
        ownerUnitAncestorIds: communeSubPlan.ownerUnitAncestorIds,
      }),
    ).toBe(true);
    expect(planPolicy.importSubPlan(districtOfficer, { ...target, parentPublished: false })).toBe(false);
    expect(planPolicy.importSubPlan(otherOfficer, target)).toBe(false);
    expect(planPolicy.importSubPlan(leadership, target)).toBe(false);
    expect(planPolicy.importSubPlan(supervisor, target)).toBe(false);
  });

  it("are edited by their unit's staff, not by another unit's nor by the coordinator of another unit", () => {
    expect(planPolicy.edit(districtOfficer, districtSubPlan(false))).toBe(true);
    expect(planPolicy.edit(districtLeader, communeSubPlan)).toBe(true);
    expect(planPolicy.edit(otherOfficer, districtSubPlan(false))).toBe(false);
    expect(planPolicy.edit(coordinator, districtSubPlan(false))).toBe(false);
    const snvSubPlan = { ...districtSubPlan(false), ownerUnitAncestorIds: ["province", "ubnd", "snv"] };
    expect(planPolicy.edit(coordinator, snvSubPlan)).toBe(true);
  });

  it("are hidden as drafts from other units (they answer 404) and read by all once published", () => {
    expect(planPolicy.read(otherOfficer, districtSubPlan(false))).toBe(false);
    expect(planPolicy.read(coordinator, districtSubPlan(false))).toBe(false);
    expect(planPolicy.read(otherOfficer, districtSubPlan(true))).toBe(true);
    expect(planPolicy.edit(otherOfficer, districtSubPlan(true))).toBe(false);
  });

  it("without an owner unit are nobody's to edit", () => {
    const orphan = { ...districtSubPlan(false), ownerUnitAncestorIds: [] };
    expect(planPolicy.edit(districtOfficer, orphan)).toBe(false);
    expect(planPolicy.edit(admin, orphan)).toBe(false);
  });
});

describe("the unit a sub-plan is filed for", () => {
  it("is the one unit the actor manages, or none when there are several or none", () => {
    expect(ownUnitOf(districtOfficer)).toBe("district");
    expect(ownUnitOf(coordinator)).toBe("snv");
    expect(ownUnitOf(admin)).toBeNull();
    expect(
      ownUnitOf(
        actor([
          { role: "unit_officer", unitId: "a" },
          { role: "unit_leader", unitId: "b" },
        ]),
      ),
    ).toBeNull();
  });
});

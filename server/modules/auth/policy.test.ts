import { describe, expect, it } from "vitest";
import { auditPolicy } from "../audit/policy.ts";
import { installModules } from "../index.ts";
import { orgsPolicy } from "../orgs/policy.ts";
import { petitionPermissions } from "../petitions/policy.ts";
import { reportPermissions } from "../reports/policy.ts";
import { type Actor, covers, hasRole, isProvinceWide } from "./actor.ts";
import { permissionsFor, userPolicy } from "./policy.ts";

const actor = (grants: Actor["grants"], tenantId = "t1"): Actor => ({
  kind: "user",
  userId: "u1",
  tenantId,
  username: "x",
  displayName: "X",
  grants,
});

describe("role grants", () => {
  const officer = actor([{ role: "unit_officer", unitId: "district" }]);

  it("cover the unit they sit on and every unit below it", () => {
    expect(
      covers(officer, { tenantId: "t1", unitAncestorIds: ["province", "ubnd", "district"] }, "unit_officer"),
    ).toBe(true);
    expect(
      covers(
        officer,
        { tenantId: "t1", unitAncestorIds: ["province", "ubnd", "district", "commune"] },
        "unit_officer",
      ),
    ).toBe(true);
  });

  it("do not cover a sibling or a parent unit", () => {
    expect(
      covers(
        officer,
        { tenantId: "t1", unitAncestorIds: ["province", "ubnd", "other-district"] },
        "unit_officer",
      ),
    ).toBe(false);
    expect(covers(officer, { tenantId: "t1", unitAncestorIds: ["province", "ubnd"] }, "unit_officer")).toBe(
      false,
    );
  });

  it("cover only the roles asked for", () => {
    expect(covers(officer, { tenantId: "t1", unitAncestorIds: ["district"] }, "unit_leader")).toBe(false);
  });

  it("never cover another tenant's unit, even with the same ids", () => {
    expect(covers(officer, { tenantId: "t2", unitAncestorIds: ["district"] }, "unit_officer")).toBe(false);
  });
});

describe("province-wide roles", () => {
  it("are administrator, coordinator and leadership", () => {
    expect(isProvinceWide(actor([{ role: "coordinator", unitId: "snv" }]))).toBe(true);
    expect(isProvinceWide(actor([{ role: "leadership", unitId: "ubnd" }]))).toBe(true);
    expect(isProvinceWide(actor([{ role: "admin", unitId: "province" }]))).toBe(true);
    expect(isProvinceWide(actor([{ role: "unit_leader", unitId: "province" }]))).toBe(false);
    expect(isProvinceWide(actor([{ role: "supervisor", unitId: "mttq" }]))).toBe(false);
  });
});

describe("account and directory policies deny by default", () => {
  const roles = ["coordinator", "unit_officer", "unit_leader", "leadership", "supervisor", "media"] as const;
  it.each(roles)("%s may not manage users, read the audit trail or change the directory", (role) => {
    const a = actor([{ role, unitId: "u" }]);
    expect(userPolicy.manage(a)).toBe(false);
    expect(auditPolicy.read(a)).toBe(false);
    expect(orgsPolicy.manage(a)).toBe(false);
  });

  it("an administrator may do all three", () => {
    const a = actor([{ role: "admin", unitId: "province" }]);
    expect(userPolicy.manage(a) && auditPolicy.read(a) && orgsPolicy.manage(a)).toBe(true);
  });

  it("an account with no role has no permission at all, in any module", () => {
    installModules();
    const none = actor([]);
    const granted = Object.entries(permissionsFor(none)).flatMap(([module, part]) =>
      typeof part === "boolean"
        ? part
          ? [module]
          : []
        : Object.entries(part)
            .filter(([, value]) => (Array.isArray(value) ? value.length > 0 : value))
            .map(([name]) => `${module}.${name}`),
    );
    expect(granted).toEqual([]);
    expect(hasRole(none, "admin", "coordinator")).toBe(false);
  });

  it("each module answers for its own part of the permissions, from its own policy", () => {
    installModules();
    const a = actor([{ role: "unit_officer", unitId: "district" }]);
    expect(permissionsFor(a)).toMatchObject({
      petitions: petitionPermissions(a),
      reports: reportPermissions(a),
      escalations: { see: true, raiseUnitIds: ["district"] },
      directory: { manage: orgsPolicy.manage(a), export: orgsPolicy.export(a) },
    });
  });

  it("exports of the directory are for administrators, the coordinator and leadership", () => {
    expect(orgsPolicy.export(actor([{ role: "coordinator", unitId: "snv" }]))).toBe(true);
    expect(orgsPolicy.export(actor([{ role: "unit_officer", unitId: "snv" }]))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { Role } from "../../../../common/enums.ts";
import type { Actor } from "../../auth/actor.ts";
import { consolidationPolicy } from "./policy.ts";

const actor = (role: Role, tenantId = "t1"): Actor => ({
  kind: "user",
  userId: "u",
  tenantId,
  username: role,
  displayName: role,
  grants: [{ role, unitId: "unit" }],
});
const draft = { tenantId: "t1", status: "draft" as const };
const final = { tenantId: "t1", status: "final" as const };

describe("consolidationPolicy", () => {
  it("lets only the coordinator draft, edit and finalise, and only while it is a draft", () => {
    expect(consolidationPolicy.draft(actor("coordinator"), "t1")).toBe(true);
    expect(consolidationPolicy.edit(actor("coordinator"), draft)).toBe(true);
    expect(consolidationPolicy.finalise(actor("coordinator"), draft)).toBe(true);
    expect(consolidationPolicy.edit(actor("coordinator"), final)).toBe(false);
    expect(consolidationPolicy.finalise(actor("coordinator"), final)).toBe(false);
    for (const role of [
      "admin",
      "leadership",
      "unit_officer",
      "unit_leader",
      "supervisor",
      "media",
    ] as Role[]) {
      expect(consolidationPolicy.draft(actor(role), "t1"), role).toBe(false);
      expect(consolidationPolicy.edit(actor(role), draft), role).toBe(false);
      expect(consolidationPolicy.finalise(actor(role), draft), role).toBe(false);
    }
  });

  it("shows drafts to the coordinator, the leadership and the operator; the Front reads it once final", () => {
    for (const role of ["coordinator", "leadership", "admin"] as Role[]) {
      expect(consolidationPolicy.read(actor(role), draft), role).toBe(true);
      expect(consolidationPolicy.read(actor(role), final), role).toBe(true);
    }
    expect(consolidationPolicy.read(actor("supervisor"), draft)).toBe(false);
    expect(consolidationPolicy.read(actor("supervisor"), final)).toBe(true);
    for (const role of ["unit_officer", "unit_leader", "media"] as Role[]) {
      expect(consolidationPolicy.read(actor(role), final), role).toBe(false);
      expect(consolidationPolicy.list(actor(role), "t1"), role).toBe(false);
    }
  });

  it("never crosses tenants", () => {
    const other = actor("coordinator", "t2");
    expect(consolidationPolicy.draft(other, "t1")).toBe(false);
    expect(consolidationPolicy.read(other, draft)).toBe(false);
    expect(consolidationPolicy.edit(other, draft)).toBe(false);
    expect(consolidationPolicy.list(other, "t1")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { Role } from "../../../common/enums.ts";
import type { Actor } from "../auth/actor.ts";
import { allowedActions, type PetitionResource, petitionPolicy, refusal, scopeFor } from "./policy.ts";

const T = "tenant-1";
const actor = (...grants: [Role, string][]): Actor => ({
  kind: "user",
  userId: "u",
  tenantId: T,
  username: "u",
  displayName: "U",
  grants: grants.map(([role, unitId]) => ({ role, unitId })),
});
/** The culture department under the province committee under the province. */
const petition = (over: Partial<PetitionResource> = {}): PetitionResource => ({
  tenantId: T,
  assignedUnitAncestorIds: ["province", "ubnd", "culture"],
  status: "assigned",
  kind: "phan-anh",
  hasDraft: false,
  ...over,
});

const coordinator = actor(["coordinator", "home-affairs"]);
const officer = actor(["unit_officer", "culture"]);
const leader = actor(["unit_leader", "culture"]);
const otherOfficer = actor(["unit_officer", "health"]);
const supervisor = actor(["supervisor", "front"]);
const leadership = actor(["leadership", "ubnd"]);
const admin = actor(["admin", "province"]);

describe("scopeFor", () => {
  it("gives the coordinator, leadership and the supervisor every petition, units their own, others none", () => {
    expect(scopeFor(coordinator)).toEqual({ kind: "all" });
    expect(scopeFor(leadership)).toEqual({ kind: "all" });
    expect(scopeFor(supervisor)).toEqual({ kind: "all" });
    expect(scopeFor(actor(["unit_officer", "a"], ["unit_leader", "b"], ["unit_officer", "a"]))).toEqual({
      kind: "units",
      unitIds: ["a", "b"],
    });
    expect(scopeFor(admin)).toEqual({ kind: "none" });
    expect(scopeFor(actor(["media", "press"]))).toEqual({ kind: "none" });
  });
});

describe("petitionPolicy", () => {
  it("lets the handling unit and those above it read, and nobody from another tenant", () => {
    expect(petitionPolicy.read(officer, petition())).toBe(true);
    expect(petitionPolicy.read(actor(["unit_officer", "ubnd"]), petition())).toBe(true);
    expect(petitionPolicy.read(otherOfficer, petition())).toBe(false);
    expect(petitionPolicy.read(officer, petition({ assignedUnitAncestorIds: [] }))).toBe(false);
    expect(petitionPolicy.read(admin, petition())).toBe(false);
    expect(petitionPolicy.read({ ...coordinator, tenantId: "other" }, petition())).toBe(false);
  });

  it("shows personal data to the handling unit and the coordinator only", () => {
    expect(petitionPolicy.personalData(officer, petition())).toBe(true);
    expect(petitionPolicy.personalData(leader, petition())).toBe(true);
    expect(petitionPolicy.personalData(coordinator, petition())).toBe(true);
    expect(petitionPolicy.personalData(supervisor, petition())).toBe(false);
    expect(petitionPolicy.personalData(leadership, petition())).toBe(false);
    expect(petitionPolicy.personalData(otherOfficer, petition())).toBe(false);
  });

  it("lets the officer draft and only the leader approve", () => {
    const drafted = petition({ hasDraft: true });
    expect(petitionPolicy.can(officer, { action: "draftAnswer", petition: petition() })).toBe(true);
    expect(petitionPolicy.can(officer, { action: "approveAnswer", petition: drafted })).toBe(false);
    expect(refusal("approveAnswer", officer, drafted)).toBe("role");
    expect(petitionPolicy.can(leader, { action: "approveAnswer", petition: drafted })).toBe(true);
    expect(refusal("approveAnswer", leader, petition())).toBe("state");
    expect(petitionPolicy.can(coordinator, { action: "approveAnswer", petition: drafted })).toBe(false);
  });

  it("asks complaints and denunciations to be accepted before they are answered", () => {
    const complaint = petition({ kind: "khieu-nai" });
    expect(petitionPolicy.can(officer, { action: "accept", petition: complaint })).toBe(true);
    expect(refusal("draftAnswer", officer, complaint)).toBe("state");
    expect(
      petitionPolicy.can(officer, { action: "draftAnswer", petition: { ...complaint, status: "accepted" } }),
    ).toBe(true);
    expect(refusal("accept", officer, petition())).toBe("state");
  });

  it("lets the coordinator or the holding unit route, and nobody touch a closed petition", () => {
    expect(
      petitionPolicy.can(coordinator, {
        action: "assign",
        petition: petition({ assignedUnitAncestorIds: [], status: "received" }),
      }),
    ).toBe(true);
    expect(petitionPolicy.can(officer, { action: "assign", petition: petition() })).toBe(true);
    expect(petitionPolicy.can(supervisor, { action: "assign", petition: petition() })).toBe(false);
    for (const status of ["closed_resolved", "closed_unresolved", "refused", "merged"]) {
      expect(allowedActions(coordinator, petition({ status })), status).toEqual([]);
    }
    expect(allowedActions(officer, petition({ status: "answered" }))).toEqual(["close"]);
  });

  it("merges only what the actor may handle on both sides", () => {
    const other = petition({ assignedUnitAncestorIds: ["province", "ubnd", "health"] });
    expect(petitionPolicy.merge(officer, { duplicate: petition(), survivor: other })).toBe(false);
    expect(petitionPolicy.merge(coordinator, { duplicate: petition(), survivor: other })).toBe(true);
    expect(
      petitionPolicy.merge(coordinator, { duplicate: petition(), survivor: petition({ status: "merged" }) }),
    ).toBe(false);
  });

  it("lets staff enter petitions, and not the supervisor, leadership or the administrator", () => {
    expect(petitionPolicy.intake(officer)).toBe(true);
    expect(petitionPolicy.intake(coordinator)).toBe(true);
    for (const who of [supervisor, leadership, admin]) expect(petitionPolicy.intake(who)).toBe(false);
  });
});

import { expect, it } from "vitest";
import { AppError } from "../lib/errors.ts";
import type { Actor } from "./auth/actor.ts";
import { type Action, authorize, may } from "./authorize.ts";

// The one authorization check: it applies the module's own rule (declared in its manifest) and
// turns a refusal into 403, or into 404 for a read the caller must not learn exists.

const actor = (role: string, unitId = "u-1"): Actor => ({
  kind: "user",
  userId: "user-1",
  tenantId: "t-1",
  username: "x",
  displayName: "X",
  grants: [{ role, unitId } as Actor["grants"][number]],
});
const draft = { tenantId: "t-1", published: false, isSubPlan: false, ownerUnitAncestorIds: [] };
const elsewhere = { ...draft, tenantId: "t-2", published: true };

const refusal = (work: () => void) => {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? { status: error.status, code: error.code } : error;
  }
  return null;
};

it("lets through what the module's rule allows, for rules of the actor alone and of a resource", () => {
  expect(refusal(() => authorize(actor("admin"), "orgs.manage"))).toBeNull();
  expect(refusal(() => authorize(actor("coordinator"), "plans.edit", draft))).toBeNull();
  expect(may(actor("coordinator"), "plans.read", draft)).toBe(true);
});

it("refuses with 403, or with 404 naming what was asked for when the caller may not see it", () => {
  expect(refusal(() => authorize(actor("unit_officer"), "orgs.manage"))).toEqual({
    status: 403,
    code: "forbidden",
  });
  expect(refusal(() => authorize(actor("leadership"), "plans.read", draft, { missing: "kế hoạch" }))).toEqual(
    {
      status: 404,
      code: "not_found",
    },
  );
  // Another province's plan is not there at all for this caller, published or not.
  expect(may(actor("admin"), "plans.read", elsewhere)).toBe(false);
});

it("fails loudly on an action no module declares (a programming error, not a refusal)", () => {
  expect(() => authorize(actor("admin"), "orgs.nothing" as Action)).toThrow(/no module's policy declares/);
});

it("types the action and its resource", () => {
  // @ts-expect-error an action no policy declares
  expect(() => may(actor("admin"), "orgs.rename")).toThrow();
  // @ts-expect-error a plan rule asked about something that is not a plan
  expect(may(actor("admin"), "plans.edit", { id: 1 })).toBe(false);
});

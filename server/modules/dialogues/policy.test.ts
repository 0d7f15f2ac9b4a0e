import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import type { Actor } from "../auth/actor.ts";
import { moderationDecision } from "./moderation.ts";
import {
  acceptsQuestions,
  commitmentActions,
  commitmentPolicy,
  commitmentState,
  dialogueActions,
  dialoguePolicy,
  scopeFor,
} from "./policy.ts";

const T = "tenant-1";
function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return `${error.code}:${error.field ?? "-"}`;
    throw error;
  }
  return "no error";
}
const actor = (role: Actor["grants"][number]["role"], unitId: string, tenantId = T): Actor => ({
  kind: "user",
  userId: `${role}-${unitId}`,
  tenantId,
  username: role,
  displayName: role,
  grants: [{ role, unitId }],
});
// province > commune-a; province > dept
const dialogue = (status: "scheduled" | "held" | "cancelled" = "scheduled") => ({
  tenantId: T,
  hostUnitAncestorIds: ["commune-a", "province"],
  status,
});

describe("dialogue policy", () => {
  it("lets the coordinator and the host unit's staff run a dialogue, others only read or nothing", () => {
    const d = dialogue("held");
    expect(dialoguePolicy.manage(actor("coordinator", "snv"), d)).toBe(true);
    expect(dialoguePolicy.manage(actor("unit_officer", "commune-a"), d)).toBe(true);
    expect(dialoguePolicy.manage(actor("unit_leader", "province"), d)).toBe(true);
    expect(dialoguePolicy.manage(actor("unit_officer", "dept"), d)).toBe(false);
    expect(dialoguePolicy.read(actor("unit_officer", "dept"), d)).toBe(false);
    expect(dialoguePolicy.read(actor("supervisor", "mttq"), d)).toBe(true);
    expect(dialoguePolicy.manage(actor("supervisor", "mttq"), d)).toBe(false);
    expect(dialoguePolicy.read(actor("media", "bao"), d)).toBe(false);
    expect(dialoguePolicy.read(actor("coordinator", "snv", "other"), d)).toBe(false);
    expect(dialoguePolicy.manage(actor("coordinator", "snv", "other"), d)).toBe(false);
  });

  it("takes commitments only once the dialogue is held, and nothing but edits once cancelled", () => {
    const c = actor("coordinator", "snv");
    expect(dialogueActions(c, dialogue("scheduled"))).toEqual(["edit", "moderate", "answer"]);
    expect(dialogueActions(c, dialogue("held"))).toEqual(["edit", "moderate", "answer", "commit"]);
    expect(dialogueActions(c, dialogue("cancelled"))).toEqual(["edit"]);
    expect(dialogueActions(actor("leadership", "ubnd"), dialogue("held"))).toEqual([]);
  });

  it("scopes the list: province-wide readers see all, handlers their units, others none", () => {
    expect(scopeFor(actor("leadership", "ubnd"))).toEqual({ kind: "all" });
    expect(scopeFor(actor("unit_officer", "dept"))).toEqual({ kind: "units", unitIds: ["dept"] });
    expect(scopeFor(actor("media", "bao"))).toEqual({ kind: "none" });
  });

  it("lets the owner unit close its commitment though it does not host the dialogue", () => {
    const commitment = {
      tenantId: T,
      ownerUnitAncestorIds: ["dept", "province"],
      dialogue: dialogue("held"),
      status: "open" as const,
    };
    expect(commitmentPolicy.update(actor("unit_officer", "dept"), commitment)).toBe(true);
    expect(commitmentPolicy.read(actor("unit_officer", "dept"), commitment)).toBe(true);
    expect(commitmentActions(actor("unit_officer", "dept"), commitment)).toEqual(["close"]);
    expect(commitmentActions(actor("unit_officer", "dept"), { ...commitment, status: "done" })).toEqual([
      "reopen",
    ]);
    expect(commitmentPolicy.update(actor("unit_officer", "other-dept"), commitment)).toBe(false);
    expect(commitmentActions(actor("leadership", "ubnd"), commitment)).toEqual([]);
  });
});

describe("commitment state and question window", () => {
  it("derives overdue from an open commitment past its due date; the day itself is in time", () => {
    expect(commitmentState("open", "2026-03-10", "2026-03-10")).toBe("open");
    expect(commitmentState("open", "2026-03-09", "2026-03-10")).toBe("overdue");
    expect(commitmentState("done", "2026-03-01", "2026-03-10")).toBe("done");
  });

  it("takes questions only while scheduled and before the start", () => {
    const start = new Date("2026-05-01T01:00:00Z");
    expect(acceptsQuestions("scheduled", start, new Date("2026-04-30T00:00:00Z"))).toBe(true);
    expect(acceptsQuestions("scheduled", start, new Date("2026-05-01T01:00:00Z"))).toBe(false);
    expect(acceptsQuestions("held", start, new Date("2026-04-01T00:00:00Z"))).toBe(false);
    expect(acceptsQuestions("cancelled", start, new Date("2026-04-01T00:00:00Z"))).toBe(false);
  });
});

describe("moderation decisions", () => {
  it("publishes without a reason and rejects only with one; 'other' needs the note", () => {
    expect(moderationDecision("pending", { decision: "publish" })).toEqual({
      status: "published",
      reason: null,
      note: null,
    });
    expect(codeOf(() => moderationDecision("pending", { decision: "reject" }))).toBe(
      "civic_reason_required:reason",
    );
    expect(codeOf(() => moderationDecision("pending", { decision: "reject", reason: "other" }))).toBe(
      "civic_note_required:note",
    );
    expect(
      codeOf(() => moderationDecision("pending", { decision: "reject", reason: "other", note: "  " })),
    ).toBe("civic_note_required:note");
    expect(moderationDecision("pending", { decision: "reject", reason: "other", note: "Quảng cáo" })).toEqual(
      {
        status: "rejected",
        reason: "other",
        note: "Quảng cáo",
      },
    );
    expect(moderationDecision("pending", { decision: "reject", reason: "offensive" }).reason).toBe(
      "offensive",
    );
  });

  it("does not overwrite a decision already taken", () => {
    expect(codeOf(() => moderationDecision("published", { decision: "reject", reason: "duplicate" }))).toBe(
      "civic_already_moderated:-",
    );
    expect(codeOf(() => moderationDecision("rejected", { decision: "publish" }))).toBe(
      "civic_already_moderated:-",
    );
  });
});

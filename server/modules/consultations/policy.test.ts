import { describe, expect, it } from "vitest";
import { OPENING_HEADING, splitSections } from "../../../common/sections.ts";
import type { Actor } from "../auth/actor.ts";
import { consultationActions, consultationPolicy, phaseOf } from "./policy.ts";

const T = "tenant-1";
const actor = (role: Actor["grants"][number]["role"], unitId: string, tenantId = T): Actor => ({
  kind: "user",
  userId: `${role}-${unitId}`,
  tenantId,
  username: role,
  displayName: role,
  grants: [{ role, unitId }],
});
const resource = (phase: "draft" | "upcoming" | "open" | "closed") => ({
  tenantId: T,
  draftingUnitAncestorIds: ["snv", "province"],
  phase,
});

describe("consultation phases", () => {
  it("derives upcoming / open / closed from the dates once published; the last day is open", () => {
    expect(phaseOf("draft", "2026-01-01", "2026-01-31", "2026-01-15")).toBe("draft");
    expect(phaseOf("published", "2026-01-01", "2026-01-31", "2025-12-31")).toBe("upcoming");
    expect(phaseOf("published", "2026-01-01", "2026-01-31", "2026-01-01")).toBe("open");
    expect(phaseOf("published", "2026-01-01", "2026-01-31", "2026-01-31")).toBe("open");
    expect(phaseOf("published", "2026-01-01", "2026-01-31", "2026-02-01")).toBe("closed");
  });
});

describe("consultation policy", () => {
  it("lets the drafting agency and the coordinator run it; the Front comments; others read or not", () => {
    const drafter = actor("unit_officer", "snv");
    expect(consultationActions(drafter, resource("draft"))).toEqual(["edit", "publish"]);
    expect(consultationActions(drafter, resource("open"))).toEqual([
      "moderate",
      "answer",
      "comment",
      "report",
    ]);
    expect(consultationActions(drafter, resource("closed"))).toEqual(["moderate", "answer", "report"]);
    expect(consultationActions(actor("coordinator", "x"), resource("open"))).toContain("answer");
    expect(consultationActions(actor("supervisor", "mttq"), resource("open"))).toEqual(["comment"]);
    expect(consultationActions(actor("unit_officer", "other"), resource("open"))).toEqual(["comment"]);
    expect(consultationActions(actor("leadership", "ubnd"), resource("open"))).toEqual([]);
  });

  it("hides drafts from everyone but their makers, and everything from another tenant", () => {
    expect(consultationPolicy.read(actor("unit_officer", "other"), resource("draft"))).toBe(false);
    expect(consultationPolicy.read(actor("unit_officer", "other"), resource("open"))).toBe(true);
    expect(consultationPolicy.read(actor("media", "bao"), resource("open"))).toBe(false);
    expect(consultationPolicy.read(actor("coordinator", "snv", "other"), resource("open"))).toBe(false);
    expect(
      consultationPolicy.create(actor("unit_officer", "other"), {
        tenantId: T,
        draftingUnitAncestorIds: ["snv", "province"],
      }),
    ).toBe(false);
    expect(
      consultationPolicy.create(actor("unit_leader", "snv"), {
        tenantId: T,
        draftingUnitAncestorIds: ["snv", "province"],
      }),
    ).toBe(true);
  });
});

describe("splitting a pasted draft into sections", () => {
  it("cuts a draft decree at its articles, keeping numbered clauses inside them", () => {
    const sections = splitSections(
      "QUY ĐỊNH\nVề dân chủ ở cơ sở\nĐiều 1. Phạm vi điều chỉnh\n1. Quy định này …\n2. Đối tượng …\nĐiều 2. Nguyên tắc\nCông khai, minh bạch.",
    );
    expect(sections.map((s) => s.heading)).toEqual([
      OPENING_HEADING,
      "Điều 1. Phạm vi điều chỉnh",
      "Điều 2. Nguyên tắc",
    ]);
    expect(sections[1].text).toBe("1. Quy định này …\n2. Đối tượng …");
    expect(sections[0].text).toBe("QUY ĐỊNH\nVề dân chủ ở cơ sở");
  });

  it("cuts a plan at its Roman-numbered parts, and at numbers when there are no parts", () => {
    expect(
      splitSections("I. MỤC ĐÍCH\nNâng cao\n1. Cụ thể\nII. NHIỆM VỤ\nTuyên truyền").map((s) => s.heading),
    ).toEqual(["I. MỤC ĐÍCH", "II. NHIỆM VỤ"]);
    expect(splitSections("1. Một\na\n2. Hai\nb").map((s) => s.heading)).toEqual(["1. Một", "2. Hai"]);
  });

  it("keeps a text without headings as one opening section, and nothing as nothing", () => {
    expect(splitSections("Chỉ một đoạn văn.")).toEqual([
      { heading: OPENING_HEADING, text: "Chỉ một đoạn văn." },
    ]);
    expect(splitSections("  \n \n")).toEqual([]);
  });
});

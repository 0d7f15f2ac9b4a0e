import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.ts";
import { diffLines, diffReports } from "./diff.ts";
import { checkValues, DEFAULT_INDICATORS, formHeadings, headingOfCode } from "./form.ts";
import { countsOf } from "./periods.ts";
import { allowedActions, isLate, isLocked, isOpenFor, lockDay } from "./policy.ts";
import { prefillFrom } from "./prefill.ts";
import { passOn } from "./succession.ts";

const actor = (role: Actor["grants"][number]["role"], unitId: string, tenantId = "t1"): Actor => ({
  kind: "user",
  userId: "u",
  tenantId,
  username: role,
  displayName: role,
  grants: [{ role, unitId }],
});
const unit = { tenantId: "t1", unitAncestorIds: ["sv", "province"] };
const open = { deadline: "2024-12-10", lockDays: 30, reopenedUntil: null };

describe("report policy", () => {
  it("lets the unit's officer edit and submit, its leader send, the coordinator receive, accept and return", () => {
    expect(
      allowedActions(actor("unit_officer", "sv"), { ...unit, status: "draft" }, open, "2024-12-01"),
    ).toEqual(["edit", "attach", "submit"]);
    expect(
      allowedActions(actor("unit_leader", "sv"), { ...unit, status: "pending_approval" }, open, "2024-12-01"),
    ).toEqual(["edit", "attach", "send", "withdraw"]);
    expect(
      allowedActions(actor("coordinator", "snv"), { ...unit, status: "sent" }, open, "2024-12-01"),
    ).toEqual(["receive", "accept", "return"]);
  });

  it("gives nothing to another unit or another tenant", () => {
    expect(
      allowedActions(actor("unit_officer", "other"), { ...unit, status: "draft" }, open, "2024-12-01"),
    ).toEqual([]);
    expect(
      allowedActions(actor("coordinator", "snv", "t2"), { ...unit, status: "sent" }, open, "2024-12-01"),
    ).toEqual([]);
  });

  it("locks a period after its lock day unless reopened for the unit, and still takes a late sending", () => {
    expect(lockDay(open)).toBe("2025-01-09");
    expect(isLocked(open, "2025-01-09")).toBe(false);
    expect(isLocked(open, "2025-01-10")).toBe(true);
    expect(isOpenFor({ ...open, reopenedUntil: "2025-01-15" }, "2025-01-12")).toBe(true);
    expect(isOpenFor({ ...open, reopenedUntil: "2025-01-11" }, "2025-01-12")).toBe(false);
    const leader = allowedActions(
      actor("unit_leader", "sv"),
      { ...unit, status: "draft" },
      open,
      "2025-02-01",
    );
    expect(leader).toEqual(["send"]);
    expect(isLate("2024-12-11", "2024-12-10")).toBe(true);
    expect(isLate("2024-12-10", "2024-12-10")).toBe(false);
  });
});

describe("report form", () => {
  const item = (code: string, kind: "section" | "heading" | "task" | "statement", children = []) => ({
    code,
    kind,
    title: code,
    text: code,
    actors: { lead: [], coordinating: [], implementing: [], requested: [] },
    due: null,
    children,
  });
  it("asks a narrative per heading with tasks and once for a section of tasks", () => {
    const tree = {
      items: [
        { ...item("I", "section"), children: [item("I.1", "statement")] },
        {
          ...item("II", "section"),
          children: [{ ...item("II.1", "heading"), children: [item("II.1.a", "task")] }],
        },
        { ...item("III", "section"), children: [item("III.1", "task"), item("III.2", "task")] },
      ],
    } as never;
    expect(formHeadings(tree).map((h) => h.code)).toEqual(["II.1", "III"]);
    expect(
      headingOfCode("II.1.a.-2", [
        { code: "II.1", title: "" },
        { code: "III", title: "" },
      ]),
    ).toBe("II.1");
    expect(
      headingOfCode("III.4", [
        { code: "II.1", title: "" },
        { code: "III", title: "" },
      ]),
    ).toBe("III");
  });

  it("refuses negative, non-numeric and out-of-range values, naming the field", () => {
    expect(checkValues({ articles: "12", dialogues_held: null }, DEFAULT_INDICATORS, "department")).toEqual({
      articles: 12,
      dialogues_held: null,
    });
    for (const [values, code, type] of [
      [{ articles: -1 }, "report_value_negative", "department"],
      [{ articles: "mười" }, "report_value_not_number", "department"],
      [{ articles: Number.POSITIVE_INFINITY }, "report_value_not_number", "department"],
      [{ articles: true }, "report_value_not_number", "department"],
      [{ cultural_area_rate: 120 }, "report_value_too_large", "district"],
      [{ articles: 1e13 }, "report_value_too_large", "district"],
      [{ unity_festivals: 2 }, "report_indicator_not_reported", "department"],
      [{ nothing: 2 }, "report_indicator_unknown", "department"],
    ] as const) {
      expect(() => checkValues(values as never, DEFAULT_INDICATORS, type)).toThrow(
        expect.objectContaining({ code, field: `values.${Object.keys(values)[0]}` }),
      );
    }
  });

  it("pre-fills texts per heading and figures per indicator, each aggregated its way", () => {
    const headings = [
      { code: "II.1", title: "" },
      { code: "II.6", title: "" },
    ];
    const prefill = prefillFrom(
      [
        {
          itemCode: "II.1.a",
          reportedOn: "2024-01-20",
          text: "Tổ chức 1 hội nghị.",
          figures: { "Số hội nghị quán triệt": 1 },
        },
        {
          itemCode: "II.1.a",
          reportedOn: "2024-03-01",
          text: "Tổ chức 3 hội nghị.",
          figures: { "Số hội nghị quán triệt": 3 },
        },
        {
          itemCode: "II.1.b",
          reportedOn: "2024-06-01",
          text: "Tổ chức 2 hội nghị.",
          figures: { "so hoi nghi quan triet": 2 },
        },
        {
          itemCode: "II.6.a",
          reportedOn: "2024-09-01",
          text: "Ngày hội ở 5 khu dân cư.",
          figures: { "Số Ngày hội đại đoàn kết": 5 },
        },
      ],
      headings,
      DEFAULT_INDICATORS,
      "district",
    );
    expect(prefill.sections).toEqual({
      "II.1": "Tổ chức 3 hội nghị.\nTổ chức 2 hội nghị.",
      "II.6": "Ngày hội ở 5 khu dân cư.",
    });
    expect(prefill.values).toEqual({ propaganda_sessions: 6, unity_festivals: 5 });
  });
});

describe("revisions, completeness, succession", () => {
  it("diffs lines and names the sections that changed", () => {
    expect(diffLines("a\nb", "a\nc")).toEqual([
      { op: "same", text: "a" },
      { op: "removed", text: "b" },
      { op: "added", text: "c" },
    ]);
    expect(diffLines("", "x\ny")).toEqual([
      { op: "added", text: "x" },
      { op: "added", text: "y" },
    ]);
    // A section of a hundred thousand lines, all different: bounded, each line once, at once.
    const many = (prefix: string) => Array.from({ length: 100_000 }, (_, i) => `${prefix}${i}`).join("\n");
    const big = diffLines(many("a"), many("b"));
    expect(big).toHaveLength(200_000);
    expect(big.filter((line) => line.op === "removed")).toHaveLength(100_000);
    // The same section with one line changed is still a line diff.
    const edited = diffLines(many("a"), many("a").replace("a500\n", "a500 (sửa)\n"));
    expect(edited.filter((line) => line.op !== "same")).toEqual([
      { op: "removed", text: "a500" },
      { op: "added", text: "a500 (sửa)" },
    ]);
    const diff = diffReports(
      { sections: { "II.1": "a" }, values: { x: 1 }, difficulties: "", proposals: "" },
      { sections: { "II.1": "a", "II.2": "b" }, values: { x: 2 }, difficulties: "", proposals: "p" },
      [
        { code: "II.1", title: "" },
        { code: "II.2", title: "" },
      ],
      [{ code: "x", name: "X" }],
    );
    expect(diff.changed).toEqual(["II.2", "values", "proposals"]);
  });

  it("counts received, on time, late, accepted and missing among the expected units", () => {
    const counts = countsOf(
      ["a", "b", "c", "d"],
      new Map([
        ["a", { status: "accepted", firstSentAt: new Date(), late: false }],
        ["b", { status: "returned", firstSentAt: new Date(), late: true }],
        ["c", { status: "draft", firstSentAt: null, late: null }],
      ]),
    );
    expect(counts).toEqual({
      expected: 4,
      received: 2,
      onTime: 1,
      late: 1,
      accepted: 1,
      returned: 1,
      missing: 2,
    });
  });

  it("passes a closed unit's place among the expected units to its successors, once", () => {
    expect(
      passOn(
        ["a", "b", "c"],
        [
          { unitId: "a", successorIds: ["m"] },
          { unitId: "b", successorIds: ["m", "n"] },
        ],
      ),
    ).toEqual(["m", "n", "c"]);
  });
});

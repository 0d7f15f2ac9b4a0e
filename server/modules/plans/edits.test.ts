import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { PlanTree } from "../../../common/plan-tree.ts";
import { seedPlanPath } from "../../../demo/plan.ts";
import { diffVersions } from "./diff.ts";
import { applyEdit, type EditOp, nextBulletCode } from "./edits.ts";
import { parsePlanText } from "./import/index.ts";
import { allCodes, collectMentions, lineOwners, locate, withoutSource } from "./tree.ts";

let seed: PlanTree;
let lines: string[];

beforeAll(() => {
  const parsed = parsePlanText(readFileSync(seedPlanPath(), "utf8"));
  lines = parsed.source!.text.split("\n");
  seed = withoutSource(parsed);
});

const item = (tree: PlanTree, code: string) => locate(tree, code)!.item;
const codesUnder = (tree: PlanTree, code: string) => item(tree, code).children.map((child) => child.code);
const apply = (tree: PlanTree, op: EditOp) => applyEdit(tree, op, lines);
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error as { status: number; code: string };
  }
  throw new Error("expected a refusal");
};

describe("updating an item", () => {
  it("changes the named fields only, records them before and after, and leaves the input tree alone", () => {
    const { tree, before, after } = apply(seed, {
      op: "update",
      code: "II.5.-2",
      changes: { actors: { lead: ["Công an tỉnh"], coordinating: [], implementing: [], requested: [] } },
    });
    expect(item(tree, "II.5.-2").actors.lead).toEqual(["Công an tỉnh"]);
    expect(item(tree, "II.5.-2").text).toBe(item(seed, "II.5.-2").text);
    expect(before).toEqual({ actors: item(seed, "II.5.-2").actors });
    expect(after).toMatchObject({ actors: { lead: ["Công an tỉnh"] } });
    expect(item(seed, "II.5.-2").actors.lead).toEqual([]);
    // The importer's "unassigned task" warning no longer holds, and goes.
    expect(seed.warnings.some((w) => w.code === "unassigned-task" && w.at === "II.5.-2")).toBe(true);
    expect(tree.warnings.some((w) => w.code === "unassigned-task" && w.at === "II.5.-2")).toBe(false);
  });

  it("keeps kinds consistent with the tree: leaves are tasks or statements, parents headings, top items sections", () => {
    expect(apply(seed, { op: "update", code: "I.1.-1", changes: { kind: "task" } }).tree).toBeTruthy();
    expect(
      refusal(() => apply(seed, { op: "update", code: "II.2.a", changes: { kind: "task" } })),
    ).toMatchObject({
      status: 400,
      code: "invalid_kind",
    });
    expect(
      refusal(() => apply(seed, { op: "update", code: "II.1.a", changes: { kind: "heading" } })).code,
    ).toBe("invalid_kind");
    expect(refusal(() => apply(seed, { op: "update", code: "II", changes: { kind: "heading" } })).code).toBe(
      "invalid_kind",
    );
    expect(
      refusal(() => apply(seed, { op: "update", code: "II.1.a", changes: { title: "Tiêu đề" } })).code,
    ).toBe("title_on_leaf");
    expect(refusal(() => apply(seed, { op: "update", code: "II.1.a", changes: {} })).code).toBe(
      "nothing_to_change",
    );
    expect(refusal(() => apply(seed, { op: "update", code: "IX.9", changes: { text: "x" } })).status).toBe(
      404,
    );
  });
});

describe("splitting an item", () => {
  it("puts the rest of the text in a new sibling right after it, with the next bullet code never used there", () => {
    const original = item(seed, "II.2.a.-1").text;
    const at = original.indexOf("Thực hiện hiệu quả");
    const newCode = nextBulletCode("II.2.a", allCodes(seed));
    expect(newCode).toBe("II.2.a.-12");
    const { tree, touched } = apply(seed, { op: "split", code: "II.2.a.-1", atOffset: at, newCode });
    expect(codesUnder(tree, "II.2.a").slice(0, 3)).toEqual(["II.2.a.-1", "II.2.a.-12", "II.2.a.-2"]);
    expect(item(tree, "II.2.a.-1").text).toBe(original.slice(0, at).trimEnd());
    expect(item(tree, "II.2.a.-12")).toMatchObject({
      kind: "task",
      title: null,
      text: original.slice(at),
      actors: item(seed, "II.2.a.-1").actors,
    });
    // Both halves come from one source line.
    expect(item(tree, "II.2.a.-12").source?.lines).toEqual(item(seed, "II.2.a.-1").source?.lines);
    expect(touched.map((t) => t.code)).toEqual(["II.2.a.-1", "II.2.a.-12"]);
    expect(PlanTree.safeParse(tree).success).toBe(true);
  });

  it("splits a heading's paragraphs: the heading keeps its title and sub-items, the source lines divide", () => {
    const { tree } = apply(seed, { op: "split", code: "II.1", atParagraph: 1, newCode: "II.-1" });
    expect(item(tree, "II.1").text).toBe(item(seed, "II.1").title);
    expect(codesUnder(tree, "II.1")).toEqual(codesUnder(seed, "II.1"));
    expect(item(tree, "II.-1").text).toMatch(/^Các sở, ban, ngành; UBND các huyện/);
    expect(item(tree, "II.-1").kind).toBe("task");
    expect(item(tree, "II.1").source?.lines).toEqual([33, 33]);
    expect(item(tree, "II.-1").source?.lines).toEqual([35, 35]);
    expect(codesUnder(tree, "II").slice(0, 2)).toEqual(["II.1", "II.-1"]);
  });

  it("refuses a position outside the text, a section, and a code already used", () => {
    expect(
      refusal(() => apply(seed, { op: "split", code: "II.1.a", atParagraph: 1, newCode: "II.1.-1" })),
    ).toMatchObject({ status: 400, code: "split_position" });
    expect(
      refusal(() => apply(seed, { op: "split", code: "II.1.a", atOffset: 100_000, newCode: "II.1.-1" })).code,
    ).toBe("split_position");
    expect(refusal(() => apply(seed, { op: "split", code: "II", atParagraph: 1, newCode: "-1" })).code).toBe(
      "split_section",
    );
    expect(
      refusal(() => apply(seed, { op: "split", code: "II.1.a", atOffset: 10, newCode: "II.1.b" })).code,
    ).toBe("code_in_use");
  });
});

describe("merging an item with the next", () => {
  it("joins the texts as paragraphs and retires the next item's code, never to be given again", () => {
    const { tree } = apply(seed, { op: "merge", code: "II.2.a.-1", nextCode: "II.2.a.-2" });
    expect(item(tree, "II.2.a.-1").text).toBe(
      `${item(seed, "II.2.a.-1").text}\n${item(seed, "II.2.a.-2").text}`,
    );
    expect(locate(tree, "II.2.a.-2")).toBeNull();
    expect(item(tree, "II.2.a.-1").source?.lines).toEqual([49, 51]);
    expect(nextBulletCode("II.2.a", [...allCodes(seed), ...allCodes(tree)])).toBe("II.2.a.-12");
  });

  it("moves what pointed at the retired code (a reporting duty) to the merged item", () => {
    const { tree } = apply(seed, { op: "merge", code: "III.1", nextCode: "III.2" });
    expect(tree.reporting.map((duty) => duty.source)).toEqual(["III.1", "III.1"]);
    expect(item(tree, "III.1").actors.lead).toEqual(["Sở Nội vụ"]);
    expect(PlanTree.safeParse(tree).success).toBe(true);
  });

  it("refuses the last item of a level, and a next item that has sub-items", () => {
    expect(refusal(() => apply(seed, { op: "merge", code: "III.5", nextCode: "" }))).toMatchObject({
      status: 400,
      code: "merge_no_next",
    });
    expect(refusal(() => apply(seed, { op: "merge", code: "II.1", nextCode: "II.2" })).code).toBe(
      "merge_has_children",
    );
  });
});

describe("edits replayed", () => {
  it("give the same tree every time: the working tree can be rebuilt from the imported one", () => {
    const ops: EditOp[] = [
      { op: "split", code: "II.3.-1", atOffset: 50, newCode: "II.3.-6" },
      { op: "update", code: "II.3.-6", changes: { kind: "statement", due: null } },
      { op: "merge", code: "II.7.-1", nextCode: "II.7.-2" },
    ];
    const run = () => ops.reduce((tree, op) => apply(tree, op).tree, seed);
    expect(run()).toEqual(run());
    expect(JSON.stringify(run())).not.toBe(JSON.stringify(seed));
  });
});

describe("the difference between versions", () => {
  it("lists added, removed and changed items by code, and changed resolutions", () => {
    let tree = apply(seed, { op: "merge", code: "II.7.-1", nextCode: "II.7.-2" }).tree;
    tree = apply(tree, { op: "split", code: "II.3.-1", atOffset: 50, newCode: "II.3.-6" }).tree;
    const diff = diffVersions(
      { tree: seed, mentions: [{ mention: "Sở Nội vụ", unitIds: ["a"], groupId: null }] },
      { tree, mentions: [{ mention: "Sở Nội vụ", unitIds: ["b"], groupId: null }] },
    );
    expect(diff.added.map((i) => i.code)).toEqual(["II.3.-6"]);
    expect(diff.removed.map((i) => i.code)).toEqual(["II.7.-2"]);
    expect(diff.changed.map((c) => c.code).sort()).toEqual(["II.3.-1", "II.7.-1"]);
    const merged = diff.changed.find((c) => c.code === "II.7.-1")!;
    expect(merged.changes.map((c) => c.field)).toEqual(["text"]);
    expect(diff.mentions).toEqual([{ mention: "Sở Nội vụ", before: ["a"], after: ["b"] }]);
    expect(diff.document).toEqual([]);
  });
});

describe("mentions and source lines of a tree", () => {
  it("counts each item and each reporting duty naming a mention once, with the roles it plays", () => {
    const snv = collectMentions(seed).find((m) => m.mention === "Sở Nội vụ")!;
    expect(snv.codes).toEqual(expect.arrayContaining(["II.2.b", "II.4.b", "II.8.b", "III.1", "III.2"]));
    expect(snv.uses).toBe(6);
    expect(snv.roles).toEqual(expect.arrayContaining(["lead", "reporting_via", "reporting_from"]));
    const mentions = collectMentions(seed).map((m) => m.mention);
    expect(new Set(mentions).size).toBe(mentions.length);
  });

  it("maps every source line to the deepest item covering it", () => {
    const owners = lineOwners(seed, lines.length);
    expect(owners[49]).toBe("II.2.a.-1");
    expect(owners[34]).toBe("II.1");
    expect(owners[1]).toBeNull();
  });
});

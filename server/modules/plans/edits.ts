import type { Actors, Due, ItemKind, PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { type Located, locate } from "./tree.ts";

/**
 * The review's corrections as pure operations on a plan-tree/1. The same function makes an edit
 * and replays it from `plan_edits`, so the stored working tree can always be rebuilt from the
 * imported tree. Code rules (docs/plans.md): codes are identifiers, never renumbered; a split's
 * new sibling takes the next bullet code never used at its level; a merge retires the code of
 * the item merged away.
 */

export interface ItemChanges {
  text?: string;
  title?: string | null;
  kind?: ItemKind;
  actors?: Actors;
  due?: Due | null;
}

export type EditOp =
  | { op: "update"; code: string; changes: ItemChanges }
  | { op: "split"; code: string; atParagraph?: number; atOffset?: number; newCode: string }
  | { op: "merge"; code: string; nextCode: string };

export interface Applied {
  tree: PlanTree;
  before: unknown;
  after: unknown;
  /** The items the edit produced, as they are now. */
  touched: PlanItem[];
}

const ROLES = ["lead", "coordinating", "implementing", "requested"] as const;
const UNASSIGNED = "unassigned-task";

/** An item as an edit records it: its fields, and its children by code only. */
export function snapshot(item: PlanItem) {
  const { children, ...fields } = item;
  return { ...fields, children: children.map((child) => child.code) };
}

/** The next `-N` code at the level under `parentCode` that no item of the plan ever had. */
export function nextBulletCode(parentCode: string | null, usedCodes: Iterable<string>): string {
  const prefix = parentCode ? `${parentCode}.-` : "-";
  let highest = 0;
  for (const code of usedCodes) {
    if (!code.startsWith(prefix)) continue;
    const rest = code.slice(prefix.length);
    if (/^\d+$/.test(rest)) highest = Math.max(highest, Number(rest));
  }
  return `${prefix}${highest + 1}`;
}

function find(tree: PlanTree, code: string): Located {
  const located = locate(tree, code);
  if (!located) throw notFound(both(`mục ${code}`, `item ${code}`));
  return located;
}

function uniqueList(list: string[]): string[] {
  return [...new Set(list.map((mention) => mention.trim()).filter((mention) => mention.length > 0))];
}

function hasActors(actors: Actors): boolean {
  return ROLES.some((role) => actors[role].length > 0);
}

/** Keeps the importer's "unassigned task" warning true of the item after an edit. */
function refreshUnassigned(tree: PlanTree, item: PlanItem) {
  tree.warnings = tree.warnings.filter((w) => !(w.code === UNASSIGNED && w.at === item.code));
  if (item.kind === "task" && !hasActors(item.actors)) {
    const line = item.source?.lines[0];
    tree.warnings.push({
      code: UNASSIGNED,
      message: "Nhiệm vụ chưa có đơn vị thực hiện",
      at: item.code,
      ...(line ? { line } : {}),
    });
  }
}

/** Sections sit at the top, headings have sub-items, leaves are tasks or statements. */
function allowedKinds(located: Located): ItemKind[] {
  if (located.parent === null) return ["section"];
  if (located.item.children.length > 0) return ["heading"];
  return ["task", "statement"];
}

function update(tree: PlanTree, located: Located, changes: ItemChanges): Applied {
  const { item } = located;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of ["text", "title", "kind", "actors", "due"] as const) {
    if (changes[key] === undefined) continue;
    before[key] = item[key] ?? null;
    after[key] = changes[key];
  }
  if (Object.keys(after).length === 0) throw new AppError(400, "nothing_to_change");
  if (changes.kind !== undefined && !allowedKinds(located).includes(changes.kind)) {
    throw new AppError(
      400,
      "invalid_kind",
      { kind: changes.kind, code: item.code, allowed: allowedKinds(located).join(", ") },
      "kind",
    );
  }
  const kind = changes.kind ?? item.kind;
  const title = changes.title !== undefined ? changes.title : item.title;
  if (title !== null && kind !== "section" && kind !== "heading") {
    throw new AppError(400, "title_on_leaf", { code: item.code }, "title");
  }
  if (changes.text !== undefined) item.text = changes.text;
  if (changes.title !== undefined) item.title = changes.title;
  if (changes.kind !== undefined) item.kind = changes.kind;
  if (changes.due !== undefined) item.due = changes.due;
  if (changes.actors !== undefined) {
    item.actors = {
      lead: uniqueList(changes.actors.lead),
      coordinating: uniqueList(changes.actors.coordinating),
      implementing: uniqueList(changes.actors.implementing),
      requested: uniqueList(changes.actors.requested),
    };
    after.actors = item.actors;
  }
  if (changes.actors !== undefined || changes.kind !== undefined) refreshUnassigned(tree, item);
  return { tree, before, after, touched: [item] };
}

function cut(text: string, op: { atParagraph?: number; atOffset?: number }): [string, string] {
  if (op.atParagraph !== undefined) {
    const paragraphs = text.split("\n");
    if (op.atParagraph < 1 || op.atParagraph >= paragraphs.length) {
      throw new AppError(
        400,
        "split_position",
        { at: op.atParagraph, max: paragraphs.length - 1 },
        "atParagraph",
      );
    }
    return [paragraphs.slice(0, op.atParagraph).join("\n"), paragraphs.slice(op.atParagraph).join("\n")];
  }
  const at = op.atOffset ?? 0;
  const first = text.slice(0, at).trimEnd();
  const second = text.slice(at).trimStart();
  if (at < 1 || at >= text.length || !first || !second) {
    throw new AppError(400, "split_position", { at, max: text.length - 1 }, "atOffset");
  }
  return [first, second];
}

/**
 * Where the second part starts in the source: the first line of the item's range holding its
 * opening words. Unknown (both parts keep the whole range) when the text was edited away from
 * the source.
 */
function splitSource(
  range: [number, number],
  second: string,
  lines: string[],
): [[number, number], [number, number]] {
  const squash = (s: string) => s.replace(/\s+/g, " ").trim();
  const head = squash(second).slice(0, 24);
  for (let n = range[0]; n <= range[1]; n++) {
    const line = squash(lines[n - 1] ?? "");
    const at = line.indexOf(head);
    if (at < 0) continue;
    // Starting a line (after its marker: "a)", "2.", "-") the first part ends on the line before.
    const startsLine = /^([-+•*]|[\dA-Za-zĐđ]{1,4}[.)/])?$/.test(line.slice(0, at).trim());
    let end = startsLine ? n - 1 : n;
    while (end > range[0] && squash(lines[end - 1] ?? "") === "") end--;
    return [
      [range[0], Math.max(range[0], end)],
      [n, Math.max(n, range[1])],
    ];
  }
  return [range, range];
}

function leafKindOf(item: PlanItem): ItemKind {
  if (item.children.length === 0) return item.kind;
  let task = false;
  const scan = (items: PlanItem[]) => {
    for (const child of items) {
      if (child.kind === "task") task = true;
      scan(child.children);
    }
  };
  scan(item.children);
  return task ? "task" : "statement";
}

function split(
  tree: PlanTree,
  located: Located,
  op: { atParagraph?: number; atOffset?: number; newCode: string },
  sourceLines: string[],
): Applied {
  const { item, parent, siblings, index } = located;
  if (parent === null) throw new AppError(400, "split_section", { code: item.code });
  if (locate(tree, op.newCode)) throw new AppError(409, "code_in_use", { code: op.newCode });
  const [first, second] = cut(item.text, op);
  const before = { item: snapshot(item) };
  const created: PlanItem = {
    code: op.newCode,
    kind: leafKindOf(item),
    title: null,
    text: second,
    actors: structuredClone(item.actors),
    due: null,
    children: [],
  };
  // A deadline follows the words that state it.
  if (item.due && !first.includes(item.due.text) && second.includes(item.due.text)) {
    created.due = item.due;
    item.due = null;
  }
  if (item.source) {
    const [kept, moved] = splitSource(item.source.lines, second, sourceLines);
    item.source = { lines: kept };
    created.source = { lines: moved };
  }
  item.text = first;
  siblings.splice(index + 1, 0, created);
  refreshUnassigned(tree, created);
  return { tree, before, after: { items: [snapshot(item), snapshot(created)] }, touched: [item, created] };
}

function merge(tree: PlanTree, located: Located, nextCode: string): Applied {
  const { item, siblings, index } = located;
  const next = siblings[index + 1];
  if (!next) throw new AppError(400, "merge_no_next", { code: item.code });
  if (next.code !== nextCode) throw new AppError(409, "code_in_use", { code: nextCode });
  if (next.children.length > 0) throw new AppError(400, "merge_has_children", { code: next.code });
  const before = { items: [snapshot(item), snapshot(next)] };
  item.text = `${item.text}\n${next.text}`;
  for (const role of ROLES) item.actors[role] = uniqueList([...item.actors[role], ...next.actors[role]]);
  item.due = item.due ?? next.due;
  if (item.product !== undefined || next.product !== undefined)
    item.product = item.product ?? next.product ?? null;
  if (item.children.length === 0 && next.kind === "task") item.kind = "task";
  if (item.source && next.source) {
    item.source = {
      lines: [
        Math.min(item.source.lines[0], next.source.lines[0]),
        Math.max(item.source.lines[1], next.source.lines[1]),
      ],
    };
  } else item.source = item.source ?? next.source;
  siblings.splice(index + 1, 1);
  // What pointed at the retired code now points at the item it became part of.
  for (const duty of tree.reporting) if (duty.source === next.code) duty.source = item.code;
  tree.warnings = tree.warnings
    .filter((w) => !(w.code === UNASSIGNED && w.at === next.code))
    .map((w) => (w.at === next.code ? { ...w, at: item.code } : w));
  refreshUnassigned(tree, item);
  return { tree, before, after: { item: snapshot(item) }, touched: [item] };
}

/** Applies one edit to a copy of the tree. `sourceLines` are the plan's normalized source lines. */
export function applyEdit(tree: PlanTree, op: EditOp, sourceLines: string[]): Applied {
  const copy = structuredClone(tree);
  const located = find(copy, op.code);
  if (op.op === "update") return update(copy, located, op.changes);
  if (op.op === "split") return split(copy, located, op, sourceLines);
  return merge(copy, located, op.nextCode);
}

import type { PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import type { PlanDiff } from "../../../common/schemas/plans.ts";
import { canonicalJson } from "../audit/service.ts";
import type { FrozenMention } from "./tables.ts";
import { visit } from "./tree.ts";

/**
 * The difference between two versions of a plan, item by item. Codes are identifiers that edits
 * never renumber (docs/plans.md), so an item with the same code in both is the same item.
 */

const ITEM_FIELDS = ["kind", "title", "text", "actors", "due", "product"] as const;
const DOCUMENT_FIELDS = [
  "type",
  "number",
  "symbol",
  "place",
  "date",
  "issuer",
  "title",
  "signer",
  "recipients",
] as const;

export interface DiffSide {
  tree: PlanTree;
  mentions: FrozenMention[];
}

function byCode(tree: PlanTree): Map<string, PlanItem> {
  const map = new Map<string, PlanItem>();
  visit(tree.items, (item) => map.set(item.code, item));
  return map;
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const brief = (item: PlanItem) => ({ code: item.code, kind: item.kind, title: item.title, text: item.text });

export function diffVersions(a: DiffSide, b: DiffSide): Omit<PlanDiff, "from" | "to"> {
  const before = byCode(a.tree);
  const after = byCode(b.tree);
  const added = [...after.values()].filter((item) => !before.has(item.code)).map(brief);
  const removed = [...before.values()].filter((item) => !after.has(item.code)).map(brief);
  const changed: PlanDiff["changed"] = [];
  for (const [code, old] of before) {
    const now = after.get(code);
    if (!now) continue;
    const changes = ITEM_FIELDS.filter((field) => !same(old[field], now[field])).map((field) => ({
      field,
      before: old[field] ?? null,
      after: now[field] ?? null,
    }));
    if (changes.length > 0) changed.push({ code, changes });
  }
  const document = DOCUMENT_FIELDS.filter(
    (field) => !same(a.tree.document[field], b.tree.document[field]),
  ).map((field) => ({ field, before: a.tree.document[field], after: b.tree.document[field] }));
  const resolved = (side: DiffSide) =>
    new Map(side.mentions.map((m) => [m.mention, [...m.unitIds].sort()] as const));
  const old = resolved(a);
  const now = resolved(b);
  const mentions: PlanDiff["mentions"] = [];
  for (const mention of new Set([...old.keys(), ...now.keys()])) {
    const x = old.get(mention) ?? null;
    const y = now.get(mention) ?? null;
    if (!same(x, y)) mentions.push({ mention, before: x, after: y });
  }
  return { added, removed, changed, document, mentions };
}

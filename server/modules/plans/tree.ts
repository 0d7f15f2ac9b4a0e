import type { PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import type { MentionRole } from "../../../common/schemas/plans.ts";
import { foldVietnamese } from "../../lib/vi-text.ts";

/** Pure helpers over plan-tree/1: lookups, counts, the mentions a tree names. */

export interface Located {
  item: PlanItem;
  parent: PlanItem | null;
  siblings: PlanItem[];
  index: number;
}

export function visit(
  items: PlanItem[],
  fn: (item: PlanItem, parent: PlanItem | null) => void,
  parent: PlanItem | null = null,
) {
  for (const item of items) {
    fn(item, parent);
    visit(item.children, fn, item);
  }
}

export function locate(tree: Pick<PlanTree, "items">, code: string): Located | null {
  const search = (siblings: PlanItem[], parent: PlanItem | null): Located | null => {
    for (let index = 0; index < siblings.length; index++) {
      const item = siblings[index];
      if (item.code === code) return { item, parent, siblings, index };
      const found = search(item.children, item);
      if (found) return found;
    }
    return null;
  };
  return search(tree.items, null);
}

export function allCodes(tree: Pick<PlanTree, "items">): string[] {
  const codes: string[] = [];
  visit(tree.items, (item) => codes.push(item.code));
  return codes;
}

export function countItems(tree: Pick<PlanTree, "items">): { items: number; tasks: number } {
  let items = 0;
  let tasks = 0;
  visit(tree.items, (item) => {
    items++;
    if (item.kind === "task") tasks++;
  });
  return { items, tasks };
}

/** The tree without its source text: versions and API answers carry line numbers, not the text. */
export function withoutSource(tree: PlanTree): PlanTree {
  const { source: _source, ...rest } = tree;
  return rest;
}

export interface MentionUse {
  mention: string;
  codes: string[];
  roles: MentionRole[];
  /** Items naming it plus reporting duties naming it. */
  uses: number;
}

/** Every distinct mention of the tree's actors and reporting duties, in order of first use. */
export function collectMentions(tree: PlanTree): MentionUse[] {
  const byMention = new Map<string, { codes: Set<string>; roles: Set<MentionRole>; uses: number }>();
  const entryOf = (mention: string) => {
    let entry = byMention.get(mention);
    if (!entry) {
      entry = { codes: new Set(), roles: new Set(), uses: 0 };
      byMention.set(mention, entry);
    }
    return entry;
  };
  // A use is one item or one reporting duty, however many roles it names the mention in.
  const use = (named: [string, MentionRole][], code: string) => {
    for (const [mention, role] of named) {
      const entry = entryOf(mention);
      entry.roles.add(role);
      entry.codes.add(code);
    }
    for (const mention of new Set(named.map(([mention]) => mention))) entryOf(mention).uses++;
  };
  visit(tree.items, (item) => {
    const named: [string, MentionRole][] = [];
    for (const role of ["lead", "coordinating", "implementing", "requested"] as const) {
      for (const mention of item.actors[role]) named.push([mention, role]);
    }
    use(named, item.code);
  });
  for (const duty of tree.reporting) {
    const named: [string, MentionRole][] = duty.from.map((mention) => [mention, "reporting_from"]);
    named.push([duty.to, "reporting_to"]);
    if (duty.via) named.push([duty.via, "reporting_via"]);
    use(named, duty.source);
  }
  return [...byMention].map(([mention, entry]) => ({
    mention,
    codes: [...entry.codes],
    roles: [...entry.roles],
    uses: entry.uses,
  }));
}

/** For each source line (1-based index), the deepest item whose `source.lines` cover it. */
export function lineOwners(tree: PlanTree, lineCount: number): (string | null)[] {
  const owners: (string | null)[] = new Array(lineCount + 1).fill(null);
  // Parents are visited before their children, so a child's range overwrites its parent's.
  visit(tree.items, (item) => {
    const range = item.source?.lines;
    if (!range) return;
    for (let n = Math.max(1, range[0]); n <= Math.min(lineCount, range[1]); n++) owners[n] = item.code;
  });
  return owners;
}

/**
 * The day a partial document date stands for when a directory is read "as of" it: the first day
 * of the period ("2024-06" → 2024-06-01), the earliest day the document can carry.
 */
export function planAsOf(documentDate: string | null, fallback: Date): string {
  if (!documentDate) return fallback.toISOString().slice(0, 10);
  if (/^\d{4}$/.test(documentDate)) return `${documentDate}-01-01`;
  if (/^\d{4}-\d{2}$/.test(documentDate)) return `${documentDate}-01`;
  return documentDate;
}

/** The folded words a plan is found by: kind, title, number/symbol, issuer, cited documents. */
export function searchTextOf(tree: PlanTree, filename: string | null): string {
  const doc = tree.document;
  const parts = [
    doc.type,
    doc.title,
    doc.number && doc.symbol ? `${doc.number}/${doc.symbol}` : (doc.symbol ?? doc.number),
    doc.issuer,
    doc.place,
    filename,
    ...tree.references.flatMap((reference) => [reference.number, reference.title ?? null]),
  ];
  return foldVietnamese(parts.filter((part): part is string => !!part).join(" | "));
}

/** The title a plan is listed under: its abstract, or the file it came from. */
export function titleOf(tree: PlanTree, filename: string | null): string {
  return tree.document.title ?? filename ?? "(không có trích yếu)";
}

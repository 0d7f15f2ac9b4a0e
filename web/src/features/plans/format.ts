import type { Actors, Due, PlanItem } from "../../../../common/plan-tree.ts";
import type { PlanStatus } from "../../../../common/schemas/plans.ts";

// Pure helpers of the plan screens, kept apart from React so they are unit-tested.

/** A plan's date is as precise as its text: "2024", "2024-06" or "2024-06-15", shown dd/MM/yyyy. */
export function formatPartialDate(value: string | null | undefined): string {
  if (!value) return "";
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (!m) return value;
  if (m[3]) return `${m[3]}/${m[2]}/${m[1]}`;
  if (m[2]) return `${m[2]}/${m[1]}`;
  return m[1];
}

/** The reverse: "15/06/2024", "06/2024" or "2024" typed by a user; null when it is no real date. */
export function parsePartialDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})$/.exec(s);
  if (m) return m[1];
  m = /^(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? `${m[2]}-${String(month).padStart(2, "0")}` : null;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${m[3]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "15/KH-UBND"; a number left blank for the signature reads "…/KH-UBND", as on paper. */
export function numberSymbol(plan: { number: string | null; symbol: string | null }): string {
  if (!plan.number && !plan.symbol) return "";
  if (!plan.symbol) return plan.number ?? "";
  return `${plan.number ?? "…"}/${plan.symbol}`;
}

export const STATUS_COLORS: Record<PlanStatus, string> = {
  draft: "gold",
  published: "green",
  amending: "blue",
};

export const ACTOR_ROLES = ["lead", "coordinating", "implementing", "requested"] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export function hasActors(actors: Actors): boolean {
  return ACTOR_ROLES.some((role) => actors[role].length > 0);
}

export function flattenItems(items: PlanItem[], into: PlanItem[] = []): PlanItem[] {
  for (const item of items) {
    into.push(item);
    flattenItems(item.children, into);
  }
  return into;
}

export function findItem(items: PlanItem[], code: string): PlanItem | null {
  for (const item of items) {
    if (item.code === code) return item;
    const found = findItem(item.children, code);
    if (found) return found;
  }
  return null;
}

/** The codes from the top of the tree down to the item's parent, to open its branch. */
export function ancestorCodes(items: PlanItem[], code: string, path: string[] = []): string[] | null {
  for (const item of items) {
    if (item.code === code) return path;
    const found = ancestorCodes(item.children, code, [...path, item.code]);
    if (found) return found;
  }
  return null;
}

/** The sibling right after the item (what "merge with next" joins), or null. */
export function nextSibling(items: PlanItem[], code: string): PlanItem | null {
  for (let i = 0; i < items.length; i++) {
    if (items[i].code === code) return items[i + 1] ?? null;
    const found = nextSibling(items[i].children, code);
    if (found !== undefined && found !== null) return found;
    if (findItem(items[i].children, code)) return null;
  }
  return null;
}

export function withChildrenCodes(items: PlanItem[]): string[] {
  return flattenItems(items)
    .filter((i) => i.children.length > 0)
    .map((i) => i.code);
}

/** The first line of an item, for the tree: its title, else the start of its text. */
export function itemLabel(item: PlanItem, max = 90): string {
  const first = (item.title ?? item.text).split("\n")[0].trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

export function paragraphs(text: string): string[] {
  return text.split("\n");
}

/** Lists typed in a form: trimmed, blanks and repeats dropped, order kept. */
export function cleanList(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];
}

export function sameDue(a: Due | null, b: Due | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

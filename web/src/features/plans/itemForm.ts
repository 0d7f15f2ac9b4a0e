import type { Due, PlanItem, Recurrence } from "../../../../common/plan-tree.ts";
import type { ItemPatch } from "../../../../common/schemas/plans.ts";
import { ACTOR_ROLES, cleanList, formatPartialDate, parsePartialDate, sameDue } from "./format.ts";

// What the item edit form holds, and the PATCH body it makes: only the fields that changed.

export type ItemFormValues = {
  title: string;
  kind: PlanItem["kind"];
  text: string;
  lead: string[];
  coordinating: string[];
  implementing: string[];
  requested: string[];
  dueText: string;
  /** "" stands for no period ("thường xuyên", a bare "định kỳ"). */
  dueRecurrence: Recurrence | "";
  /** dd/MM/yyyy, MM/yyyy or yyyy, as precise as the text. */
  dueDate: string;
};

export type ItemField = "title" | "kind" | "text" | "actors" | "due";

export function itemToForm(item: PlanItem): ItemFormValues {
  return {
    title: item.title ?? "",
    kind: item.kind,
    text: item.text,
    lead: item.actors.lead,
    coordinating: item.actors.coordinating,
    implementing: item.actors.implementing,
    requested: item.actors.requested,
    dueText: item.due?.text ?? "",
    dueRecurrence: item.due?.recurrence ?? "",
    dueDate: formatPartialDate(item.due?.date),
  };
}

/**
 * The deadline the form describes; the day within a period (month, day, and how many months after
 * the period it falls, "trước ngày 5 của tháng đầu quý sau") is kept from the item.
 */
export function formDue(values: ItemFormValues, base: Due | null): Due | null {
  const text = values.dueText.trim();
  if (!text) return null;
  return {
    text,
    recurrence: values.dueRecurrence || null,
    date: values.dueDate.trim() ? parsePartialDate(values.dueDate) : null,
    month: base?.month ?? null,
    day: base?.day ?? null,
    ...(base?.monthsAfter ? { monthsAfter: base.monthsAfter } : {}),
  };
}

export function buildPatch(item: PlanItem, values: ItemFormValues, revision: number): ItemPatch {
  const patch: ItemPatch = { revision };
  const text = values.text.trim();
  if (text && text !== item.text) patch.text = text;
  const title = values.title.trim();
  if ((item.kind === "section" || item.kind === "heading" || values.kind !== item.kind) && title) {
    if (title !== (item.title ?? "")) patch.title = title;
  }
  if (values.kind !== item.kind) patch.kind = values.kind;
  const actors = {
    lead: cleanList(values.lead),
    coordinating: cleanList(values.coordinating),
    implementing: cleanList(values.implementing),
    requested: cleanList(values.requested),
  };
  if (ACTOR_ROLES.some((role) => JSON.stringify(actors[role]) !== JSON.stringify(item.actors[role]))) {
    patch.actors = actors;
  }
  const due = formDue(values, item.due);
  if (!sameDue(due, item.due)) patch.due = due;
  return patch;
}

export function changedFields(patch: ItemPatch): ItemField[] {
  return (["title", "kind", "text", "actors", "due"] as const).filter((f) => patch[f] !== undefined);
}

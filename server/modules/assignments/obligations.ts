import type { PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import type { AssignmentRole } from "../../../common/schemas/assignments.ts";
import type { IsoDate } from "../../lib/calendar/index.ts";
import type { FrozenMention } from "../plans/tables.ts";
import { visit } from "../plans/tree.ts";
import { type Occurrence, occurrencesOf } from "./occurrences.ts";
import { ROLE_PRECEDENCE } from "./status.ts";

/**
 * What a published version asks of units, pure: for every task, every unit its resolved actors
 * name, in one role, for every occurrence of its due. A unit named in several roles of one task
 * keeps the strongest (lead, then implementing, coordinating, requested): "Sở Nội vụ chủ trì,
 * phối hợp với các sở, ngành" does not make Sở Nội vụ coordinate with itself.
 */

export interface Obligation extends Occurrence {
  code: string;
  namedUnitId: string;
  role: AssignmentRole;
}

export function obligationKey(o: { code: string; role: string; occurrence: string }, unitId: string) {
  return `${o.code}|${unitId}|${o.role}|${o.occurrence}`;
}

/** Items that are assigned: tasks (a task with sub-items too). */
export function assignedItems(tree: Pick<PlanTree, "items">): PlanItem[] {
  const found: PlanItem[] = [];
  visit(tree.items, (item) => {
    if (item.kind === "task") found.push(item);
  });
  return found;
}

/** Each unit of a task with its strongest role. */
export function unitRoles(item: PlanItem, resolved: Map<string, string[]>): Map<string, AssignmentRole> {
  const roles = new Map<string, AssignmentRole>();
  for (const role of ROLE_PRECEDENCE) {
    for (const mention of item.actors[role]) {
      for (const unitId of resolved.get(mention) ?? []) if (!roles.has(unitId)) roles.set(unitId, role);
    }
  }
  return roles;
}

export function obligationsOf(
  tree: Pick<PlanTree, "items">,
  mentions: FrozenMention[],
  from: IsoDate,
  today: IsoDate,
): Obligation[] {
  const resolved = new Map(mentions.map((m) => [m.mention, m.unitIds]));
  const result: Obligation[] = [];
  for (const item of assignedItems(tree)) {
    const roles = unitRoles(item, resolved);
    if (roles.size === 0) continue;
    const occurrences = occurrencesOf(item.due, from, today);
    for (const [namedUnitId, role] of roles) {
      for (const occurrence of occurrences)
        result.push({ ...occurrence, code: item.code, namedUnitId, role });
    }
  }
  return result;
}

/**
 * The heading each item counts under in summaries and the matrix: its ancestor right under a
 * section (II.2.b → II.2), the section itself for a task right under one (III.1 → III), and the
 * top-level item when the plan has no sections.
 */
export function headingsOf(tree: Pick<PlanTree, "items">): Map<string, string> {
  const result = new Map<string, string>();
  const mark = (item: PlanItem, heading: string) => visit([item], (each) => result.set(each.code, heading));
  for (const top of tree.items) {
    result.set(top.code, top.code);
    if (top.kind !== "section") {
      mark(top, top.code);
      continue;
    }
    for (const child of top.children) mark(child, child.children.length > 0 ? child.code : top.code);
  }
  return result;
}

/** A task's title, or the start of its text: what a list shows. */
export function itemLabel(item: Pick<PlanItem, "title" | "text">): string {
  const text = item.title ?? item.text;
  return text.length > 160 ? `${text.slice(0, 157).trimEnd()}…` : text;
}

import type { PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import type { RollupNode } from "../../../common/schemas/assignments.ts";
import { itemLabel } from "./obligations.ts";
import { isActive, scoreOf } from "./status.ts";

/**
 * Progress rolled up the plan's tree, pure (the rule is ROLLUP_RULE in status.ts, returned with
 * the numbers): a task is the mean of its assignments' scores; a heading, a section and the plan
 * are the weighted mean of their children that have a value. Occurrences whose period has not
 * begun are left out, so next year's report does not pull this year's progress down.
 */

export interface RollupRow {
  itemCode: string;
  status: string;
  role: string;
  percent: number | null;
  startsOn: string | null;
}

export interface Rollup {
  progress: number | null;
  items: RollupNode[];
  byCode: Map<string, number | null>;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function rollup(
  tree: Pick<PlanTree, "items">,
  rows: readonly RollupRow[],
  weights: ReadonlyMap<string, number>,
  today: string,
): Rollup {
  const scores = new Map<string, number[]>();
  for (const row of rows) {
    if (!isActive(row, today)) continue;
    const score = scoreOf(row);
    if (score === null) continue;
    const list = scores.get(row.itemCode) ?? [];
    list.push(score);
    scores.set(row.itemCode, list);
  }
  const byCode = new Map<string, number | null>();
  const weightOf = (code: string) => weights.get(code) ?? 1;

  const weighted = (nodes: RollupNode[]): number | null => {
    let sum = 0;
    let total = 0;
    for (const node of nodes) {
      if (node.progress === null || node.weight <= 0) continue;
      sum += node.progress * node.weight;
      total += node.weight;
    }
    return total > 0 ? round(sum / total) : null;
  };

  const build = (item: PlanItem): RollupNode | null => {
    const children = item.children.map(build).filter((node): node is RollupNode => node !== null);
    if (item.kind === "statement" && children.length === 0) return null;
    const own = scores.get(item.code) ?? [];
    const progress = own.length > 0 ? round(own.reduce((a, b) => a + b, 0) / own.length) : weighted(children);
    byCode.set(item.code, progress);
    return {
      code: item.code,
      kind: item.kind,
      label: itemLabel(item),
      weight: weightOf(item.code),
      progress,
      assignments: own.length + children.reduce((sum, child) => sum + child.assignments, 0),
      children,
    };
  };

  const items = tree.items.map(build).filter((node): node is RollupNode => node !== null);
  return { progress: weighted(items), items, byCode };
}

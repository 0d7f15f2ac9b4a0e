// Pure helpers over the directory tree the API sends (UnitTreeNode[]).
import type { Unit, UnitTreeNode } from "../../../../common/schemas/units.ts";

export type TreeSelectNode = {
  value: string;
  title: string;
  /** Other names the unit is found by in the picker's search. */
  aliases?: string[];
  children?: TreeSelectNode[];
  disabled?: boolean;
};

/** Ids from the root down to (not including) `id`, or null when the unit is not in the tree. */
export function findPath(nodes: UnitTreeNode[], id: string): string[] | null {
  for (const node of nodes) {
    if (node.id === id) return [];
    const below = findPath(node.children, id);
    if (below) return [node.id, ...below];
  }
  return null;
}

export function findNode(nodes: UnitTreeNode[], id: string): UnitTreeNode | null {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return null;
}

/** Keys of the nodes down to `depth` levels, so the first view shows the province and its sở/huyện. */
export function keysToDepth(nodes: UnitTreeNode[], depth: number): string[] {
  if (depth <= 0) return [];
  return nodes.flatMap((n) => (n.children.length ? [n.id, ...keysToDepth(n.children, depth - 1)] : []));
}

export function countUnits(nodes: UnitTreeNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countUnits(n.children), 0);
}

/** The shape antd's TreeSelect takes; `disabledId` keeps a unit from being its own parent. */
export function toTreeSelect(nodes: UnitTreeNode[], disabledId?: string): TreeSelectNode[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.shortName && n.shortName !== n.name ? `${n.name} (${n.shortName})` : n.name,
    aliases: n.aliases.length ? n.aliases : undefined,
    disabled: n.id === disabledId || undefined,
    children: n.children.length ? toTreeSelect(n.children, disabledId) : undefined,
  }));
}

/** "UBND tỉnh Kiên Giang › Sở Nội vụ" from the ancestors the detail endpoint returns. */
export function pathText(path: Pick<Unit, "name">[], separator = " › "): string {
  return path.map((u) => u.name).join(separator);
}

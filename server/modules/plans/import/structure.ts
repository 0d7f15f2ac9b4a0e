import type { Paragraph } from "./lines.ts";
import { type BulletFamily, type MarkerType, readMarker } from "./markers.ts";
import {
  type Column,
  columnOf,
  isGroupIndex,
  readTaskTable,
  splitCells,
  type TableRow,
  type TaskTable,
} from "./tables.ts";

/**
 * The item tree from the body's paragraphs. Rank follows the kind of numbering
 * (Roman, Arabic and its decimals, letter, bullet) rather than its spelling, so
 * "I." and "I -", "1." and "1/", "a)" and "a." give the same tree. Bullets nest by
 * mark: a new mark under a bullet opens a sub-list, a mark seen above closes it.
 */

export type NodeMarker = MarkerType | "row" | "group" | "root";

export interface RawNode {
  segment: string;
  marker: NodeMarker;
  rank: number;
  family: BulletFamily | null;
  /** Texts of the item's paragraphs, its numbering mark taken off the first. */
  texts: string[];
  /** First source line of each paragraph in `texts`. */
  lines: number[];
  from: number;
  to: number;
  children: RawNode[];
  row?: TableRow;
  /** Labelled fields: a table row's cells, or lines such as "- Cơ quan chủ trì: Sở Tư pháp". */
  fields?: Partial<Record<Column, string>>;
}

const FIELD = /^([^:;]{2,40}):\s*(.+)$/;
const FIELD_COLUMNS: Column[] = ["lead", "coordinating", "implementing", "due", "product"];

/** "Chủ trì: Sở Tư pháp; phối hợp: các sở, ngành" → its fields, or null when the line is no such list. */
export function readFields(text: string): Partial<Record<Column, string>> | null {
  const fields: Partial<Record<Column, string>> = {};
  for (const segment of text.trim().split(/;\s*(?=[^;:]{2,40}:)/)) {
    const m = FIELD.exec(segment.trim());
    if (!m) return null;
    const column = columnOf(m[1]);
    if (!FIELD_COLUMNS.includes(column) || m[1].split(/\s+/).length > 5) return null;
    const value = m[2].trim().replace(/[.;,]+$/, "");
    if (!value) return null;
    fields[column] = fields[column] ? `${fields[column]}; ${value}` : value;
  }
  return fields;
}

const RANK: Record<MarkerType, number> = { roman: 0, arabic: 1, letter: 2, bullet: 3 };

export function newRoot(segment = "", from = 1): RawNode {
  return {
    segment,
    marker: "root",
    rank: -1,
    family: null,
    texts: [],
    lines: [],
    from,
    to: from,
    children: [],
  };
}

/**
 * What a parent's children already use, kept up to date as children are pushed (they are never
 * removed or renamed while the tree is built): finding a free segment then costs the same for the
 * ten-thousandth "I." as for the first, where scanning the children each time grew with the cube.
 */
type SegmentIndex = { seen: number; used: Set<string>; nextSuffix: Map<string, number>; bullets: number };
const segmentIndexes = new WeakMap<RawNode, SegmentIndex>();

function segmentIndex(parent: RawNode): SegmentIndex {
  let index = segmentIndexes.get(parent);
  if (!index) {
    index = { seen: 0, used: new Set(), nextSuffix: new Map(), bullets: 0 };
    segmentIndexes.set(parent, index);
  }
  for (; index.seen < parent.children.length; index.seen++) {
    const child = parent.children[index.seen];
    index.used.add(child.segment);
    if (child.marker === "bullet") index.bullets++;
  }
  return index;
}

function uniqueSegment(parent: RawNode, segment: string): string {
  const index = segmentIndex(parent);
  if (!index.used.has(segment)) return segment;
  let n = index.nextSuffix.get(segment) ?? 2;
  while (index.used.has(`${segment}x${n}`)) n++;
  index.nextSuffix.set(segment, n + 1);
  return `${segment}x${n}`;
}

function bulletSegment(parent: RawNode): string {
  return `-${segmentIndex(parent).bullets + 1}`;
}

function stripClosingMark(text: string): string {
  return text.replace(/\.\/\.?(["')]*)$/, ".$1");
}

function addTable(container: RawNode, table: TaskTable): void {
  let group: RawNode | null = null;
  let sequence = 0;
  for (const row of table.rows) {
    const text = stripClosingMark(row.cells.content ?? "");
    if (isGroupIndex(row.index)) {
      group = {
        segment: uniqueSegment(container, row.index),
        marker: "group",
        rank: 5,
        family: null,
        texts: [text],
        lines: [row.from],
        from: row.from,
        to: row.to,
        children: [],
        row,
        fields: row.cells,
      };
      container.children.push(group);
      continue;
    }
    let parent = group ?? container;
    const parts = row.index ? row.index.split(".") : [];
    if (parts.length > 1) {
      const owner = parent.children.find((c) => c.segment === parts[0]);
      if (owner) parent = owner;
    }
    sequence++;
    const segment = parts.length > 0 ? parts[parts.length - 1] : String(sequence);
    parent.children.push({
      segment: uniqueSegment(parent, segment),
      marker: "row",
      rank: 6,
      family: null,
      texts: [text],
      lines: [row.from],
      from: row.from,
      to: row.to,
      children: [],
      row,
      fields: row.cells,
    });
  }
}

/** Builds the tree under `root` from the body's paragraphs; text before the first item goes to the root. */
export function buildTree(body: Paragraph[], root: RawNode = newRoot()): RawNode {
  const stack: RawNode[] = [root];
  const top = () => stack[stack.length - 1];
  let i = 0;
  while (i < body.length) {
    const p = body[i];
    if (p.pipe) {
      let j = i;
      while (j < body.length && body[j].pipe) j++;
      const run = body.slice(i, j);
      const table = readTaskTable(run);
      let container = top();
      while (container.marker === "bullet" && stack.length > 1) {
        stack.pop();
        container = top();
      }
      if (table) addTable(container, table);
      else {
        for (const row of run) {
          container.texts.push(splitCells(row.text).join(" | "));
          container.lines.push(row.from);
          container.to = Math.max(container.to, row.to);
        }
      }
      i = j;
      continue;
    }
    i++;
    const marker = readMarker(p.text);
    const rest = marker ? p.text.slice(marker.length) : p.text;
    const fields = stack.length > 1 && (!marker || marker.type === "bullet") ? readFields(rest) : null;
    if (fields) {
      // "- Thời gian thực hiện: Quý III/2025" describes the item above; it is not an item of its own
      const node = top();
      node.fields = { ...node.fields, ...fields };
      node.texts.push(rest);
      node.lines.push(p.from);
      node.to = Math.max(node.to, p.to);
      continue;
    }
    if (!marker) {
      const node = top();
      node.texts.push(stripClosingMark(p.text));
      node.lines.push(p.from);
      node.to = Math.max(node.to, p.to);
      continue;
    }
    let parent: RawNode;
    let rank: number;
    if (marker.type === "bullet") {
      let same = -1;
      for (let q = stack.length - 1; q > 0 && stack[q].marker === "bullet"; q--) {
        if (stack[q].family === marker.family) {
          same = q;
          break;
        }
      }
      if (same > 0) stack.length = same;
      parent = top();
      rank = parent.marker === "bullet" ? parent.rank + 1 : RANK.bullet;
    } else {
      rank = RANK[marker.type] + (marker.type === "arabic" ? (marker.parts.length - 1) * 0.1 : 0);
      while (stack.length > 1 && top().rank >= rank) stack.pop();
      parent = top();
    }
    let segment: string;
    if (marker.type === "bullet") segment = bulletSegment(parent);
    else if (marker.type === "arabic") segment = String(marker.parts[marker.parts.length - 1]);
    else if (marker.type === "roman") segment = marker.label.toUpperCase();
    else segment = marker.label;
    const node: RawNode = {
      segment: uniqueSegment(parent, segment),
      marker: marker.type,
      rank,
      family: marker.family,
      texts: [stripClosingMark(p.text.slice(marker.length))],
      lines: [p.from],
      from: p.from,
      to: p.to,
      children: [],
    };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

/** Last source line of a node and its descendants. */
export function lastLine(node: RawNode): number {
  let last = node.to;
  for (const child of node.children) last = Math.max(last, lastLine(child));
  return last;
}

import { fold } from "./fold.ts";
import type { Paragraph } from "./lines.ts";
import { romanValue } from "./markers.ts";
import { readMentionList, tokenize, uniqueMentions } from "./mentions.ts";

/**
 * Task tables ("STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời
 * gian hoàn thành | Sản phẩm"), from a .docx table or flattened into "|" rows.
 * A row with an empty STT cell continues the row above (a row split by a page break).
 */

export type Column =
  | "index"
  | "content"
  | "lead"
  | "coordinating"
  | "implementing"
  | "due"
  | "product"
  | "other";

export interface TableRow {
  /** The STT cell: "1", "1.2", "I", or "" when the table has no STT column. */
  index: string;
  cells: Partial<Record<Column, string>>;
  from: number;
  to: number;
}

export interface TaskTable {
  columns: Column[];
  rows: TableRow[];
}

export function splitCells(text: string): string[] {
  const cells = text.split("|").map((c) => c.trim());
  if (text.trimStart().startsWith("|")) cells.shift();
  if (text.trimEnd().endsWith("|")) cells.pop();
  return cells;
}

export function columnOf(header: string): Column {
  const f = fold(header);
  if (/^(stt|tt|so tt|so thu tu)$/.test(f)) return "index";
  if (/phoi hop/.test(f)) return "coordinating";
  if (/chu tri/.test(f)) return "lead";
  if (/(co quan|don vi) (thuc hien|thuc hien chinh)|trach nhiem|^don vi$|^co quan$/.test(f))
    return "implementing";
  if (/thoi gian|thoi han|tien do|han hoan thanh|moc/.test(f)) return "due";
  if (/san pham|ket qua/.test(f)) return "product";
  if (/noi dung|nhiem vu|ten|hoat dong|giai phap|cong viec/.test(f)) return "content";
  return "other";
}

/** The columns of a header row, if it is the header of a task table. */
export function readHeader(text: string): Column[] | null {
  const cells = splitCells(text);
  if (cells.length < 3) return null;
  const columns = cells.map(columnOf);
  if (!columns.includes("content")) return null;
  if (!columns.some((c) => c === "lead" || c === "implementing" || c === "due" || c === "coordinating"))
    return null;
  return columns;
}

const INDEX = /^(?:[IVXL]+|\d{1,3}(?:\.\d{1,3}){0,3})\.?$/;

export function isGroupIndex(index: string): boolean {
  return /^[IVXL]+$/.test(index) && romanValue(index) > 0;
}

function looksLikeColumnNumbers(cells: string[]): boolean {
  return cells.length > 2 && cells.every((c, i) => c === `(${i + 1})` || c === String(i + 1));
}

/** Reads a run of "|" paragraphs that starts with a task table's header. */
export function readTaskTable(paragraphs: Paragraph[]): TaskTable | null {
  if (paragraphs.length === 0) return null;
  const columns = readHeader(paragraphs[0].text);
  if (!columns) return null;
  const rows: TableRow[] = [];
  const indexColumn = columns.indexOf("index");
  for (const p of paragraphs.slice(1)) {
    const cells = splitCells(p.text);
    if (looksLikeColumnNumbers(cells) || cells.every((c) => /^[-:=\s]*$/.test(c))) continue;
    const rawIndex = indexColumn >= 0 ? (cells[indexColumn] ?? "").replace(/\.$/, "") : "";
    const row: TableRow = { index: INDEX.test(rawIndex) ? rawIndex : "", cells: {}, from: p.from, to: p.to };
    if (isGroupIndex(row.index) && cells.filter((c) => c !== "").length <= 3) {
      // a group row: its title stands in the first non-empty cell after STT
      row.cells.content = cells.filter((c, i) => i !== indexColumn && c !== "").join(" ");
    } else {
      cells.forEach((cell, i) => {
        const column = columns[i] ?? "other";
        if (column === "index" || column === "other" || cell === "") return;
        row.cells[column] = row.cells[column] ? `${row.cells[column]}; ${cell}` : cell;
      });
    }
    const previous = rows[rows.length - 1];
    if (row.index === "" && indexColumn >= 0 && previous) {
      for (const [column, value] of Object.entries(row.cells) as [Column, string][]) {
        // units stay apart ("Sở Tài chính; Sở Tư pháp"); text flows on
        const joiner =
          column === "lead" || column === "coordinating" || column === "implementing" ? "; " : " ";
        previous.cells[column] = previous.cells[column]
          ? `${previous.cells[column]}${joiner}${value}`
          : value;
      }
      previous.to = p.to;
      continue;
    }
    if (Object.keys(row.cells).length === 0) continue;
    rows.push(row);
  }
  return { columns, rows };
}

/** Splits an actor cell into mentions at ";", line ends and the start of each unit's name. */
export function cellMentions(cell: string | undefined): string[] {
  if (!cell) return [];
  const out: string[] = [];
  for (const raw of cell.split(/;|\n/)) {
    const part = raw
      .replace(/^[-+•]\s*/, "")
      .replace(/[.,]+$/, "")
      .trim();
    if (!part) continue;
    const tokens = tokenize(part);
    const list = readMentionList(part, tokens, 0);
    if (list && list.end >= tokens.length) out.push(...list.mentions);
    else out.push(part);
  }
  return uniqueMentions(out);
}

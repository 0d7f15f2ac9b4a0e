import { PlanImportError } from "./errors.ts";
import { readMarker } from "./markers.ts";

/**
 * A PDF's text layer, rebuilt into one line per paragraph. A PDF only places glyphs:
 * lines are found by their baseline, columns of the header and signature block by the
 * gap between them (written as "left | right"), and a line joins the paragraph above
 * when that one ran to the right margin and this one does not open a new item.
 */

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

interface Line {
  page: number;
  y: number;
  x0: number;
  x1: number;
  size: number;
  segments: string[];
}

export interface PdfText {
  text: string;
  pages: number;
}

function groupLines(items: Item[], page: number): Line[] {
  const sorted = items.filter((i) => i.str.trim().length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Item[][] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    const tolerance = Math.max(2, item.fontSize * 0.45);
    if (row && Math.abs(row[0].y - item.y) <= tolerance) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const size = Math.max(...row.map((i) => i.fontSize || 10));
    const segments: string[] = [];
    let current = "";
    let end = row[0].x;
    for (const item of row) {
      const gap = item.x - end;
      if (current && gap > size * 3) {
        segments.push(current.trim());
        current = "";
      }
      const needsSpace = current && gap > size * 0.12 && !/\s$/.test(current) && !/^\s/.test(item.str);
      current += (needsSpace ? " " : "") + item.str;
      end = Math.max(end, item.x + item.width);
    }
    segments.push(current.trim());
    return { page, y: row[0].y, x0: row[0].x, x1: end, size, segments: segments.filter((s) => s) };
  });
}

function isPageNumber(line: Line, index: number, count: number): boolean {
  const text = line.segments.join(" ");
  return (index === 0 || index === count - 1) && /^(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*-)?$/i.test(text);
}

function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

interface Para {
  text: string;
  firstX0: number;
  contX0: number | null;
  last: Line;
  lineCount: number;
}

function assemble(lines: Line[]): string {
  const body = lines.filter((l) => l.segments.length === 1);
  const left = percentile(
    body.map((l) => l.x0),
    0.1,
  );
  const right = percentile(
    body.filter((l) => l.segments[0].length > 40).map((l) => l.x1),
    0.9,
  );
  const out: Para[] = [];
  for (const line of lines) {
    const text = line.segments.join(" | ");
    const prev = out[out.length - 1];
    const single = line.segments.length === 1;
    let joins = false;
    if (prev && single && !prev.text.includes(" | ") && prev.last.x1 >= right - line.size * 2) {
      const marker = readMarker(text);
      const lowerTail = marker?.type === "bullet" && /^\p{Ll}/u.test(text.slice(marker.length));
      const sameFlow = line.page !== prev.last.page || prev.last.y - line.y <= line.size * 2.2;
      const tol = line.size * 0.6;
      let aligned: boolean;
      if (prev.lineCount === 1) {
        aligned =
          line.x0 < prev.firstX0 - tol ||
          line.x0 > prev.firstX0 + tol ||
          (Math.abs(line.x0 - prev.firstX0) <= tol && line.x0 <= left + tol);
      } else aligned = Math.abs(line.x0 - (prev.contX0 ?? left)) <= tol;
      joins = sameFlow && aligned && (!marker || lowerTail);
    }
    if (joins && prev) {
      prev.text = `${prev.text} ${text}`;
      if (prev.lineCount === 1) prev.contX0 = line.x0;
      prev.lineCount++;
      prev.last = line;
    } else out.push({ text, firstX0: line.x0, contX0: null, last: line, lineCount: 1 });
  }
  return out.map((p) => p.text).join("\n");
}

export async function readPdf(buffer: Uint8Array): Promise<PdfText> {
  const { extractTextItems, getDocumentProxy } = await import("unpdf");
  let pages: Item[][];
  let totalPages: number;
  try {
    const pdf = await getDocumentProxy(new Uint8Array(buffer), { verbosity: 0 });
    const extracted = await extractTextItems(pdf);
    pages = extracted.items;
    totalPages = extracted.totalPages;
  } catch (error) {
    throw new PlanImportError("invalid-pdf", error instanceof Error ? error.message : "");
  }
  const lines: Line[] = [];
  let characters = 0;
  pages.forEach((items, page) => {
    const pageLines = groupLines(items, page);
    pageLines.forEach((line, i) => {
      if (isPageNumber(line, i, pageLines.length)) return;
      characters += line.segments.join("").replace(/\s/g, "").length;
      lines.push(line);
    });
  });
  // A scan carries at most a page number or two in text; a text PDF has hundreds of letters a page.
  if (characters < Math.max(20, totalPages * 10)) throw new PlanImportError("pdf-no-text");
  return { text: assemble(lines), pages: totalPages };
}

import { fold, isLowerInitial, isUpperInitial } from "./fold.ts";
import { isRuleLine, readMarker } from "./markers.ts";
import { stripEmphasis } from "./normalize.ts";

/**
 * Physical lines back into paragraphs. Plans reach us with paragraphs cut in two
 * ways: a page break (a line ending mid-sentence, maybe a blank line, then a line in
 * lower case) and a law portal's hard wrap (every ~75 characters, no blank lines).
 * Each paragraph keeps the range of source lines it came from.
 */

export interface Paragraph {
  text: string;
  /** 1-based first and last line in the normalized source text. */
  from: number;
  to: number;
  /** A row of a table flattened with "|". */
  pipe: boolean;
  /** This paragraph was joined across a page break (a blank line or a cut sentence). */
  joined: boolean;
}

const TERMINAL = /(?:[.;:!?]|\.\/\.|\.\/)["')]*$/;
// A sentence cut after one of these words cannot have ended there.
const CONNECTIVES = new Set(
  [
    "của",
    "và",
    "với",
    "các",
    "cho",
    "để",
    "trong",
    "tại",
    "về",
    "theo",
    "là",
    "những",
    "được",
    "có",
    "đến",
    "từ",
    "nhằm",
    "hoặc",
    "cũng",
    "như",
    "bằng",
    "vào",
    "giữa",
    "đối",
    "mọi",
  ].map(fold),
);

function pipeCount(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === "|") n++;
  return n;
}

function lastWord(text: string): string {
  const m = /(\S+)\s*$/.exec(text);
  return m ? fold(m[1]) : "";
}

function firstWordLength(text: string): number {
  const m = /^\S+/.exec(text);
  return m ? m[0].length : 0;
}

export interface WrapInfo {
  wrapped: boolean;
  width: number;
}

/**
 * A law-portal copy is cut at a fixed width: most lines end within a few characters of
 * the longest, which never happens to a file that keeps one paragraph per line.
 */
export function detectWrap(lines: string[]): WrapInfo {
  const lengths = lines.filter((l) => l.length > 0 && !l.includes("|")).map((l) => l.length);
  if (lengths.length < 15) return { wrapped: false, width: 0 };
  const sorted = [...lengths].sort((a, b) => a - b);
  const width = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.98))];
  if (width > 140 || width < 40) return { wrapped: false, width };
  const near = lengths.filter((l) => l >= width - 15 && l <= width + 2).length;
  return { wrapped: near / lengths.length >= 0.35, width };
}

interface Builder {
  text: string;
  from: number;
  to: number;
  pipe: boolean;
  joined: boolean;
  lastLineLength: number;
  /** Rows of this table are written "| a | b |": a row ends with its closing pipe. */
  leading: boolean;
  /** Pipes a complete row of the open table has (rows written without outer pipes). */
  rowPipes: number;
}

/**
 * A row written "| … |" is cut until its closing pipe comes. A row without outer pipes
 * is only taken as cut in a wrapped copy, when it has fewer cells than the table and
 * its line ran to the wrap width.
 */
function rowComplete(row: Builder, next: string, wrap: WrapInfo): boolean {
  if (row.leading) return row.text.endsWith("|");
  if (!wrap.wrapped || pipeCount(row.text) >= row.rowPipes) return true;
  return row.lastLineLength + 1 + firstWordLength(next) <= wrap.width;
}

// Lines that open a paragraph of their own in a plan's closing and tail.
const OPENERS = /^(tren day la|noi nhan|can cu|kinh gui)\b/;

/**
 * In a wrapped copy a full line is usually followed by more of its paragraph, but a
 * paragraph's last line can be full by chance. A line then still opens a paragraph
 * when it follows a heading or a finished sentence and begins a preamble (a run of
 * text ending in ":" before the next item) or a closing formula.
 */
function opensParagraph(cur: Builder, line: string, runEndsWithColon: () => boolean): boolean {
  if (!isUpperInitial(line) || /[,;(-]$/.test(cur.text) || CONNECTIVES.has(lastWord(cur.text))) return false;
  const finished = /[.:!?]["')]*$/.test(cur.text);
  const marker = readMarker(cur.text);
  const headingLike = !/[.;:!?]/.test(marker ? cur.text.slice(marker.length) : cur.text);
  if (!finished && !headingLike) return false;
  return OPENERS.test(fold(line)) || runEndsWithColon();
}

function continues(
  cur: Builder,
  line: string,
  blankBefore: boolean,
  wrap: WrapInfo,
  runEndsWithColon: () => boolean,
): boolean {
  const terminal = TERMINAL.test(cur.text);
  const marker = readMarker(line);
  const full = wrap.wrapped && cur.lastLineLength + 1 + firstWordLength(line) > wrap.width;
  if (marker) {
    // "- xã hội …" after "chính trị" is the tail of a wrapped "chính trị - xã hội", not a bullet
    if (marker.type !== "bullet" || terminal) return false;
    const after = line.slice(marker.length);
    if (!isLowerInitial(after)) return false;
    // a cut is rarely made with half the line still free; a real bullet follows a finished item
    return wrap.wrapped ? !blankBefore && cur.lastLineLength >= wrap.width / 2 : cur.text.length >= 60;
  }
  if (terminal && !(full && !blankBefore)) return false;
  if (isLowerInitial(line)) return !terminal || full;
  if (wrap.wrapped && !blankBefore && full) return !opensParagraph(cur, line, runEndsWithColon);
  if (terminal) return false;
  return /[,(-]$/.test(cur.text) || CONNECTIVES.has(lastWord(cur.text));
}

/** Does the run of lines from `i` to the next item, table or blank line end with ":"? */
function runEndsWithColon(lines: string[], i: number): boolean {
  let j = i;
  while (j + 1 < lines.length && j - i < 40) {
    const next = lines[j + 1];
    if (next.length === 0 || next.includes("|") || isRuleLine(next)) break;
    const marker = readMarker(next);
    if (marker && !(marker.type === "bullet" && isLowerInitial(next.slice(marker.length)))) break;
    j++;
  }
  return /:["')]*$/.test(lines[j]);
}

/** Paragraphs of the normalized text, with their source line ranges. */
export function buildParagraphs(text: string): Paragraph[] {
  const lines = text.split("\n");
  const wrap = detectWrap(lines);
  const out: Paragraph[] = [];
  let cur: Builder | null = null;
  let blankBefore = false;
  const close = () => {
    // an *emphasis* pair cut by a line end is only whole once the lines are joined
    if (cur)
      out.push({
        text: stripEmphasis(cur.text),
        from: cur.from,
        to: cur.to,
        pipe: cur.pipe,
        joined: cur.joined,
      });
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const no = i + 1;
    if (line.length === 0) {
      blankBefore = true;
      continue;
    }
    if (isRuleLine(line)) {
      close();
      blankBefore = false;
      continue;
    }
    const pipes = pipeCount(line);
    const open = cur as Builder | null;
    if (open?.pipe && !blankBefore) {
      // a wrapped table row goes on until it has all its cells
      const continuation =
        !rowComplete(open, line, wrap) || (open.leading && pipes > 0 && !line.startsWith("|"));
      if (continuation) {
        open.text = `${open.text} ${line}`;
        open.to = no;
        open.lastLineLength = line.length;
        continue;
      }
    }
    if (pipes > 0) {
      const sameTable = open?.pipe === true && !blankBefore;
      const leading = sameTable ? open.leading : line.startsWith("|");
      const rowPipes = sameTable ? Math.max(open.rowPipes, pipes) : pipes;
      close();
      cur = {
        text: line,
        from: no,
        to: no,
        pipe: true,
        joined: false,
        lastLineLength: line.length,
        leading,
        rowPipes,
      };
      blankBefore = false;
      continue;
    }
    if (open && !open.pipe && continues(open, line, blankBefore, wrap, () => runEndsWithColon(lines, i))) {
      open.text = `${open.text} ${line}`;
      if (blankBefore || !wrap.wrapped) open.joined = true;
      open.to = no;
      open.lastLineLength = line.length;
    } else {
      close();
      cur = {
        text: line,
        from: no,
        to: no,
        pipe: false,
        joined: false,
        lastLineLength: line.length,
        leading: false,
        rowPipes: 0,
      };
    }
    blankBefore = false;
  }
  close();
  return out;
}

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

/**
 * A paragraph being built. Its lines are kept apart and joined once, when it closes: every check
 * made while lines come looks only at the paragraph's first and last few hundred characters and at
 * counts kept as lines are added, so a paragraph of ten thousand lines costs ten thousand small
 * steps, not ten thousand copies of itself (a regular expression run on a joined string copies it).
 */
interface Builder {
  parts: string[];
  /** The joined text's first and last EDGE characters, and its whole length. */
  head: string;
  tail: string;
  length: number;
  /** Where in the joined text the last of . ; : ! ? is (-1: none). */
  lastPunctuation: number;
  /** How many "|" the joined text has. */
  pipes: number;
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

const EDGE = 256;
const PUNCTUATION = /[.;:!?]/g;

function lastPunctuationIn(line: string): number {
  let last = -1;
  for (const m of line.matchAll(PUNCTUATION)) last = m.index;
  return last;
}

function newBuilder(line: string, no: number, table: { leading: boolean; rowPipes: number } | null): Builder {
  return {
    parts: [line],
    head: line.slice(0, EDGE),
    tail: line.slice(-EDGE),
    length: line.length,
    lastPunctuation: lastPunctuationIn(line),
    pipes: pipeCount(line),
    from: no,
    to: no,
    pipe: table !== null,
    joined: false,
    lastLineLength: line.length,
    leading: table?.leading ?? false,
    rowPipes: table?.rowPipes ?? 0,
  };
}

/** Adds a line to the paragraph, after a space, as the joined text would have it. */
function append(b: Builder, line: string, no: number): void {
  const offset = b.length + 1;
  const punctuation = lastPunctuationIn(line);
  if (punctuation >= 0) b.lastPunctuation = offset + punctuation;
  b.parts.push(line);
  b.length = offset + line.length;
  if (b.head.length < EDGE) b.head = `${b.head} ${line}`.slice(0, EDGE);
  b.tail = `${b.tail} ${line}`.slice(-EDGE);
  b.pipes += pipeCount(line);
  b.to = no;
  b.lastLineLength = line.length;
}

/**
 * A row written "| … |" is cut until its closing pipe comes. A row without outer pipes
 * is only taken as cut in a wrapped copy, when it has fewer cells than the table and
 * its line ran to the wrap width.
 */
function rowComplete(row: Builder, next: string, wrap: WrapInfo): boolean {
  if (row.leading) return row.tail.endsWith("|");
  if (!wrap.wrapped || row.pipes >= row.rowPipes) return true;
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
  if (!isUpperInitial(line) || /[,;(-]$/.test(cur.tail) || CONNECTIVES.has(lastWord(cur.tail))) return false;
  const finished = /[.:!?]["')]*$/.test(cur.tail);
  const marker = readMarker(cur.head);
  const headingLike = cur.lastPunctuation < (marker ? marker.length : 0);
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
  const terminal = TERMINAL.test(cur.tail);
  const marker = readMarker(line);
  const full = wrap.wrapped && cur.lastLineLength + 1 + firstWordLength(line) > wrap.width;
  if (marker) {
    // "- xã hội …" after "chính trị" is the tail of a wrapped "chính trị - xã hội", not a bullet
    if (marker.type !== "bullet" || terminal) return false;
    const after = line.slice(marker.length);
    if (!isLowerInitial(after)) return false;
    // a cut is rarely made with half the line still free; a real bullet follows a finished item
    return wrap.wrapped ? !blankBefore && cur.lastLineLength >= wrap.width / 2 : cur.length >= 60;
  }
  if (terminal && !(full && !blankBefore)) return false;
  if (isLowerInitial(line)) return !terminal || full;
  if (wrap.wrapped && !blankBefore && full) return !opensParagraph(cur, line, runEndsWithColon);
  if (terminal) return false;
  return /[,(-]$/.test(cur.tail) || CONNECTIVES.has(lastWord(cur.tail));
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
        text: stripEmphasis(cur.parts.join(" ")),
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
        append(open, line, no);
        continue;
      }
    }
    if (pipes > 0) {
      const sameTable = open?.pipe === true && !blankBefore;
      const leading = sameTable ? open.leading : line.startsWith("|");
      const rowPipes = sameTable ? Math.max(open.rowPipes, pipes) : pipes;
      close();
      cur = newBuilder(line, no, { leading, rowPipes });
      blankBefore = false;
      continue;
    }
    if (open && !open.pipe && continues(open, line, blankBefore, wrap, () => runEndsWithColon(lines, i))) {
      append(open, line, no);
      if (blankBefore || !wrap.wrapped) open.joined = true;
    } else {
      close();
      cur = newBuilder(line, no, null);
    }
    blankBefore = false;
  }
  close();
  return out;
}

import { fold, isAllCaps } from "./fold.ts";
import type { Paragraph } from "./lines.ts";
import { type Marker, readMarker } from "./markers.ts";

/**
 * The zones of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I):
 * header, document kind, abstract, preamble, body, closing, recipients and signature,
 * appendices. What lies before the header (a web page's banner) is not the document.
 */

export interface Cell {
  text: string;
  line: number;
}

export interface Appendix {
  /** "PHỤ LỤC", "PHỤ LỤC II" … */
  heading: Paragraph;
  number: string | null;
  body: Paragraph[];
}

export interface Layout {
  banner: Paragraph[];
  header: Cell[];
  typeLine: Paragraph | null;
  type: string | null;
  title: Paragraph | null;
  preamble: Paragraph[];
  body: Paragraph[];
  closing: Paragraph[];
  tail: Cell[];
  appendices: Appendix[];
  /** The body has no Roman or Arabic headings to hang items on. */
  unstructured: boolean;
}

const DOC_KINDS = [
  "ke hoach",
  "ke hoach hanh dong",
  "ke hoach lien tich",
  "chuong trinh",
  "chuong trinh hanh dong",
  "chuong trinh cong tac",
  "quyet dinh",
  "chi thi",
  "bao cao",
  "huong dan",
  "de an",
  "thong bao",
  "cong van",
  "to trinh",
  "nghi quyet",
  "phuong an",
  "quy che",
  "quy dinh",
];
const DOC_KIND_SET = new Set(DOC_KINDS);

const HEADER_START =
  /^(uy ban|ubnd|hoi dong|hdnd|so |bo |ban |tinh uy|huyen uy|thanh uy|dang |cong hoa|doc lap|mat tran|truong|cong an|van phong|phong |cuc |chi cuc|trung tam|doan |lien doan|hoi |tinh |huyen |thanh pho|xa |phuong )/;

/** "KẾ HOẠCH" alone on its line, in capitals: the document kind. */
export function readTypeLine(text: string): { type: string; rest: string } | null {
  const t = text.replace(/:$/, "").trim();
  if (!isAllCaps(t.split(" ").slice(0, 4).join(" "))) return null;
  const words = t.split(" ");
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const head = words.slice(0, n).join(" ");
    if (!isAllCaps(head) || !DOC_KIND_SET.has(fold(head))) continue;
    const rest = words.slice(n).join(" ");
    if (rest && isAllCaps(rest)) continue;
    return { type: head, rest };
  }
  return null;
}

function isHeaderLike(p: Paragraph): boolean {
  const f = fold(p.text);
  if (p.pipe) return true;
  if (/^so\s*:/.test(f)) return true;
  if (/,\s*ngay\b.*\bnam\b/.test(f) && p.text.length < 90) return true;
  if (/^doc lap\s*-\s*tu do/.test(f)) return true;
  return isAllCaps(p.text) && p.text.length < 90 && HEADER_START.test(f);
}

/** Two-column blocks flattened with "|" read column by column, as a person reads them. */
export function columnsOf(paragraphs: Paragraph[]): Cell[] {
  const out: Cell[] = [];
  let block: Paragraph[] = [];
  const flush = () => {
    const columns: Cell[][] = [];
    for (const p of block) {
      const cells = p.text.split("|").map((c) => c.trim());
      if (p.text.startsWith("|")) cells.shift();
      if (p.text.endsWith("|")) cells.pop();
      cells.forEach((c, i) => {
        columns[i] ??= [];
        if (c && !/^[-_=.\s]+$/.test(c)) columns[i].push({ text: c, line: p.from });
      });
    }
    for (const column of columns) if (column) out.push(...column);
    block = [];
  };
  for (const p of paragraphs) {
    if (p.pipe) block.push(p);
    else {
      flush();
      out.push({ text: p.text, line: p.from });
    }
  }
  flush();
  return out;
}

const TAIL_START = /^(noi nhan\b|tm\.|kt\.|tl\.|tuq\.|q\.\s|t\/m\b)/;
const APPENDIX = /^(phu luc)(\s+(?:so\s+)?([ivxl]+|\d+))?\s*([:.-]|$)/;

export function readAppendixHeading(p: Paragraph): string | null | undefined {
  const f = fold(p.text);
  const m = APPENDIX.exec(f);
  if (!m || p.pipe) return undefined;
  return m[3] ? m[3].toUpperCase() : null;
}

function isTailStart(p: Paragraph): boolean {
  const f = fold(p.text);
  if (TAIL_START.test(f)) return f.startsWith("noi nhan") || isAllCaps(p.text);
  if (p.pipe) return /(^|\|)\s*(noi nhan|tm\.|kt\.)/.test(f);
  return false;
}

function isClosing(p: Paragraph): boolean {
  return /^tren day la\b/.test(fold(p.text)) || /\.\/\.?["')]*$/.test(p.text);
}

function topMarker(paragraphs: Paragraph[]): "roman" | "arabic" | null {
  let arabic = false;
  for (const p of paragraphs) {
    if (p.pipe) continue;
    const m = readMarker(p.text);
    if (m?.type === "roman") return "roman";
    if (m?.type === "arabic" && m.parts.length === 1) arabic = true;
  }
  return arabic ? "arabic" : null;
}

function isTop(m: Marker | null, top: "roman" | "arabic"): boolean {
  return m !== null && m.type === top && (top === "roman" || m.parts.length === 1);
}

export function layOut(paragraphs: Paragraph[]): Layout {
  const scan = Math.min(paragraphs.length, 60);
  let typeIdx = -1;
  let type: string | null = null;
  let titleOnTypeLine: string | null = null;
  for (let i = 0; i < scan; i++) {
    const t = paragraphs[i].pipe ? null : readTypeLine(paragraphs[i].text);
    if (t) {
      typeIdx = i;
      type = t.type;
      titleOnTypeLine = t.rest || null;
      break;
    }
  }
  // The document starts with the header block just above the kind; a banner sits above it.
  let start = 0;
  if (typeIdx >= 0) {
    start = typeIdx;
    while (start > 0 && isHeaderLike(paragraphs[start - 1])) start--;
  } else {
    const first = paragraphs.slice(0, scan).findIndex(isHeaderLike);
    start = Math.max(first, 0);
  }
  const banner = paragraphs.slice(0, start);
  const headerEnd = typeIdx >= 0 ? typeIdx : start;
  let cursor = typeIdx >= 0 ? typeIdx + 1 : start;
  if (typeIdx < 0) while (cursor < paragraphs.length && isHeaderLike(paragraphs[cursor])) cursor++;
  const header = columnsOf(paragraphs.slice(start, typeIdx >= 0 ? headerEnd : cursor));
  const typeLine = typeIdx >= 0 ? paragraphs[typeIdx] : null;

  // Appendices begin at "PHỤ LỤC" after the signature (or anywhere, when there is none).
  let searchFrom = cursor;
  for (let i = cursor; i < paragraphs.length; i++) {
    if (isTailStart(paragraphs[i])) {
      searchFrom = i;
      break;
    }
  }
  let appendixStart = paragraphs.length;
  for (let i = searchFrom; i < paragraphs.length; i++) {
    if (readAppendixHeading(paragraphs[i]) !== undefined) {
      appendixStart = i;
      break;
    }
  }
  const main = paragraphs.slice(cursor, appendixStart);
  let title: Paragraph | null = null;
  let k = 0;
  if (titleOnTypeLine && typeLine) title = { ...typeLine, text: titleOnTypeLine };
  else if (
    typeLine &&
    main.length > 0 &&
    !readMarker(main[0].text) &&
    !main[0].pipe &&
    !isTailStart(main[0])
  ) {
    if (!/^can cu\b/.test(fold(main[0].text))) {
      title = main[0];
      k = 1;
    }
  }
  let tailIdx = main.length;
  for (let i = k; i < main.length; i++) {
    if (isTailStart(main[i])) {
      tailIdx = i;
      break;
    }
  }
  const top = topMarker(main.slice(k, tailIdx));
  let bodyStart = tailIdx;
  if (top) {
    for (let i = k; i < tailIdx; i++) {
      if (!main[i].pipe && isTop(readMarker(main[i].text), top)) {
        bodyStart = i;
        break;
      }
    }
  }
  const preamble = top ? main.slice(k, bodyStart) : [];
  let closingStart = tailIdx;
  const bodyFrom = top ? bodyStart : k;
  for (let i = bodyFrom; i < tailIdx; i++) {
    const p = main[i];
    if (!isClosing(p)) continue;
    closingStart = readMarker(p.text) && !p.pipe ? i + 1 : i;
    break;
  }
  if (closingStart < bodyFrom) closingStart = bodyFrom;
  const body = main.slice(bodyFrom, closingStart);
  const closing = main.slice(closingStart, tailIdx);
  const tail = columnsOf(main.slice(tailIdx));

  const appendices: Appendix[] = [];
  let current: Appendix | null = null;
  for (let i = appendixStart; i < paragraphs.length; i++) {
    const number = readAppendixHeading(paragraphs[i]);
    if (number !== undefined) {
      current = { heading: paragraphs[i], number, body: [] };
      appendices.push(current);
    } else current?.body.push(paragraphs[i]);
  }
  return {
    banner,
    header,
    typeLine,
    type,
    title,
    preamble,
    body,
    closing,
    tail,
    appendices,
    unstructured: top === null,
  };
}

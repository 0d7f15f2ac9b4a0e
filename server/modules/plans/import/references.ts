import type { PlanWarning, Reference } from "../../../../common/plan-tree.ts";
import { fold, isUpperInitial } from "./fold.ts";
import { isVerbAt, tokenize } from "./mentions.ts";

/**
 * Documents the plan cites ("Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành
 * Trung ương Đảng khóa XIII"), merged by number, counted, and checked for a document
 * cited with different attributes in different places.
 */

export interface Citation {
  kind: string;
  number: string | null;
  title: string | null;
  date: string | null;
  issuer: string | null;
  term: string | null;
  start: number;
  end: number;
}

const KINDS = [
  "chương trình hành động",
  "nghị quyết liên tịch",
  "thông tư liên tịch",
  "nghị quyết",
  "chương trình",
  "kết luận",
  "chỉ thị",
  "quyết định",
  "nghị định",
  "thông tư",
  "kế hoạch",
  "công văn",
  "công điện",
  "thông báo",
  "hướng dẫn",
  "pháp lệnh",
  "quy định",
  "quy chế",
  "đề án",
  "báo cáo",
  "tờ trình",
  "văn bản",
  "bộ luật",
  "luật",
];
const KIND_ALT = KINDS.map(fold).join("|");
const NUMBER = String.raw`\d{1,6}(?:\/\d{4})?(?:[\/-][a-z0-9.]{1,12}){1,4}`;
const NUMBERED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(${KIND_ALT})\s+(?:so\s*:?\s*)?|so\s*:?\s*)(${NUMBER})`,
  "gu",
);
const NAMED_LAW = /(?<![\p{L}])(bo luat|luat|hien phap)\s+(?!su\b)/gu;
const PARTY_PLENUM =
  /nghi quyet\s+(?:hoi nghi\s+)?(?:lan thu\s+\S+\s+)?(?:ban chap hanh\s+)?trung uong\s+(\d{1,2})\b/gu;

// Symbols of the kind of document, for a number cited without its kind ("số 43-NQ/TW").
const KIND_BY_CODE: Record<string, string> = {
  nq: "Nghị quyết",
  ctr: "Chương trình hành động",
  kl: "Kết luận",
  ct: "Chỉ thị",
  qd: "Quyết định",
  nd: "Nghị định",
  tt: "Thông tư",
  kh: "Kế hoạch",
  hd: "Hướng dẫn",
  tb: "Thông báo",
  bc: "Báo cáo",
  ttr: "Tờ trình",
  qdi: "Quy định",
};

const pad = (n: number) => String(n).padStart(2, "0");

function capitalise(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

interface Tail {
  date: string | null;
  issuer: string | null;
  term: string | null;
  end: number;
}

/** Date, issuer and term written after a document's number or name. */
function readTail(text: string, folded: string, from: number): Tail {
  let pos = from;
  let date: string | null = null;
  let issuer: string | null = null;
  let term: string | null = null;
  const rest = () => folded.slice(pos, pos + 120);
  const dm =
    /^\s*,?\s*(?:ban hanh\s+)?ngay\s+(\d{1,2})\s*(?:\/|thang)\s*(\d{1,2})\s*(?:\/|nam)\s*(\d{4})/.exec(
      rest(),
    );
  if (dm) {
    const day = Number(dm[1]);
    const month = Number(dm[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) date = `${dm[3]}-${pad(month)}-${pad(day)}`;
    pos += dm[0].length;
  } else {
    const year = /^\s*,?\s*nam\s+(\d{4})\b/.exec(rest());
    if (year) {
      date = year[1];
      pos += year[0].length;
    }
  }
  const of = /^\s*,?\s*cua\s+/.exec(rest());
  if (of) {
    const start = pos + of[0].length;
    const tokens = tokenize(text.slice(start, start + 160));
    let last = -1;
    for (let i = 0; i < tokens.length && i < 14; i++) {
      const t = tokens[i];
      if (!t.word) break;
      if (i > 0 && (isVerbAt(tokens, i) || t.lower === "và" || t.lower === "khóa" || t.lower === "khoá"))
        break;
      if (i === 0 && !isUpperInitial(t.text)) break;
      last = i;
    }
    if (last >= 0) {
      issuer = text.slice(start, start + tokens[last].end).trim();
      pos = start + tokens[last].end;
    }
  }
  const termMatch = /^\s*,?\s*\(?\s*khoa\s+([ivxl]+)((?:\s*,\s*(?:khoa\s+)?[ivxl]+)*)\s*\)?/.exec(rest());
  if (termMatch) {
    const romans = `${termMatch[1]}${termMatch[2]}`.match(/[ivxl]+/g) ?? [];
    term = romans.map((r) => r.toUpperCase()).join(", ");
    pos += termMatch[0].length;
  }
  return { date, issuer, term, end: pos };
}

function overlaps(spans: [number, number][], start: number, end: number): boolean {
  return spans.some(([s, e]) => start < e && end > s);
}

/** Every citation in `text`, in order. */
export function findCitations(text: string): Citation[] {
  const folded = fold(text);
  const out: Citation[] = [];
  const spans: [number, number][] = [];
  for (const m of folded.matchAll(NUMBERED)) {
    const start = m.index ?? 0;
    const numberStart = start + m[0].length - m[2].length;
    const raw = text.slice(numberStart, numberStart + m[2].length).replace(/[.]+$/, "");
    if (!/[a-z]/.test(fold(raw))) continue;
    const code = /^\d+(?:\/\d{4})?[/-]([a-z]+)/.exec(fold(raw))?.[1] ?? "";
    const kind = m[1]
      ? capitalise(text.slice(start, start + m[1].length))
      : (KIND_BY_CODE[code] ?? "Văn bản");
    const tail = readTail(text, folded, numberStart + raw.length);
    out.push({ kind, number: raw, title: null, ...tail, start });
    spans.push([start, tail.end]);
  }
  for (const m of folded.matchAll(PARTY_PLENUM)) {
    const start = m.index ?? 0;
    if (overlaps(spans, start, start + m[0].length)) continue;
    const tail = readTail(text, folded, start + m[0].length);
    out.push({ kind: "Nghị quyết", number: null, title: `Trung ương ${m[1]}`, ...tail, start });
    spans.push([start, tail.end]);
  }
  for (const m of folded.matchAll(NAMED_LAW)) {
    const start = m.index ?? 0;
    if (!isUpperInitial(text[start]) || overlaps(spans, start, start + m[0].length)) continue;
    const nameStart = start + m[0].length;
    const tokens = tokenize(text.slice(nameStart, nameStart + 200));
    let last = -1;
    for (let i = 0; i < tokens.length && i < 12; i++) {
      const t = tokens[i];
      if (t.text === "," && tokens[i + 1]?.word && !isUpperInitial(tokens[i + 1].text) && i > 0) continue;
      if (!t.word) break;
      if (["năm", "ngày", "số", "và", "của"].includes(t.lower) && i > 0) break;
      if (i >= 2 && isVerbAt(tokens, i)) break;
      last = i;
    }
    const kind = capitalise(text.slice(start, start + m[1].length));
    if (last < 0 && kind !== "Hiến pháp") continue;
    const title = last >= 0 ? text.slice(nameStart, nameStart + tokens[last].end) : null;
    const tail = readTail(text, folded, last >= 0 ? nameStart + tokens[last].end : start + m[1].length);
    out.push({ kind, number: null, title, ...tail, start });
    spans.push([start, tail.end]);
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface CitationAt extends Citation {
  basis: boolean;
  /** Item code where it is cited, null in the title, preamble or closing. */
  at: string | null;
  line: number;
}

function keyOf(c: Citation): string {
  if (c.number) return fold(c.number).replace(/\s+/g, "");
  return fold(`${c.kind} ${c.title ?? ""} ${c.date ?? ""}`);
}

const ATTRIBUTES: { field: "date" | "issuer" | "term"; name: string }[] = [
  { field: "date", name: "ngày" },
  { field: "issuer", name: "cơ quan ban hành" },
  { field: "term", name: "khóa" },
];

/** One reference per document, and a warning for each attribute cited two ways. */
export function collectReferences(citations: CitationAt[]): {
  references: Reference[];
  warnings: PlanWarning[];
} {
  const groups = new Map<string, CitationAt[]>();
  for (const c of citations) {
    const key = keyOf(c);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const references: Reference[] = [];
  const warnings: PlanWarning[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const pick = (field: "date" | "issuer" | "term") => group.find((c) => c[field] !== null)?.[field] ?? null;
    const kind = group.find((c) => c.kind !== "Văn bản")?.kind ?? first.kind;
    references.push({
      kind,
      number: first.number,
      date: pick("date"),
      issuer: pick("issuer"),
      role: group.some((c) => c.basis) ? "basis" : "cited",
      mentions: group.length,
      title: first.title,
      term: pick("term"),
    });
    for (const { field, name } of ATTRIBUTES) {
      const withValue = group.filter((c) => c[field] !== null);
      const values: string[] = [];
      for (const c of withValue) {
        const value = c[field] as string;
        if (!values.some((v) => fold(v) === fold(value))) values.push(value);
      }
      if (values.length < 2) continue;
      const differing = withValue.find((c) => fold(c[field] as string) !== fold(values[0])) ?? first;
      const label = first.number ? `${kind} số ${first.number}` : `${kind} ${first.title ?? ""}`.trim();
      warnings.push({
        code: "reference-conflict",
        message: `${label} được dẫn với ${name} khác nhau: ${values.join("; ")}`,
        at: differing.at,
        line: differing.line,
      });
    }
  }
  return { references, warnings };
}

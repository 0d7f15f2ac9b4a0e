import type { PlanDocument, PlanWarning, Signer } from "../../../../common/plan-tree.ts";
import { fold, isAllCaps, isUpperInitial, titleCaseWord } from "./fold.ts";
import type { Cell } from "./layout.ts";
import { headAt, readMentionList, tokenize } from "./mentions.ts";

/**
 * The document's own fields: "Số: …/KH-UBND", "Kiên Giang, ngày … tháng … năm …",
 * the issuing body, the abstract, the signature block (TM./KT. lines, position, name)
 * and "Nơi nhận". A blank left in a draft is kept as null and flagged.
 */

const pad = (n: number) => String(n).padStart(2, "0");

export interface NumberLine {
  number: string | null;
  symbol: string | null;
}

export function readNumberLine(text: string): NumberLine | null {
  // "Số: 05/KH-UBND", "Số 05/KH-UBND"; not "Số hiệu: …" of a web page's banner
  const m = /^s[oố]\s*(?::|(?=[\d./…]))\s*(.*)$/iu.exec(text.trim());
  if (!m || !/^so\b/.test(fold(text.trim()))) return null;
  const rest = m[1].trim();
  const slash = rest.indexOf("/");
  if (slash < 0) {
    const digits = /^\d+[\w-]*$/.test(rest) ? rest : null;
    return { number: digits, symbol: null };
  }
  const before = rest.slice(0, slash).trim();
  const symbol = rest.slice(slash + 1).trim() || null;
  return { number: /\d/.test(before) ? before.replace(/[\s.…]+/g, "") : null, symbol };
}

export interface DateLine {
  place: string | null;
  date: string | null;
  blankParts: string[];
}

export function readDateLine(text: string): DateLine | null {
  const folded = fold(text);
  const at = folded.search(/(^|,\s*|\s)ngay\b/);
  if (at < 0 || !/\bnam\b|\/\d{4}/.test(folded.slice(at))) return null;
  const place =
    text
      .slice(0, at)
      .replace(/[,\s]+$/, "")
      .trim() || null;
  const tail = folded.slice(at);
  const numeric = /ngay\s+(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/.exec(tail);
  if (numeric) {
    return {
      place,
      date: `${numeric[3]}-${pad(Number(numeric[2]))}-${pad(Number(numeric[1]))}`,
      blankParts: [],
    };
  }
  const m = /ngay\s*([^\s]*)\s*thang\s*([^\s]*)\s*nam\s*([^\s]*)/.exec(tail);
  if (!m) return null;
  const value = (s: string) => (/^\d+$/.test(s) ? Number(s) : null);
  const day = value(m[1]);
  const month = value(m[2]);
  const year = value(m[3]);
  const blankParts: string[] = [];
  if (day === null) blankParts.push("ngày");
  if (month === null) blankParts.push("tháng");
  if (year === null) blankParts.push("năm");
  let date: string | null = null;
  if (year !== null && year >= 1900 && year <= 2200) {
    date = String(year);
    if (month !== null && month >= 1 && month <= 12) {
      date += `-${pad(month)}`;
      if (day !== null && day >= 1 && day <= 31) date += `-${pad(day)}`;
    }
  }
  return { place, date, blankParts };
}

const ADMIN_LEVELS = ["tỉnh", "huyện", "thành phố", "thị xã", "thị trấn", "xã", "phường", "quận", "đặc khu"];
const FIXED: [RegExp, string][] = [
  [/^(ỦY|UỶ) BAN NHÂN DÂN\b/u, "Ủy ban nhân dân"],
  [/^HỘI ĐỒNG NHÂN DÂN\b/u, "Hội đồng nhân dân"],
];
// Heads of two words: the name starts after them ("VĂN PHÒNG UBND" → "Văn phòng UBND").
const TWO_WORD_HEADS = new Set(
  [
    "văn phòng",
    "trung tâm",
    "chi cục",
    "tổng cục",
    "liên đoàn",
    "học viện",
    "bệnh viện",
    "kho bạc",
    "ngân hàng",
    "công an",
    "tòa án",
    "ủy ban",
    "hội đồng",
  ].map(fold),
);
const ACRONYM = /^(UBND|HĐND|MTTQ|TTXVN|VNPT|[A-ZĐ]{1,3}&[A-ZĐ]{1,3})$/u;

/** "SỞ KHOA HỌC VÀ CÔNG NGHỆ" → "Sở Khoa học và Công nghệ"; "TỈNH KIÊN GIANG" → "tỉnh Kiên Giang". */
export function properCase(caps: string): string {
  let rest = caps.trim().replace(/\s+/g, " ");
  const out: string[] = [];
  for (const [re, replacement] of FIXED) {
    if (re.test(rest)) {
      out.push(replacement);
      rest = rest.replace(re, "").trim();
    }
  }
  const words = rest ? rest.split(" ") : [];
  let capitalise = true;
  let place = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const lower = word.toLowerCase();
    const pair = i + 1 < words.length ? `${lower} ${words[i + 1].toLowerCase()}` : "";
    const letters = word.replace(/[^\p{L}]/gu, "");
    if (ACRONYM.test(word) || letters.length === 0 || letters !== letters.toUpperCase()) {
      out.push(word);
      if (letters.length === 0) capitalise = word === "-" || word.endsWith(",");
      continue;
    }
    const societal = lower === "xã" && words[i + 1]?.toLowerCase() === "hội";
    if (out.length > 0 && !societal && (ADMIN_LEVELS.includes(pair) || ADMIN_LEVELS.includes(lower))) {
      const taken = ADMIN_LEVELS.includes(pair) ? 2 : 1;
      out.push(
        words
          .slice(i, i + taken)
          .join(" ")
          .toLowerCase(),
      );
      i += taken - 1;
      place = true;
      continue;
    }
    if (out.length === 0 && TWO_WORD_HEADS.has(fold(pair))) {
      out.push(`${titleCaseWord(word)} ${words[i + 1].toLowerCase()}`);
      i++;
      capitalise = true;
      continue;
    }
    out.push(capitalise || place ? titleCaseWord(word) : lower);
    capitalise =
      out.length === 1 || lower === "và" || lower === "-" || word.endsWith(",") || word.endsWith("-");
  }
  return out.join(" ");
}

// The national motto, and the tail of its first line when a narrow column wrapped it.
const MOTTO = /^(cong hoa xa hoi chu nghia|doc lap\s*-\s*tu do|(chu nghia\s+)?viet nam$|nam$)/;

/** The issuing body from the header's capitals: the last body named, with its place. */
export function issuerFromHeader(cells: Cell[]): string | null {
  const lines = cells
    .map((c) => c.text)
    .filter((t) => isAllCaps(t) && !MOTTO.test(fold(t)) && !readNumberLine(t) && !readDateLine(t));
  if (lines.length === 0) return null;
  const bodies: string[] = [];
  for (const line of lines) {
    const f = fold(line);
    const continues = /^(tinh|huyen|thanh pho|thi xa|xa|phuong|quan|dac khu)\b/.test(f);
    if (continues && bodies.length > 0) bodies[bodies.length - 1] += ` ${line}`;
    else bodies.push(line);
  }
  return properCase(bodies[bodies.length - 1]);
}

/** "…, Ủy ban nhân dân tỉnh Kiên Giang ban hành Kế hoạch …": the issuer in the preamble. */
export function issuerFromPreamble(text: string): string | null {
  const tokens = tokenize(text);
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i].lower !== "ban" || tokens[i + 1].lower !== "hành") continue;
    let k = i - 1;
    while (k >= 0 && tokens[k].text !== "," && tokens[k].text !== ";" && tokens[k].text !== ".") k--;
    const start = k + 1;
    if (headAt(tokens, start, "start") === 0) continue;
    const list = readMentionList(text, tokens, start);
    if (list && list.end === i) return list.mentions[0];
  }
  return null;
}

const AUTHORITY = /^(tm|kt|tl|tuq|q|t\/m)\s*\.?\s+\S/;
const SIGN_NOTE = /^[([]?\s*(da ky|ky ten|ky,|daky|chu ky|dong dau)/;

export interface Tail {
  signer: Signer | null;
  recipients: string[];
  unplaced: Cell[];
}

function isName(text: string): boolean {
  const words = text.split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= 6 &&
    words.every((w) => isUpperInitial(w) && /^[\p{L}]+$/u.test(w)) &&
    !isAllCaps(text)
  );
}

export function readTail(cells: Cell[]): Tail {
  const recipients: string[] = [];
  const authority: string[] = [];
  const positions: string[] = [];
  let name: string | null = null;
  const unplaced: Cell[] = [];
  // The two columns of the block may come interleaved (a PDF's lines): any dashed line
  // after "Nơi nhận" is a recipient, whatever the signature lines between them.
  let recipientsOpen = false;
  for (const cell of cells) {
    const text = cell.text.trim();
    const f = fold(text);
    if (/^noi nhan\b/.test(f)) {
      recipientsOpen = true;
      const rest = text.replace(/^[^:]*:?\s*/, "");
      if (rest) recipients.push(rest.replace(/^[-+•]\s*/, "").replace(/[;,.]+$/, ""));
      continue;
    }
    if (recipientsOpen && /^[-+•]/.test(text)) {
      recipients.push(
        text
          .replace(/^[-+•]\s*/, "")
          .replace(/[;,.]+$/, "")
          .trim(),
      );
      continue;
    }
    if (AUTHORITY.test(f) && isAllCaps(text)) authority.push(text.replace(/^([A-Za-z/]+)\.\s*/, "$1. "));
    else if (SIGN_NOTE.test(f)) continue;
    else if (isAllCaps(text) && text.length < 60 && !name) positions.push(text);
    else if (isName(text) && !name) name = text;
    else unplaced.push(cell);
  }
  const position = positions.length > 0 ? positions[positions.length - 1] : null;
  const signer = authority.length > 0 || position || name ? { name, position, authority } : null;
  return { signer, recipients: recipients.filter((r) => r.length > 0), unplaced };
}

export interface HeaderFields {
  number: string | null;
  symbol: string | null;
  place: string | null;
  date: string | null;
  issuer: string | null;
  warnings: PlanWarning[];
  unplaced: Cell[];
}

export function readHeader(cells: Cell[]): HeaderFields {
  const fields: HeaderFields = {
    number: null,
    symbol: null,
    place: null,
    date: null,
    issuer: issuerFromHeader(cells),
    warnings: [],
    unplaced: [],
  };
  for (const cell of cells) {
    const numberLine = readNumberLine(cell.text);
    if (numberLine) {
      fields.number = numberLine.number;
      fields.symbol = numberLine.symbol;
      if (!numberLine.number) {
        fields.warnings.push({
          code: "blank-number",
          message: `Số văn bản để trống: "${cell.text}"`,
          at: null,
          line: cell.line,
        });
      }
      continue;
    }
    const dateLine = readDateLine(cell.text);
    if (dateLine) {
      fields.place = dateLine.place;
      fields.date = dateLine.date;
      if (dateLine.blankParts.length > 0) {
        fields.warnings.push({
          code: "blank-date-part",
          message: `Ngày ban hành để trống phần ${dateLine.blankParts.join(", ")}: "${cell.text}"`,
          at: null,
          line: cell.line,
        });
      }
      continue;
    }
    if (isAllCaps(cell.text) || MOTTO.test(fold(cell.text))) continue;
    fields.unplaced.push(cell);
  }
  return fields;
}

export type { PlanDocument };

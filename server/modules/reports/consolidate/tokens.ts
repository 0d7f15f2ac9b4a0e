import { foldVietnamese } from "../../../lib/vi-text.ts";

/**
 * The synthesis's reading of a sentence: Vietnamese counts ("2.467 hội nghị"), words folded for
 * comparison, and the writer's own name marked as a slot its subject can take.
 */

/** "2.467", "1.234,5": Vietnamese digit grouping and decimal comma. */
export function formatCount(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  const [whole, fraction] = Math.abs(rounded).toFixed(2).replace(/0+$/, "").replace(/\.$/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${rounded < 0 ? "-" : ""}${grouped}${fraction ? `,${fraction}` : ""}`;
}

/** Reads "2.467", "2467", "1,5", "1.234,5" (Vietnamese conventions); null for anything else. */
export function parseCount(token: string): number | null {
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(token)) return Number(token.replace(/\./g, "").replace(",", "."));
  if (/^\d+(?:,\d+)?$/.test(token)) return Number(token.replace(",", "."));
  return null;
}

/** Words after which a number is a name, a date or a rank, not a count. */
export const NOT_COUNT_AFTER = new Set([
  "so",
  "nam",
  "ngay",
  "thang",
  "khoa",
  "thu",
  "lan",
  "quy",
  "giai",
  "doan",
]);
/** Words before a number that already say it is approximate. */
export const APPROXIMATE = new Set(["hon", "gan", "khoang", "tren", "duoi", "trieu", "nghin"]);

export type Token =
  | { kind: "word"; text: string; fold: string }
  | { kind: "punct"; text: string }
  | { kind: "count"; text: string; value: number; noun: string }
  | { kind: "name"; full: boolean };

const NAME_FULL = "\uE000";
const NAME_PLACE = "\uE001";
const TOKEN = /\uE000|\uE001|[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}./,%-]*[\p{L}\p{M}\p{N}%])?|[^\s\p{L}\p{N}]/gu;

/** Folding word by word is most of the work; the same words recur in every report. */
const folds = new Map<string, string>();
function fold(word: string): string {
  let folded = folds.get(word);
  if (folded === undefined) {
    if (folds.size > 50_000) folds.clear();
    folded = foldVietnamese(word);
    folds.set(word, folded);
  }
  return folded;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "Ủy ban nhân dân huyện An Biên" → "UBND huyện An Biên"; other names as they are. */
export function shortName(unitName: string): string {
  return unitName.replace(/^(?:Ủy ban nhân dân|UBND)\s+/iu, "UBND ");
}

/** "Ủy ban nhân dân huyện An Biên" → "huyện An Biên"; null for a body that is not a committee. */
export function placeOf(unitName: string): string | null {
  const match =
    /^(?:Ủy ban nhân dân|UBND)\s+((?:huyện|xã|phường|thị trấn|thị xã|thành phố|tỉnh|đặc khu|quận)\s+.+)$/iu.exec(
      unitName.trim(),
    );
  return match ? match[1] : null;
}

/** The sentence with the writer's own name marked (the full name, then the bare place). */
export function markOwnName(sentence: string, unitName: string): string {
  let text = sentence;
  const full = new Set([unitName, unitName.replace(/^Ủy ban nhân dân\s+/iu, "UBND "), shortName(unitName)]);
  for (const name of [...full].sort((a, b) => b.length - a.length)) {
    if (name.trim().length < 3) continue;
    text = text.replace(new RegExp(escapeRegExp(name), "giu"), NAME_FULL);
  }
  const place = placeOf(unitName);
  if (place) text = text.replace(new RegExp(escapeRegExp(place), "giu"), NAME_PLACE);
  return text;
}

export function tokenise(marked: string): Token[] {
  const raw = marked.match(TOKEN) ?? [];
  const tokens: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i];
    if (text === NAME_FULL || text === NAME_PLACE) {
      tokens.push({ kind: "name", full: text === NAME_FULL });
      continue;
    }
    if (!/[\p{L}\p{N}]/u.test(text)) {
      tokens.push({ kind: "punct", text });
      continue;
    }
    const value = parseCount(text);
    const previous = tokens.findLast((t) => t.kind !== "punct");
    const after = previous?.kind === "word" ? previous.fold : "";
    if (value !== null && !NOT_COUNT_AFTER.has(after)) {
      // the noun counted: the next two words, if the number is followed by words at all
      const noun: string[] = [];
      for (let j = i + 1; j < raw.length && noun.length < 2; j++) {
        if (!/^[\p{L}]/u.test(raw[j]) || raw[j] === NAME_FULL || raw[j] === NAME_PLACE) break;
        noun.push(fold(raw[j]));
      }
      if (noun.length > 0) {
        tokens.push({ kind: "count", text, value, noun: noun.join(" ") });
        continue;
      }
    }
    tokens.push({ kind: "word", text, fold: fold(text) });
  }
  return tokens;
}

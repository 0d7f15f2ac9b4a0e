/**
 * The numbering marks that open an item: Roman sections, Arabic numbers (and their
 * decimal sub-levels), letters and bullets, in the spellings typists use
 * ("I." "I-" "I -", "1." "1/" "1)", "a)" "a.", "-" "+" "•").
 */

export type MarkerType = "roman" | "arabic" | "letter" | "bullet";
export type BulletFamily = "dash" | "plus" | "dot" | "star";

export interface Marker {
  type: MarkerType;
  /** "II", "2", "2.1", "a", or the bullet's mark. */
  label: string;
  /** Arabic levels: "2.1" → [2, 1]. */
  parts: number[];
  family: BulletFamily | null;
  /** Characters the mark takes at the start of the text, following spaces included. */
  length: number;
}

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

/** Value of a well-formed Roman numeral up to 49, else 0. */
export function romanValue(roman: string): number {
  if (!/^(XL|X{0,3})(IX|IV|V?I{0,3})$/.test(roman) || roman === "") return 0;
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const value = ROMAN_VALUES[roman[i]];
    const next = ROMAN_VALUES[roman[i + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

export function toRoman(value: number): string {
  const table: [number, string][] = [
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  let rest = value;
  for (const [n, s] of table) {
    while (rest >= n) {
      out += s;
      rest -= n;
    }
  }
  return out;
}

const ROMAN = /^(?:PHẦN\s+|Phần\s+)?([IVXL]{1,6})\s*(?:[.:)/]|-(?=\s))\s*(?=\S)/;
const ARABIC = /^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\s*[.)/]|\s+-(?=\s))\s+(?=\S)/;
const DECIMAL_ONLY = /^(\d{1,2}(?:\.\d{1,2}){1,3})\s+(?=\p{Lu})/u;
const LETTER = /^([a-zđ])\s?[)./]\s+(?=\S)/;
const BULLET = /^([-+•*])(?:\s+(?=\S)|(?=\p{Lu}))/u;
const RULE = /^[-_=*.~•+]{3,}$/;

const FAMILY: Record<string, BulletFamily> = { "-": "dash", "+": "plus", "•": "dot", "*": "star" };

/** The mark opening `text`, or null. */
export function readMarker(text: string): Marker | null {
  if (text.length < 2 || RULE.test(text)) return null;
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const m = ARABIC.exec(text) ?? DECIMAL_ONLY.exec(text);
    if (!m) return null;
    const parts = m[1].split(".").map(Number);
    if (parts.some((p) => p === 0 && parts.length === 1)) return null;
    return { type: "arabic", label: m[1], parts, family: null, length: m[0].length };
  }
  const roman = ROMAN.exec(text);
  if (roman && romanValue(roman[1]) > 0) {
    return {
      type: "roman",
      label: roman[1],
      parts: [romanValue(roman[1])],
      family: null,
      length: roman[0].length,
    };
  }
  const letter = LETTER.exec(text);
  if (letter) return { type: "letter", label: letter[1], parts: [], family: null, length: letter[0].length };
  const bullet = BULLET.exec(text);
  if (bullet) {
    return {
      type: "bullet",
      label: bullet[1],
      parts: [],
      family: FAMILY[bullet[1]],
      length: bullet[0].length,
    };
  }
  return null;
}

export function isRuleLine(text: string): boolean {
  return RULE.test(text.replace(/\s+/g, "")) && !/[\p{L}\p{N}]/u.test(text);
}

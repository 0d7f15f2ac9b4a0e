/**
 * Diacritic folding that keeps every index (common/search.ts, `foldKeepingOffsets`): a match
 * found in the folded text can be cut from the original.
 */
export { foldKeepingOffsets as fold } from "../../../../common/search.ts";

/** Is the first letter of `word` an upper-case letter? */
export function isUpperInitial(word: string): boolean {
  const ch = word.charAt(0);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Is the first letter of `word` a lower-case letter? */
export function isLowerInitial(word: string): boolean {
  const ch = word.charAt(0);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Text with letters, all of them upper case (a heading or header line in capitals). */
export function isAllCaps(text: string): boolean {
  let letters = 0;
  for (const ch of text) {
    if (ch.toLowerCase() !== ch.toUpperCase()) {
      if (ch !== ch.toUpperCase()) return false;
      letters++;
    }
  }
  return letters >= 2;
}

/** "TỈNH KIÊN GIANG" → "Tỉnh Kiên Giang". */
export function titleCaseWord(word: string): string {
  const lower = word.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

const OLD_TONE = /(^|[^q])([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])$/;

/** "hoà" and "hòa", "uỷ" and "ủy" are one word written in two tone-mark styles. */
export function lowerWord(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length > 6) return lower;
  const nfd = lower.normalize("NFD");
  const moved = nfd.replace(OLD_TONE, "$1$2$4$3");
  return moved === nfd ? lower : moved.normalize("NFC");
}

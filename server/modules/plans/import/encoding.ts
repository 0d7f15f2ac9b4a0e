import { PlanImportError } from "./errors.ts";

/**
 * Bytes to text, and the legacy 8-bit Vietnamese encodings caught before they are
 * parsed as garbage. Old plans typed with TCVN3 (ABC) or VNI fonts still circulate;
 * their text reads as "nh©n d©n" or "nhaân daân" once it reaches Unicode.
 */

export type LegacyEncoding = "TCVN3 (ABC)" | "VNI-Windows" | "Windows-1258" | "not UTF-8";

// TCVN3 puts Vietnamese letters on code points that Windows-1252 shows as symbols:
// © = â, ® = đ, µ = à, ¸ = á, ¶ = ả, · = ã, ¹ = ạ, ¨ = ă, ª = ê, « = ô, ¬ = ơ, soft hyphen = ư …
const TCVN3_MARKS = new Set("¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾ÆÇËÎÏÑ×ØÞßäåæçëîïñö÷øüþ");
// đ and Đ begin words; the other marks sit inside them
const WORD_INITIAL_MARKS = new Set("®§");
// VNI writes a base letter followed by a mark letter: "aâ" = â, "ö" = ư, "ñ" = đ, "Û" = hook …
const VNI_MARKS = new Set("ÖÑØÛÕÏÄËÅöñøûõïäëå");
const VNI_PAIR = /[aeoAEO][âÂ]|[aeoyôAEOYÔ][ùÙøØ]|[a-zA-Z][ûÛïÏäÄåÅëË]/;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();
}

function markedInWord(word: string, marks: Set<string>): boolean {
  for (let i = 0; i < word.length; i++) {
    if (!marks.has(word[i])) continue;
    // a mark between letters is a glyph of a legacy font; next to one letter it may be a quote mark
    if (isLetter(word[i - 1]) && isLetter(word[i + 1])) return true;
    if (i === 0 && WORD_INITIAL_MARKS.has(word[i]) && isLetter(word[i + 1])) return true;
  }
  return false;
}

/** Which legacy encoding the text shows, if any: words carrying its marks, not stray symbols. */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  let words = 0;
  let tcvn = 0;
  let vni = 0;
  for (const word of sample.split(/\s+/)) {
    if (!/[A-Za-z\u00c0-\u1ef9]/.test(word)) continue;
    words++;
    if (markedInWord(word, TCVN3_MARKS)) tcvn++;
    if (markedInWord(word, VNI_MARKS) || VNI_PAIR.test(word)) vni++;
  }
  if (words === 0) return null;
  const enough = (hits: number) => hits >= 2 && (hits >= 20 || hits / words >= 0.05);
  if (enough(tcvn) && tcvn >= vni) return "TCVN3 (ABC)";
  if (enough(vni)) return "VNI-Windows";
  return null;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean, skip: number): string {
  return new TextDecoder(littleEndian ? "utf-16le" : "utf-16be").decode(bytes.subarray(skip));
}

function looksUtf16(bytes: Uint8Array): "le" | "be" | null {
  const n = Math.min(bytes.length, 4000);
  if (n < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  if (oddZeros > n * 0.3 && evenZeros < n * 0.05) return "le";
  if (evenZeros > n * 0.3 && oddZeros < n * 0.05) return "be";
  return null;
}

/** Windows-1258 keeps tone marks as separate combining characters: many of them, once decoded. */
function looksWindows1258(bytes: Uint8Array): boolean {
  const text = new TextDecoder("windows-1258").decode(bytes);
  const combining = text.match(/[\u0300\u0301\u0303\u0309\u0323]/g)?.length ?? 0;
  const words = text.split(/\s+/).filter((w) => w.length > 0).length;
  return words > 0 && combining / words >= 0.1;
}

/**
 * Decodes a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM or an evident
 * pattern of zero bytes. Anything else is refused with the encoding it looks like.
 */
export function decodeTextBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, true, 2);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, false, 2);
  else {
    const utf16 = looksUtf16(bytes);
    if (utf16) return decodeUtf16(bytes, utf16 === "le", 0);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const asWestern = new TextDecoder("windows-1252").decode(bytes);
    const legacy = detectLegacyEncoding(asWestern);
    if (legacy) throw new PlanImportError("legacy-encoding", legacy);
    if (looksWindows1258(bytes)) throw new PlanImportError("legacy-encoding", "Windows-1258");
    throw new PlanImportError("legacy-encoding", "not UTF-8");
  }
}

/** Refuses text that reached Unicode still in a legacy font's code points. */
export function assertUnicodeText(text: string): void {
  const legacy = detectLegacyEncoding(text);
  if (legacy) throw new PlanImportError("legacy-encoding", legacy);
}

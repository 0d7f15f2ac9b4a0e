import { foldVietnamese } from "../../../lib/vi-text.ts";

/**
 * Words as the classifier sees them: folded (no diacritics, lower case, đ → d), so that a
 * petition typed without accents ("duong bi ngap") reads like one with them; syllables and
 * pairs of neighbouring syllables, since most Vietnamese words are two syllables ("bệnh viện",
 * "học phí") and a syllable alone ("viện", "phí") says little.
 */

/** Syllables that appear in petitions to every unit: they carry no signal. */
const STOP = new Set(
  (
    "a ai bi bo cac cai can cho chu chua co con cua cung da dang de den deu di do duoc gi gia " +
    "hai hay het hien hoac khi khong kinh la lai lam len loi luc ma minh mot muon nam nay neu ngay " +
    "nguoi nhan nhieu nhu nhung nhat no noi o qua ra rang rat roi sau se sinh so tai the thi thong tiep " +
    "toi tren trong tu tuy va van ve vi vo voi xin xem xet nghi de_nghi kiem tra dan ba con den nhieu lan " +
    "kip thoi som quy dinh theo viec"
  ).split(" "),
);

export function syllables(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0 && !STOP.has(token) && !/^\d+$/.test(token));
}

/**
 * Unigrams and bigrams of the syllables that carry meaning; a pair never spans punctuation,
 * which ends a phrase ("…bị ngập, cống…" has no word "ngap cong").
 */
export function features(text: string): string[] {
  const out: string[] = [];
  for (const phrase of text.split(/[.,;:!?()\n]+/)) {
    const tokens = syllables(phrase);
    out.push(...tokens);
    for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]}_${tokens[i + 1]}`);
  }
  return out;
}

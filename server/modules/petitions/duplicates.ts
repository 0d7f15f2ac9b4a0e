/**
 * When a petition is offered to staff as a likely duplicate of another.
 *
 * The measure is pg_trgm's trigram similarity of the two folded texts (`vi_fold`: no diacritics,
 * lower case). Below the threshold, texts that merely share the words of a field ("đề nghị",
 * "người dân", "đường") read as alike: 30–40 % alike is usual for two different complaints to
 * the same department, and offering them makes staff distrust the list. The threshold is the
 * lowest at which at least nine offers in ten are right on the demo's petitions and their
 * re-sent copies (bench/duplicate-threshold.ts; the figures are in docs/petitions.md).
 *
 * The same phone or e-mail does not make a different matter a duplicate (one person may send
 * several); it only puts a candidate first and is shown as such.
 */
export const DUPLICATE_MIN_SIMILARITY = 0.6;

/** Whether two texts this alike (0–1, pg_trgm similarity of the folded texts) are offered. */
export function offeredAsDuplicate(similarity: number): boolean {
  return Number.isFinite(similarity) && similarity >= DUPLICATE_MIN_SIMILARITY;
}

/**
 * How every search box finds names: the one folding, matching and ranking rule for the
 * server and the web (directory, unit pickers, lists, the portal's commune picker).
 *
 * - Folding: no diacritics, no case, đ → d ("Đông Hòa" and "dong hoa" are one text).
 * - Words: letters and digits; everything else (spaces, commas, "&", "/", dashes, quotes)
 *   only separates words, so "Văn hóa, Thể thao" and "van hoa the thao" have the same words.
 * - Matching: every word of the query must begin a word somewhere in the name, its short name
 *   or its aliases, in any order ("the thao van hoa", "trong" finds "… Trống …").
 * - Ranking: the name (or an alias, short name, code) equal to the query first, then names
 *   that start with the query, then the rest; within each, by name.
 *
 * The SQL side (server/lib/vi-text.ts) applies the same words with `vi_fold` and a
 * word-start pattern, so a list filtered by the database agrees with a picker filtered here.
 */

const MARKS = /\p{M}/gu;
const STROKE_D = /[đĐðÐɖƉ]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/**
 * Lower case, no diacritics, đ → d; spacing and punctuation are kept. Compatibility forms
 * are unfolded too (full-width letters, "ﬁ"), as the database's `unaccent` does.
 */
export function foldText(text: string): string {
  return text.normalize("NFKD").toLowerCase().normalize("NFKD").replace(MARKS, "").replace(STROKE_D, "d");
}

/** The folded words of a text: "Sở Văn hóa, Thể thao và Du lịch" → so van hoa the thao va du lich. */
export function searchWords(text: string): string[] {
  return foldText(text)
    .split(NOT_WORD)
    .filter((word) => word.length > 0);
}

/** The folded words joined by single spaces: the form two names are compared in. */
export function searchKey(text: string): string {
  return searchWords(text).join(" ");
}

/** At most this many words of a query are used (a pasted paragraph is not a query). */
export const MAX_QUERY_WORDS = 12;

export interface SearchQuery {
  /** The query's folded words, without repeats, longest first (the most selective first). */
  words: string[];
  /** The query's words in the order typed, joined by spaces. */
  key: string;
}

/** The query as typed → its words; null when it has none ("", " , - "). */
export function parseQuery(q: string | null | undefined): SearchQuery | null {
  if (!q) return null;
  const typed = searchWords(q).slice(0, MAX_QUERY_WORDS);
  if (typed.length === 0) return null;
  const words = [...new Set(typed)].sort((a, b) => b.length - a.length);
  return { words, key: typed.join(" ") };
}

/** How well a match matches: lower is better. */
export const Rank = { exact: 0, prefix: 1, words: 2 } as const;
export type Rank = (typeof Rank)[keyof typeof Rank];

/** Folded words of each text, kept for repeated searches over the same names (pickers). */
const wordCache = new Map<string, string[]>();
const WORD_CACHE_SIZE = 20_000;

function cachedWords(text: string): string[] {
  let words = wordCache.get(text);
  if (!words) {
    words = searchWords(text);
    if (wordCache.size >= WORD_CACHE_SIZE) wordCache.clear();
    wordCache.set(text, words);
  }
  return words;
}

const asQuery = (q: string | SearchQuery | null | undefined) => (typeof q === "object" ? q : parseQuery(q));

/**
 * How `fields` (a name, its short name, aliases, code …) match the query, or null when they
 * do not: every query word must begin some word of some field. `fields[0]` is the name.
 */
export function matchRank(
  q: string | SearchQuery | null | undefined,
  fields: readonly (string | null | undefined)[],
): Rank | null {
  const query = asQuery(q);
  if (!query) return null;
  const present = fields.filter((field): field is string => !!field);
  const perField = present.map(cachedWords);
  for (const word of query.words) {
    if (!perField.some((words) => words.some((candidate) => candidate.startsWith(word)))) return null;
  }
  let best: Rank = Rank.words;
  for (const words of perField) {
    for (const key of namedAs(words)) {
      if (key === query.key) return Rank.exact;
      if (key.startsWith(query.key)) best = Rank.prefix;
    }
  }
  return best;
}

/**
 * Leading words that name a unit's kind, not the unit: "rach gia" is the name of
 * "Phường Rạch Giá" as much as "phuong rach gia" is.
 */
const KIND_WORDS = [
  "uy ban nhan dan",
  "ubnd",
  "tinh",
  "thanh pho",
  "thi xa",
  "thi tran",
  "huyen",
  "quan",
  "phuong",
  "xa",
  "dac khu",
  "so",
].map((kind) => `${kind} `);

/** A field's word key, and the same without the kind words it starts with. */
function namedAs(words: readonly string[]): string[] {
  const key = words.join(" ");
  const keys = [key];
  let bare = key;
  for (let changed = true; changed; ) {
    changed = false;
    for (const kind of KIND_WORDS) {
      if (bare.startsWith(kind) && bare.length > kind.length) {
        bare = bare.slice(kind.length);
        keys.push(bare);
        changed = true;
      }
    }
  }
  return keys;
}

/** Do the fields match the query? An empty query matches everything. */
export function matchesQuery(
  q: string | SearchQuery | null | undefined,
  fields: readonly (string | null | undefined)[],
): boolean {
  const query = asQuery(q);
  return !query || matchRank(query, fields) !== null;
}

/** A test for many texts against one query, e.g. a picker's `filterOption`. */
export function queryMatcher(q: string | null | undefined): (text: string) => boolean {
  const query = parseQuery(q);
  return (text) => !query || matchRank(query, [text]) !== null;
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** Compares names as a Vietnamese reader sorts them. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

export interface RankOptions<T> {
  /** The texts an item is found by; the first is its name. */
  fields: (item: T) => readonly (string | null | undefined)[];
  /**
   * Order within a rank: by name (default) or as given (a list already in date order).
   */
  within?: "name" | "given";
  /** A rank forced for an item (an exact code match), or undefined to compute it. */
  force?: (item: T) => Rank | undefined;
}

/**
 * The items that match, best first: exact, then names starting with the query, then the
 * rest; within each, by name (or as given). An empty query keeps every item, as given.
 */
export function rankMatches<T>(
  items: readonly T[],
  q: string | null | undefined,
  options: RankOptions<T>,
): T[] {
  const query = parseQuery(q);
  if (!query) return [...items];
  const ranked: { item: T; rank: Rank; name: string; index: number }[] = [];
  items.forEach((item, index) => {
    const fields = options.fields(item);
    const rank = options.force?.(item) ?? matchRank(query, fields);
    if (rank !== null) ranked.push({ item, rank, name: fields[0] ?? "", index });
  });
  const byName = options.within !== "given";
  ranked.sort((a, b) => a.rank - b.rank || (byName ? compareNames(a.name, b.name) : 0) || a.index - b.index);
  return ranked.map((entry) => entry.item);
}

const offsetFolds = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = offsetFolds.get(ch);
  if (folded === undefined) {
    folded = foldText(ch);
    if (folded.length !== 1) {
      const lower = ch.toLowerCase();
      folded = lower.length === 1 ? lower : ch;
    }
    offsetFolds.set(ch, folded);
  }
  return folded;
}

/**
 * Folding that keeps every index: one folded character per UTF-16 unit of the (NFC) text, by the
 * rule of `foldText`, so a match found in the folded text can be cut from the original (the
 * plan importer's readers, the personal-data mask). A character that would fold to more or fewer
 * characters ("ﬁ") stays as it is, lower-cased.
 */
export function foldKeepingOffsets(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
    else out += foldChar(text[i]);
  }
  return out;
}

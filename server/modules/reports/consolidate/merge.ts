import { foldVietnamese } from "../../../lib/vi-text.ts";

/**
 * Merging what many units wrote under one heading: the narratives are cut into sentences, a
 * sentence that several units wrote alike (same words once diacritics, case and punctuation are
 * set aside, and the very same figures) is kept once with every unit named after it, and each
 * unit's own sentences follow, attributed to it: "… (Sở Y tế, UBND huyện An Biên)."
 */

/** Words after which a full stop does not end a sentence ("TP. Rạch Giá", "KT. Chủ tịch"). */
const ABBREVIATIONS = new Set([
  "tp",
  "tx",
  "tt",
  "q",
  "p",
  "kt",
  "tm",
  "tl",
  "tuq",
  "ths",
  "ts",
  "pgs",
  "gs",
  "v/v",
  "st",
  "ng",
]);

/**
 * A sentence this short ("Ước đạt 30% kế hoạch năm.") says nothing alone: it stays with the
 * sentence before it on its line, so that it is never merged away from what it qualifies.
 */
export const MIN_WORDS = 7;

/** Cuts a narrative into sentences: at . ! ? before a capital, a digit or a quote, and at line ends. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const lineStart = out.length;
    const line = rawLine.replace(/^\s*(?:[-–•+*]|\d+[.)]|[a-zđ][.)])\s+/iu, "").trim();
    if (!line) continue;
    let start = 0;
    const boundary = /[.!?…]+["”)]?\s+(?=["“(]?[\p{Lu}\d])/gu;
    for (let match = boundary.exec(line); match; match = boundary.exec(line)) {
      const before = line.slice(start, match.index);
      const lastWord = foldVietnamese(before.split(/\s+/).pop() ?? "");
      if (ABBREVIATIONS.has(lastWord)) continue;
      const sentence = line.slice(start, match.index + match[0].trimEnd().length).trim();
      if (sentence) out.push(sentence);
      start = match.index + match[0].length;
    }
    const rest = line.slice(start).trim();
    if (rest) out.push(rest);
    const short = (sentence: string) => sentence.split(/\s+/).length < MIN_WORDS;
    for (let i = out.length - 1; i > lineStart; i--) {
      if (short(out[i])) out.splice(i - 1, 2, `${out[i - 1]} ${out[i]}`);
    }
    // a short opening ("Hoàn thành nhiệm vụ.") goes with what follows it
    if (out.length - lineStart > 1 && short(out[lineStart]))
      out.splice(lineStart, 2, `${out[lineStart]} ${out[lineStart + 1]}`);
  }
  return out;
}

/** The words of a sentence as compared: folded, without punctuation. */
function words(sentence: string): string[] {
  return foldVietnamese(sentence)
    .replace(/[^\p{L}\p{N}%/]+/gu, " ")
    .split(" ")
    .filter(Boolean);
}

/** Near-duplicates share at least this part of their words (Jaccard). */
export const SIMILARITY = 0.8;

type Cluster = {
  text: string;
  /** the text without its unit's own name, printed when several units share it */
  shared: string;
  words: Set<string>;
  numbers: string;
  units: string[];
  unitSet: Set<string>;
  order: number;
};

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const word of small) if (large.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export type Narrative = { unitName: string; text: string };
export type MergedParagraph = { text: string; units: string[] };

/** Names listed in full up to this many; beyond, the first few and "và N đơn vị khác". */
const LISTED_UNITS = 8;

export function attribution(units: string[]): string {
  if (units.length <= LISTED_UNITS) return units.join(", ");
  return `${units.slice(0, 5).join(", ")} và ${units.length - 5} đơn vị khác`;
}

const withoutFinalStop = (text: string) => text.replace(/[\s.;,]+$/u, "");

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * "Sở Y tế tổ chức …" and "Sở Tư pháp tổ chức …" are the same sentence for the report: the
 * writer's own name (or its "UBND …" short form) is dropped where it opens the sentence and
 * read as "đơn vị" elsewhere, so that the merged sentence is true of every unit it names.
 */
export function withoutOwnName(sentence: string, unitName: string): string {
  const names = [
    unitName,
    unitName.replace(/^Ủy ban nhân dân\s+/iu, "UBND "),
    unitName.replace(/^UBND\s+/u, "Ủy ban nhân dân "),
  ];
  let text = sentence;
  for (const name of new Set(names)) {
    if (name.trim().length < 3) continue;
    const pattern = new RegExp(escapeRegExp(name), "giu");
    text = text.replace(new RegExp(`^${escapeRegExp(name)}\\s+`, "iu"), "").replace(pattern, "đơn vị");
  }
  return text === sentence ? sentence : text.replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase("vi"));
}

/**
 * Merges the narratives of one heading. Sentences written by several units come first (the most
 * widely shared first), then each unit's own sentences in one paragraph, in the reports' order.
 *
 * Comparing every sentence with every other would be quadratic (150 units write some 750
 * sentences under one heading). Two sentences with a Jaccard similarity of at least t share a
 * word among the first |A| − ⌈t·|A|⌉ + 1 of their words ordered rarest first ("prefix
 * filtering"), and only sentences with the same figures may merge: so only those are compared.
 */
export function mergeNarratives(narratives: Narrative[]): MergedParagraph[] {
  const sentences = narratives.flatMap(({ unitName, text }) =>
    splitSentences(text).flatMap((sentence) => {
      const shared = withoutOwnName(sentence, unitName);
      const list = words(shared);
      if (list.length === 0) return [];
      return [
        {
          unitName,
          sentence,
          shared,
          list,
          key: list.join(" "),
          numbers: list.filter((w) => /\d/.test(w)).join(" "),
        },
      ];
    }),
  );
  const frequency = new Map<string, number>();
  for (const { list } of sentences)
    for (const word of new Set(list)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) =>
    frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  const prefix = (set: Set<string>) =>
    [...set].sort(rarestFirst).slice(0, set.size - Math.ceil(SIMILARITY * set.size) + 1);

  const clusters: Cluster[] = [];
  const exact = new Map<string, Cluster>();
  /** figures → prefix word → clusters */
  const index = new Map<string, Map<string, Cluster[]>>();
  let order = 0;
  for (const { unitName, sentence, shared, list, key, numbers } of sentences) {
    let found = exact.get(key);
    const wordSet = new Set(list);
    const probe = prefix(wordSet);
    let bucket = index.get(numbers);
    if (!bucket) {
      bucket = new Map();
      index.set(numbers, bucket);
    }
    if (!found) {
      const seen = new Set<Cluster>();
      let best = 0;
      for (const word of probe) {
        for (const candidate of bucket.get(word) ?? []) {
          if (seen.has(candidate)) continue;
          seen.add(candidate);
          const [small, large] = [
            Math.min(wordSet.size, candidate.words.size),
            Math.max(wordSet.size, candidate.words.size),
          ];
          if (small < SIMILARITY * large) continue;
          const score = jaccard(wordSet, candidate.words);
          if (score >= SIMILARITY && score > best) {
            best = score;
            found = candidate;
          }
        }
      }
    }
    if (found) {
      if (!found.unitSet.has(unitName)) {
        found.unitSet.add(unitName);
        found.units.push(unitName);
      }
      exact.set(key, found);
      continue;
    }
    const cluster: Cluster = {
      text: sentence,
      shared,
      words: wordSet,
      numbers,
      units: [unitName],
      unitSet: new Set([unitName]),
      order: order++,
    };
    clusters.push(cluster);
    exact.set(key, cluster);
    for (const word of probe) {
      const list = bucket.get(word);
      if (list) list.push(cluster);
      else bucket.set(word, [cluster]);
    }
  }
  const shared = clusters
    .filter((c) => c.units.length > 1)
    .sort((a, b) => b.units.length - a.units.length || a.order - b.order)
    .map((c) => ({ text: `${withoutFinalStop(c.shared)} (${attribution(c.units)}).`, units: c.units }));
  const own = new Map<string, string[]>();
  for (const c of clusters) {
    if (c.units.length > 1) continue;
    const list = own.get(c.units[0]);
    const sentence = /[.!?…]$/u.test(c.text) ? c.text : `${c.text}.`;
    if (list) list.push(sentence);
    else own.set(c.units[0], [sentence]);
  }
  const single = [...own].map(([unit, sentences]) => ({
    text: `${withoutFinalStop(sentences.join(" "))} (${unit}).`,
    units: [unit],
  }));
  return [...shared, ...single];
}

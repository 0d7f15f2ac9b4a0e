import { SIMILARITY } from "./merge.ts";
import type { SynthesisNarrative } from "./synthesis.ts";
import { markOwnName, type Token, tokenise } from "./tokens.ts";

/** Sentences that say the same thing, found across the units' reports. */

export type Sentence = {
  unit: SynthesisNarrative;
  original: string;
  tokens: Token[];
  words: Set<string>;
  key: string;
  signature: string;
};

export type Cluster = { first: Sentence; members: Sentence[]; units: Set<string>; order: number };

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const word of small) if (large.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export function sentenceOf(unit: SynthesisNarrative, original: string): Sentence | null {
  const tokens = tokenise(markOwnName(original, unit.unitName));
  const list: string[] = [];
  const signature: string[] = [];
  for (const t of tokens) {
    if (t.kind === "word") {
      list.push(t.fold);
      if (/\d/.test(t.fold)) signature.push(t.fold);
    } else if (t.kind === "count") {
      list.push("#");
      signature.push(`#${t.noun}`);
    } else if (t.kind === "name") list.push("@");
  }
  if (list.length === 0) return null;
  return {
    unit,
    original,
    tokens,
    words: new Set(list),
    key: list.join(" "),
    signature: signature.join("|"),
  };
}

/** Groups the sentences that say the same thing (prefix filtering keeps this near-linear). */
export function cluster(sentences: Sentence[]): Cluster[] {
  const frequency = new Map<string, number>();
  for (const { words } of sentences) for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) =>
    frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  const prefix = (set: Set<string>) =>
    [...set].sort(rarestFirst).slice(0, set.size - Math.ceil(SIMILARITY * set.size) + 1);
  const clusters: Cluster[] = [];
  const exact = new Map<string, Cluster>();
  const index = new Map<string, Map<string, Cluster[]>>();
  for (const s of sentences) {
    const exactKey = `${s.signature}\n${s.key}`;
    let found = exact.get(exactKey);
    let bucket = index.get(s.signature);
    if (!bucket) {
      bucket = new Map();
      index.set(s.signature, bucket);
    }
    const probe = prefix(s.words);
    if (!found) {
      const seen = new Set<Cluster>();
      let best = 0;
      for (const word of probe) {
        for (const candidate of bucket.get(word) ?? []) {
          if (seen.has(candidate)) continue;
          seen.add(candidate);
          const other = candidate.first.words;
          if (Math.min(s.words.size, other.size) < SIMILARITY * Math.max(s.words.size, other.size)) continue;
          const score = jaccard(s.words, other);
          if (score >= SIMILARITY && score > best) {
            best = score;
            found = candidate;
          }
        }
      }
    }
    if (found) {
      found.members.push(s);
      found.units.add(s.unit.unitName);
      exact.set(exactKey, found);
      continue;
    }
    const made: Cluster = {
      first: s,
      members: [s],
      units: new Set([s.unit.unitName]),
      order: clusters.length,
    };
    clusters.push(made);
    exact.set(exactKey, made);
    for (const word of probe) {
      const list = bucket.get(word);
      if (list) list.push(made);
      else bucket.set(word, [made]);
    }
  }
  return clusters;
}

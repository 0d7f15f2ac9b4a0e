import { fold, isUpperInitial, lowerWord } from "./fold.ts";
import {
  BARE_NOUNS,
  CAPITAL_HEADS,
  CLOSED_HEADS,
  KNOWN_NAMES,
  LEVELS,
  NAMED_HEADS,
  PLAIN_HEADS,
  TOPIC_HEADS,
  UNIT_NOUNS,
  VERBS,
} from "./vocabulary.ts";

/**
 * Unit mentions as the text writes them: "Sở Nội vụ", "Các sở, ban, ngành tỉnh",
 * "UBND các huyện, thành phố". A list of them ends where the verb begins
 * ("… và các đơn vị liên quan tập trung lãnh đạo"). Names keep their own words
 * ("Sở Xây dựng", "Ban Chỉ đạo"): a verb only ends a list when written in lower case,
 * because Vietnamese capitalises the first word of a proper name.
 */

export interface Token {
  text: string;
  /** Lower case with diacritics, tone marks placed the modern way ("hoà" → "hòa"). */
  lower: string;
  folded: string;
  start: number;
  end: number;
  word: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:[/.&'-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

export function tokenize(text: string): Token[] {
  const folded = fold(text);
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    out.push({
      text: m[0],
      lower: lowerWord(m[0]),
      folded: folded.slice(start, end),
      start,
      end,
      word: /[\p{L}\p{N}]/u.test(m[0][0]),
    });
  }
  return out;
}

const foldedWords = new Map<string, string>();

function foldWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    folded = fold(word);
    foldedWords.set(word, folded);
  }
  return folded;
}

/**
 * Is token `t` the vocabulary word? A `loose` match also takes the word typed without its
 * marks ("So Noi vu", "UBND tinh"), for names and levels only: unmarked, a verb would
 * collide with ordinary words ("ra", "con", "can").
 */
function same(t: Token | undefined, word: string, loose: boolean): boolean {
  if (!t) return false;
  if (t.lower === word) return true;
  return loose && t.lower === t.folded && t.folded === foldWord(word);
}

function seq(tokens: Token[], i: number, words: string[], loose = false): boolean {
  for (let k = 0; k < words.length; k++) if (!same(tokens[i + k], words[k], loose)) return false;
  return true;
}

interface TableIndex {
  /** Entries by their first word, and by that word without marks. */
  byWord: Map<string, string[][]>;
  byFolded: Map<string, string[][]>;
}

const indexes = new WeakMap<string[][], TableIndex>();

function add(map: Map<string, string[][]>, key: string, words: string[]): void {
  const list = map.get(key);
  if (list) list.push(words);
  else map.set(key, [words]);
}

function indexOf(table: string[][]): TableIndex {
  let index = indexes.get(table);
  if (!index) {
    index = { byWord: new Map(), byFolded: new Map() };
    for (const words of table) {
      add(index.byWord, words[0], words);
      add(index.byFolded, foldWord(words[0]), words);
    }
    indexes.set(table, index);
  }
  return index;
}

/** Tokens taken by the longest entry of `table` at `i`, or 0. */
function matchAny(tokens: Token[], i: number, table: string[][], loose = false): number {
  const t = tokens[i];
  if (!t) return 0;
  const index = indexOf(table);
  const entries = loose && t.lower === t.folded ? index.byFolded.get(t.folded) : index.byWord.get(t.lower);
  let best = 0;
  for (const words of entries ?? [])
    if (words.length > best && seq(tokens, i, words, loose)) best = words.length;
  return best;
}

const NAME_TABLES = new Set([
  UNIT_NOUNS,
  PLAIN_HEADS,
  NAMED_HEADS,
  CAPITAL_HEADS,
  BARE_NOUNS,
  TOPIC_HEADS,
  LEVELS,
  CLOSED_HEADS,
]);

/** A table of names or levels, matched also without marks. */
function matchName(tokens: Token[], i: number, table: string[][]): number {
  return matchAny(tokens, i, table, NAME_TABLES.has(table));
}

export function isVerbAt(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (!t?.word || isUpperInitial(t.text)) return false;
  // "có liên quan" belongs to the mention; "có" alone begins a predicate
  if (t.lower === "có") return !seq(tokens, i + 1, ["liên", "quan"]);
  return matchAny(tokens, i, VERBS) > 0;
}

export type HeadContext = "start" | "comma" | "and" | "semicolon";

/** Tokens taken by a unit head at `i`, or 0. */
export function headAt(tokens: Token[], i: number, context: HeadContext): number {
  const t = tokens[i];
  if (!t?.word) return 0;
  const capital = isUpperInitial(t.text);
  if (same(t, "các", true)) {
    const noun = matchName(tokens, i + 1, UNIT_NOUNS);
    return noun > 0 ? noun + 1 : 0;
  }
  const plain = matchName(tokens, i, PLAIN_HEADS);
  if (plain > 0 && (capital || plain > 1 || /^[A-ZĐ]+$/.test(t.text))) return plain;
  if (capital) {
    const named = matchName(tokens, i, NAMED_HEADS);
    if (named > 0) {
      const next = tokens[i + named];
      if (next?.word && (isUpperInitial(next.text) || /^[A-ZĐ]{2,}$/.test(next.text))) return named;
    }
    const cap = matchName(tokens, i, CAPITAL_HEADS);
    if (cap > 0) return cap;
  }
  if (context === "and" || context === "semicolon") return matchName(tokens, i, BARE_NOUNS);
  return 0;
}

/** After a topic head, the task words run to the level word that closes the name ("… tỉnh"). */
function topicEnd(tokens: Token[], start: number, j: number): number {
  if (matchName(tokens, start, TOPIC_HEADS) === 0) return j;
  for (let k = j; k < tokens.length && k < j + 10; k++) {
    const t = tokens[k];
    if (!t.word && t.text !== "," && t.text !== "-") return j;
    const level = matchName(tokens, k, LEVELS);
    if (level > 0) return k + level;
  }
  return j;
}

/** Tokens of a known department name after "Sở"/"Phòng" at `i`, or 0. */
function knownName(tokens: Token[], i: number, plural = false): number {
  const t = tokens[i];
  const names = t
    ? (KNOWN_NAMES[t.lower] ?? (t.lower === t.folded ? KNOWN_NAMES_FOLDED[t.folded] : undefined))
    : undefined;
  if (!names || (!plural && !isUpperInitial(t.text))) return 0;
  let best = 0;
  for (const words of names) if (words.length > best && seq(tokens, i + 1, words, true)) best = words.length;
  return best;
}

const KNOWN_NAMES_FOLDED: Record<string, string[][]> = Object.fromEntries(
  Object.entries(KNOWN_NAMES).map(([head, names]) => [fold(head), names]),
);

export interface MentionList {
  mentions: string[];
  /** Index of the first token after the list. */
  end: number;
}

const MAX_MENTION_TOKENS = 24;
const MAX_MENTIONS = 12;

/**
 * Reads a list of mentions starting at token `i`, which must open with a unit head.
 * Separators ("," ";" "và") start a new mention only when a new head follows; a comma
 * before a plain noun continues an enumeration inside one mention ("các sở, ban, ngành").
 */
export function readMentionList(text: string, tokens: Token[], i: number): MentionList | null {
  const first = headAt(tokens, i, "start");
  if (first === 0) return null;
  const mentions: string[] = [];
  let start = i;
  let j = i + first;
  let last = j - 1;
  let closed = false;
  const open = (at: number, head: number) => {
    start = at;
    // "các phòng giáo dục và đào tạo huyện": a known name after a plural head, in lower case
    const plural = same(tokens[at], "các", true);
    const known = plural ? knownName(tokens, at + 1, true) : knownName(tokens, at);
    closed = known > 0 || matchName(tokens, at, CLOSED_HEADS) === head;
    j = known > 0 ? at + (plural ? 2 : 1) + known : at + head;
    last = j - 1;
  };
  open(i, first);
  const push = () => {
    const mention = text
      .slice(tokens[start].start, tokens[last].end)
      .replace(/[\s,;-]+$/, "")
      .trim();
    if (mention) mentions.push(mention);
  };
  j = topicEnd(tokens, i, j);
  last = j - 1;
  while (j < tokens.length && j - start < MAX_MENTION_TOKENS) {
    const t = tokens[j];
    if (t.word) {
      if (same(t, "và", true)) {
        // "Văn phòng HĐND và UBND huyện" is one office
        const council = tokens[j - 1]?.lower === "hđnd" && tokens[j + 1]?.lower === "ubnd";
        const head = council ? 0 : headAt(tokens, j + 1, "and");
        if (head > 0) {
          push();
          open(j + 1, head);
          continue;
        }
        const next = tokens[j + 1];
        if (next?.word && !isVerbAt(tokens, j + 1)) {
          j++;
          continue;
        }
        break;
      }
      if (isVerbAt(tokens, j)) break;
      if (closed && !isUpperInitial(t.text) && !/^[A-ZĐ]{2,}$/.test(t.text)) {
        // after a whole name only its place may follow: "Sở Nội vụ tỉnh", "UBND các huyện, thành phố"
        const level = matchName(tokens, j, LEVELS);
        if (level === 0) break;
        j += level;
        last = j - 1;
        continue;
      }
      last = j;
      j++;
      continue;
    }
    if (t.text === "-" && tokens[j + 1]?.word && !isVerbAt(tokens, j + 1)) {
      j++;
      continue;
    }
    if (t.text === "," || t.text === ";") {
      const context: HeadContext = t.text === "," ? "comma" : "semicolon";
      const head = headAt(tokens, j + 1, context);
      if (head > 0) {
        push();
        if (mentions.length >= MAX_MENTIONS) break;
        open(j + 1, head);
        continue;
      }
      // "các sở, ban, ngành" enumerates inside one mention; "Sở Văn hóa, Thể thao và Du lịch" is one name
      const next = tokens[j + 1];
      if (t.text === "," && next?.word && !isVerbAt(tokens, j + 1)) {
        j++;
        continue;
      }
      break;
    }
    break;
  }
  push();
  return mentions.length > 0 ? { mentions, end: last + 1 } : null;
}

/** Key under which two mentions are the same unit ("các đơn vị liên quan" = "đơn vị liên quan"). */
export function mentionKey(mention: string): string {
  return fold(mention)
    .replace(/^cac\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function uniqueMentions(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of list) {
    const key = mentionKey(m);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m);
  }
  return out;
}

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

function seq(tokens: Token[], i: number, words: string[]): boolean {
  for (let k = 0; k < words.length; k++) if (tokens[i + k]?.lower !== words[k]) return false;
  return true;
}

function matchAny(tokens: Token[], i: number, table: string[][]): number {
  let best = 0;
  for (const words of table) if (words.length > best && seq(tokens, i, words)) best = words.length;
  return best;
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
  if (t.lower === "các") {
    const noun = matchAny(tokens, i + 1, UNIT_NOUNS);
    return noun > 0 ? noun + 1 : 0;
  }
  const plain = matchAny(tokens, i, PLAIN_HEADS);
  if (plain > 0 && (capital || plain > 1 || /^[A-ZĐ]+$/.test(t.text))) return plain;
  if (capital) {
    const named = matchAny(tokens, i, NAMED_HEADS);
    if (named > 0) {
      const next = tokens[i + named];
      if (next?.word && (isUpperInitial(next.text) || /^[A-ZĐ]{2,}$/.test(next.text))) return named;
    }
    const cap = matchAny(tokens, i, CAPITAL_HEADS);
    if (cap > 0) return cap;
  }
  if (context === "and" || context === "semicolon") return matchAny(tokens, i, BARE_NOUNS);
  return 0;
}

/** After a topic head, the task words run to the level word that closes the name ("… tỉnh"). */
function topicEnd(tokens: Token[], start: number, j: number): number {
  if (matchAny(tokens, start, TOPIC_HEADS) === 0) return j;
  for (let k = j; k < tokens.length && k < j + 10; k++) {
    const t = tokens[k];
    if (!t.word && t.text !== "," && t.text !== "-") return j;
    const level = matchAny(tokens, k, LEVELS);
    if (level > 0) return k + level;
  }
  return j;
}

/** Tokens of a known department name after "Sở"/"Phòng" at `i`, or 0. */
function knownName(tokens: Token[], i: number, plural = false): number {
  const names = KNOWN_NAMES[tokens[i]?.lower ?? ""];
  if (!names || (!plural && !isUpperInitial(tokens[i].text))) return 0;
  let best = 0;
  for (const words of names) if (words.length > best && seq(tokens, i + 1, words)) best = words.length;
  return best;
}

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
    const plural = tokens[at].lower === "các";
    const known = plural ? knownName(tokens, at + 1, true) : knownName(tokens, at);
    closed = known > 0 || matchAny(tokens, at, CLOSED_HEADS) === head;
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
      if (t.lower === "và") {
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
        const level = matchAny(tokens, j, LEVELS);
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

import { foldVietnamese } from "../../../lib/vi-text.ts";
import type { ConsolidationIndicator } from "../consolidation-input.ts";
import { SIMILARITY, splitSentences } from "./merge.ts";

/**
 * The synthesis of one plan heading, the way a specialist writes it: what many units wrote alike
 * ("Trong năm, tổ chức 92 hội nghị …" × 25, each with its own figures) becomes one sentence per
 * kind of unit with the figures summed ("Trong năm, các sở, ban, ngành tổ chức 2.467 hội nghị …"),
 * and each unit's own results follow, attributed to it ("Sở Y tế …").
 *
 * 1. Sentences are cut (`splitSentences`) and tokenised. The writer's own name becomes a name
 *    slot; a count ("92 hội nghị": a number followed by the words it counts) becomes a number
 *    slot that remembers its noun; any other number (a year, "số 43-NQ/TW", "18/11", "95%") stays
 *    a literal word.
 * 2. Two sentences say the same thing when their slots count the same nouns, in the same order,
 *    their literal numbers are the same, and their words (diacritics, case, punctuation set
 *    aside, slots as placeholders) are alike: Jaccard ≥ SIMILARITY. "12 hội nghị" and "12 cuộc
 *    họp" are never the same statement, nor summed.
 * 3. Units are grouped by kind (`unitGroup`): sở, ban, ngành; địa phương; Mặt trận and the
 *    organisations; lực lượng vũ trang; other bodies. Each group is one paragraph led by its kind.
 *    A statement made by several units of the group is written once, its figures summed slot by
 *    slot, its subject the group ("các sở, ban, ngành" when every unit of the group that reported
 *    wrote it, "18/21 sở, ban, ngành" otherwise, the units by name when they are at most
 *    `NAMED_UNITS`). A statement no other unit of the group made keeps its writer's name.
 * 4. A summed figure that is, unit by unit, the figure the units gave for an indicator of the
 *    form (and counts what the indicator counts) is bound to it: its sum is the annex's total of
 *    those units. Only such a figure is ever rounded: from 100.000 up it is written "hơn" and the
 *    total rounded down to ten thousands ("hơn 240.000"); the exact figure is in the annex.
 *
 * Pure and deterministic: the same reports in the same order give the same text.
 */

export const UNIT_GROUPS = ["departments", "localities", "organisations", "armed_forces", "others"] as const;
export type UnitGroup = (typeof UNIT_GROUPS)[number];

/** The kind of unit (common/enums.ts UNIT_TYPES) → the group it is reported with. */
export function unitGroup(unitType: string): UnitGroup {
  switch (unitType) {
    case "department":
    case "province_committee":
    case "central":
      return "departments";
    case "district":
    case "commune":
      return "localities";
    case "front":
    case "mass_org":
      return "organisations";
    case "armed_forces":
      return "armed_forces";
    default:
      return "others";
  }
}

/** Vietnamese headings of the groups, for the annex. */
export const GROUP_TITLES: Record<UnitGroup, string> = {
  departments: "Sở, ban, ngành",
  localities: "Địa phương",
  organisations: "Mặt trận Tổ quốc, tổ chức chính trị - xã hội",
  armed_forces: "Lực lượng vũ trang",
  others: "Cơ quan, đơn vị khác",
};

/** At most this many units are named as a statement's subject; more are counted. */
export const NAMED_UNITS = 3;

/** A summed total from this size up, when its exact figure is in the annex, is written "hơn …". */
export const ROUND_FROM = 100_000;
const ROUND_TO = 10_000;

export type SynthesisUnit = {
  unitName: string;
  unitType: string;
  /** the unit's indicator figures, to bind summed figures to the annex */
  values?: Record<string, number | null>;
};
export type SynthesisNarrative = SynthesisUnit & { text: string };

/** A figure the text states that is the sum of an indicator over named units. */
export type StatedFigure = {
  indicator: string;
  group: UnitGroup;
  units: string[];
  value: number;
  /** as printed: "2.467", "hơn 240.000" */
  text: string;
};

export type SynthesisParagraph = { group: UnitGroup; text: string; units: string[] };
export type Synthesis = { paragraphs: SynthesisParagraph[]; figures: StatedFigure[] };

// ---------------------------------------------------------------------------------------------
// Numbers

/** "2.467", "1.234,5": Vietnamese digit grouping and decimal comma. */
export function formatCount(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  const [whole, fraction] = Math.abs(rounded).toFixed(2).replace(/0+$/, "").replace(/\.$/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${rounded < 0 ? "-" : ""}${grouped}${fraction ? `,${fraction}` : ""}`;
}

/** Reads "2.467", "2467", "1,5", "1.234,5" (Vietnamese conventions); null for anything else. */
export function parseCount(token: string): number | null {
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(token)) return Number(token.replace(/\./g, "").replace(",", "."));
  if (/^\d+(?:,\d+)?$/.test(token)) return Number(token.replace(",", "."));
  return null;
}

/** Words after which a number is a name, a date or a rank, not a count. */
const NOT_COUNT_AFTER = new Set(["so", "nam", "ngay", "thang", "khoa", "thu", "lan", "quy", "giai", "doan"]);
/** Words before a number that already say it is approximate. */
const APPROXIMATE = new Set(["hon", "gan", "khoang", "tren", "duoi", "trieu", "nghin"]);

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { kind: "word"; text: string; fold: string }
  | { kind: "punct"; text: string }
  | { kind: "count"; text: string; value: number; noun: string }
  | { kind: "name"; full: boolean };

const NAME_FULL = "\uE000";
const NAME_PLACE = "\uE001";
const TOKEN = /\uE000|\uE001|[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}./,%-]*[\p{L}\p{M}\p{N}%])?|[^\s\p{L}\p{N}]/gu;

/** Folding word by word is most of the work; the same words recur in every report. */
const folds = new Map<string, string>();
function fold(word: string): string {
  let folded = folds.get(word);
  if (folded === undefined) {
    if (folds.size > 50_000) folds.clear();
    folded = foldVietnamese(word);
    folds.set(word, folded);
  }
  return folded;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "Ủy ban nhân dân huyện An Biên" → "UBND huyện An Biên"; other names as they are. */
export function shortName(unitName: string): string {
  return unitName.replace(/^(?:Ủy ban nhân dân|UBND)\s+/iu, "UBND ");
}

/** "Ủy ban nhân dân huyện An Biên" → "huyện An Biên"; null for a body that is not a committee. */
function placeOf(unitName: string): string | null {
  const match =
    /^(?:Ủy ban nhân dân|UBND)\s+((?:huyện|xã|phường|thị trấn|thị xã|thành phố|tỉnh|đặc khu|quận)\s+.+)$/iu.exec(
      unitName.trim(),
    );
  return match ? match[1] : null;
}

/** The sentence with the writer's own name marked (the full name, then the bare place). */
function markOwnName(sentence: string, unitName: string): string {
  let text = sentence;
  const full = new Set([unitName, unitName.replace(/^Ủy ban nhân dân\s+/iu, "UBND "), shortName(unitName)]);
  for (const name of [...full].sort((a, b) => b.length - a.length)) {
    if (name.trim().length < 3) continue;
    text = text.replace(new RegExp(escapeRegExp(name), "giu"), NAME_FULL);
  }
  const place = placeOf(unitName);
  if (place) text = text.replace(new RegExp(escapeRegExp(place), "giu"), NAME_PLACE);
  return text;
}

function tokenise(marked: string): Token[] {
  const raw = marked.match(TOKEN) ?? [];
  const tokens: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i];
    if (text === NAME_FULL || text === NAME_PLACE) {
      tokens.push({ kind: "name", full: text === NAME_FULL });
      continue;
    }
    if (!/[\p{L}\p{N}]/u.test(text)) {
      tokens.push({ kind: "punct", text });
      continue;
    }
    const value = parseCount(text);
    const previous = tokens.findLast((t) => t.kind !== "punct");
    const after = previous?.kind === "word" ? previous.fold : "";
    if (value !== null && !NOT_COUNT_AFTER.has(after)) {
      // the noun counted: the next two words, if the number is followed by words at all
      const noun: string[] = [];
      for (let j = i + 1; j < raw.length && noun.length < 2; j++) {
        if (!/^[\p{L}]/u.test(raw[j]) || raw[j] === NAME_FULL || raw[j] === NAME_PLACE) break;
        noun.push(fold(raw[j]));
      }
      if (noun.length > 0) {
        tokens.push({ kind: "count", text, value, noun: noun.join(" ") });
        continue;
      }
    }
    tokens.push({ kind: "word", text, fold: fold(text) });
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Subjects

type Subject = {
  /** replaces the writer's full name ("UBND các huyện, thành phố", "các sở, ban, ngành") */
  full: string;
  /** replaces its bare place ("các huyện, thành phố") */
  place: string;
};

const LOCALITY_KINDS = ["huyện", "thị xã", "thành phố", "quận", "xã", "phường", "thị trấn", "đặc khu"];

const kindsOf = new WeakMap<string[], string>();
function localityKinds(names: string[]): string {
  const known = kindsOf.get(names);
  if (known !== undefined) return known;
  const kinds = kindsIn(names);
  kindsOf.set(names, kinds);
  return kinds;
}

function kindsIn(names: string[]): string {
  const found = new Set<string>();
  for (const name of names) {
    const place = placeOf(name)?.toLocaleLowerCase("vi") ?? "";
    const kind = LOCALITY_KINDS.find((k) => place.startsWith(`${k} `));
    if (kind) found.add(kind);
  }
  const kinds = LOCALITY_KINDS.filter((k) => found.has(k));
  return kinds.length ? kinds.join(", ") : "địa phương";
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} và ${names.at(-1)}`;
}

/**
 * Who did it: the whole group, a count of it, or the units by name. `all` are the group's units
 * that reported in the period; `units` those that made the statement.
 */
function subjectOf(group: UnitGroup, units: string[], all: string[]): Subject {
  if (units.length <= NAMED_UNITS && units.length < all.length) {
    return {
      full: joinNames(units.map(shortName)),
      place: joinNames(units.map((u) => placeOf(u) ?? shortName(u))),
    };
  }
  const whole = units.length === all.length;
  const count = whole ? "các" : `${units.length}/${all.length}`;
  switch (group) {
    case "departments":
      return { full: `${count} sở, ban, ngành`, place: `${count} sở, ban, ngành` };
    case "localities": {
      const kinds = localityKinds(all);
      return { full: `UBND ${count} ${kinds}`, place: `${count} ${kinds}` };
    }
    case "organisations": {
      if (whole && all.length > 1) {
        const front = all.some((u) => /mặt trận|mttq/iu.test(u));
        const phrase = front
          ? "Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội"
          : "các tổ chức chính trị - xã hội";
        return { full: phrase, place: phrase };
      }
      return { full: `${count} cơ quan, tổ chức`, place: `${count} cơ quan, tổ chức` };
    }
    case "armed_forces":
      return whole
        ? { full: "lực lượng vũ trang tỉnh", place: "lực lượng vũ trang tỉnh" }
        : { full: `${count} đơn vị lực lượng vũ trang`, place: `${count} đơn vị lực lượng vũ trang` };
    default:
      return { full: `${count} cơ quan, đơn vị`, place: `${count} cơ quan, đơn vị` };
  }
}

/** How a group's paragraph opens when its first sentence does not already name the group. */
function groupLead(group: UnitGroup, all: string[]): string {
  const subject = subjectOf(group, all, all).full;
  if (all.length === 1) return shortName(all[0]);
  return capitalise(subject);
}

/** Verbs a report's sentence commonly opens with: the subject can be put before them. */
const OPENING_VERBS = new Set(
  [
    "tổ chức",
    "triển khai",
    "thực hiện",
    "khen thưởng",
    "giải quyết",
    "tiếp nhận",
    "phối hợp",
    "ban hành",
    "xây dựng",
    "tuyên truyền",
    "phổ biến",
    "quán triệt",
    "duy trì",
    "phát động",
    "biểu dương",
    "công khai",
    "chỉ đạo",
    "vận động",
    "hỗ trợ",
    "tham gia",
    "tiếp tục",
    "đẩy mạnh",
    "lồng ghép",
    "kiểm tra",
    "rà soát",
    "tập huấn",
    "đăng tải",
    "phát hành",
    "xử lý",
    "hướng dẫn",
    "ký kết",
    "nhân rộng",
    "đã",
    "có",
    "đạt",
    "hoàn thành",
    "tiếp",
    "trao",
    "thăm",
  ].map(foldVietnamese),
);

const capitalise = (text: string) => text.replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase("vi"));
const lowerFirst = (text: string) => text.replace(/^\p{Lu}(?!\p{Lu})/u, (c) => c.toLocaleLowerCase("vi"));

function opensWithVerb(words: Token[]): boolean {
  const first = words.filter((t) => t.kind === "word").slice(0, 2) as { fold: string; text: string }[];
  if (first.length === 0 || (!/^\p{Lu}\p{Ll}/u.test(first[0].text) && !/^\p{Ll}/u.test(first[0].text)))
    return false;
  return (
    OPENING_VERBS.has(first[0].fold) ||
    (first.length > 1 && OPENING_VERBS.has(`${first[0].fold} ${first[1].fold}`))
  );
}

/** Joins tokens back into text: no space before closing punctuation or after opening. */
function render(tokens: (Token | { kind: "text"; text: string })[], subject: Subject | null): string {
  let out = "";
  let glue = false;
  let quotes = 0;
  for (const token of tokens) {
    let text: string;
    if (token.kind === "name") text = subject ? (token.full ? subject.full : subject.place) : "";
    else if (
      token.kind === "count" ||
      token.kind === "word" ||
      token.kind === "punct" ||
      token.kind === "text"
    )
      text = token.text;
    else text = "";
    if (!text) continue;
    const straightQuote = token.kind === "punct" && text === '"';
    const opening = straightQuote ? quotes % 2 === 0 : token.kind === "punct" && /^[([“‘]$/u.test(text);
    const closing = straightQuote ? !opening : token.kind === "punct" && /^[.,;:!?…)\]”’%]$/u.test(text);
    if (straightQuote) quotes += 1;
    if (out && !closing && !glue) out += " ";
    out += text;
    glue = opening;
  }
  return out.replace(/\s+/g, " ").trim();
}

const withoutFinalStop = (text: string) => text.replace(/[\s.;,]+$/u, "");

/**
 * The sentence with its subject: where the writer named itself, the subject takes its place;
 * "Trong năm, tổ chức …" → "Trong năm, <subject> tổ chức …"; "Tổ chức …" → "<Subject> tổ chức …";
 * otherwise the subject follows in brackets.
 */
function withSubject(tokens: Token[], subject: Subject): { text: string; named: boolean } {
  if (tokens.some((t) => t.kind === "name")) {
    const text = withoutFinalStop(render(tokens, subject));
    // "9/21 sở, ban, ngành công khai …" opens a sentence as "Có 9/21 sở, ban, ngành công khai …"
    return { text: capitalise(/^\d/.test(text) ? `có ${text}` : text), named: true };
  }
  const comma = tokens.findIndex((t) => t.kind === "punct" && t.text === ",");
  const lead = comma > 0 ? tokens.slice(0, comma) : [];
  if (
    comma > 0 &&
    comma <= 4 &&
    lead.every((t) => t.kind === "word") &&
    opensWithVerb(tokens.slice(comma + 1))
  ) {
    const rest = render(tokens.slice(comma + 1), null);
    return {
      text: withoutFinalStop(`${render(lead, null)}, ${subject.full} ${lowerFirst(rest)}`),
      named: true,
    };
  }
  if (opensWithVerb(tokens))
    return {
      // "9/21 sở, ban, ngành tổ chức …" opens a sentence as "Có 9/21 sở, ban, ngành tổ chức …"
      text: capitalise(
        withoutFinalStop(
          `${/^\d/.test(subject.full) ? "có " : ""}${subject.full} ${lowerFirst(render(tokens, null))}`,
        ),
      ),
      named: true,
    };
  return { text: `${withoutFinalStop(render(tokens, null))} (${subject.full})`, named: false };
}

// ---------------------------------------------------------------------------------------------
// Clustering

type Sentence = {
  unit: SynthesisNarrative;
  original: string;
  tokens: Token[];
  words: Set<string>;
  key: string;
  signature: string;
};

type Cluster = { first: Sentence; members: Sentence[]; units: Set<string>; order: number };

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const word of small) if (large.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

function sentenceOf(unit: SynthesisNarrative, original: string): Sentence | null {
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
function cluster(sentences: Sentence[]): Cluster[] {
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

// ---------------------------------------------------------------------------------------------
// Summing

const describedCache = new WeakMap<ConsolidationIndicator, Set<string>>();
function describedWords(indicator: ConsolidationIndicator): Set<string> {
  let words = describedCache.get(indicator);
  if (!words) {
    words = new Set(foldVietnamese(`${indicator.name} ${indicator.unit}`).split(/[^a-z0-9]+/));
    describedCache.set(indicator, words);
  }
  return words;
}

/** The indicator a summed slot states, when every unit's figure is that unit's indicator value. */
function bindIndicator(
  members: Sentence[],
  slot: number,
  indicators: ConsolidationIndicator[],
  skeleton: Set<string>,
): ConsolidationIndicator | null {
  const counts = members.map(
    (m) => m.tokens.filter((t) => t.kind === "count")[slot] as { value: number; noun: string },
  );
  const noun = new Set(counts[0].noun.split(" "));
  let best: ConsolidationIndicator | null = null;
  let bestScore = -1;
  for (const indicator of indicators) {
    if (indicator.aggregation !== "sum") continue;
    const described = describedWords(indicator);
    if (![...noun].some((w) => described.has(w))) continue;
    if (!members.every((m, i) => m.unit.values?.[indicator.code] === counts[i].value)) continue;
    const score = [...described].filter((w) => skeleton.has(w)).length;
    if (score > bestScore) {
      best = indicator;
      bestScore = score;
    }
  }
  return best;
}

function figureText(total: number, bound: boolean, approximate: boolean): string {
  if (bound && !approximate && total >= ROUND_FROM && total % ROUND_TO !== 0)
    return `hơn ${formatCount(Math.floor(total / ROUND_TO) * ROUND_TO)}`;
  return formatCount(total);
}

/** One statement for several units: the first wording, its counts summed slot by slot. */
function summed(
  members: Sentence[],
  group: UnitGroup,
  indicators: ConsolidationIndicator[],
  figures: StatedFigure[],
): Token[] {
  const first = members[0];
  const skeleton = first.words;
  let slot = 0;
  return first.tokens.map((token, position) => {
    if (token.kind !== "count") return token;
    const index = slot++;
    const values = members.map(
      (m) => (m.tokens.filter((t) => t.kind === "count")[index] as { value: number }).value,
    );
    const total = values.reduce((a, b) => a + b, 0);
    const before = first.tokens[position - 1];
    const approximate = before?.kind === "word" && APPROXIMATE.has(before.fold);
    const indicator = bindIndicator(members, index, indicators, skeleton);
    const text = figureText(total, indicator !== null, approximate);
    if (indicator)
      figures.push({
        indicator: indicator.code,
        group,
        units: members.map((m) => m.unit.unitName),
        value: total,
        text,
      });
    return { ...token, text };
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * The synthesis of one heading. `units` are all the units whose reports are consolidated (with
 * their kind), to count "N/M" against; `narratives` what they wrote under the heading, in the
 * reports' order; `indicators` the form's indicators, to bind summed figures to the annex.
 */
export function synthesise(
  narratives: SynthesisNarrative[],
  units: SynthesisUnit[],
  indicators: ConsolidationIndicator[] = [],
): Synthesis {
  const sentences = narratives.flatMap((unit) =>
    splitSentences(unit.text).flatMap((s) => {
      const sentence = sentenceOf(unit, s);
      return sentence ? [sentence] : [];
    }),
  );
  const clusters = cluster(sentences);
  const figures: StatedFigure[] = [];
  const paragraphs: SynthesisParagraph[] = [];
  const groupOfUnit = new Map(units.map((u) => [u.unitName, unitGroup(u.unitType)]));
  for (const n of narratives)
    if (!groupOfUnit.has(n.unitName)) groupOfUnit.set(n.unitName, unitGroup(n.unitType));
  for (const group of UNIT_GROUPS) {
    const all = [...new Set([...groupOfUnit].filter(([, g]) => g === group).map(([name]) => name))];
    const parts: { text: string; named: boolean; units: string[]; size: number; order: number }[] = [];
    const own = new Map<string, string[]>();
    for (const c of clusters) {
      // one sentence per unit and statement: a unit that wrote it twice counts once, first wording
      const seen = new Set<string>();
      const members = c.members.filter((m) => {
        if (groupOfUnit.get(m.unit.unitName) !== group || seen.has(m.unit.unitName)) return false;
        seen.add(m.unit.unitName);
        return true;
      });
      if (members.length === 0) continue;
      if (members.length === 1) {
        const m = members[0];
        const subject = {
          full: shortName(m.unit.unitName),
          place: placeOf(m.unit.unitName) ?? shortName(m.unit.unitName),
        };
        const list = own.get(m.unit.unitName) ?? [];
        const tokens = summed(members, group, indicators, figures);
        list.push(withSubject(tokens, subject).text);
        own.set(m.unit.unitName, list);
        continue;
      }
      const names = members.map((m) => m.unit.unitName);
      const subject = subjectOf(group, names, all);
      parts.push({
        ...withSubject(summed(members, group, indicators, figures), subject),
        units: names,
        size: members.length,
        order: c.order,
      });
    }
    parts.sort((a, b) => b.size - a.size || a.order - b.order);
    const sentencesOfGroup = parts.map((p) => `${p.text}.`);
    const attributed = [...own].map(([, list]) => list.map((s) => `${capitalise(s)}.`).join(" "));
    const text = [...sentencesOfGroup, ...attributed].join(" ");
    if (!text) continue;
    // the paragraph opens with its kind of unit: the first statement's subject, or a lead
    const lead = parts.length > 0 && !parts[0].named && all.length > 1 ? `${groupLead(group, all)}: ` : "";
    paragraphs.push({
      group,
      text: lead ? `${lead}${lowerFirst(text)}` : text,
      units: [...new Set([...parts.flatMap((p) => p.units), ...own.keys()])],
    });
  }
  return { paragraphs, figures };
}

import { foldVietnamese } from "../../../lib/vi-text.ts";
import type { UnitGroup } from "./groups.ts";
import { placeOf, shortName, type Token } from "./tokens.ts";

/** How a statement is written back: its subject (a group, a count of it, units by name) put in. */

/** At most this many units are named as a statement's subject; more are counted. */
export const NAMED_UNITS = 3;

export type Subject = {
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
export function subjectOf(group: UnitGroup, units: string[], all: string[]): Subject {
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
export function groupLead(group: UnitGroup, all: string[]): string {
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

export const capitalise = (text: string) => text.replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase("vi"));
export const lowerFirst = (text: string) =>
  text.replace(/^\p{Lu}(?!\p{Lu})/u, (c) => c.toLocaleLowerCase("vi"));

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
export function withSubject(tokens: Token[], subject: Subject): { text: string; named: boolean } {
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

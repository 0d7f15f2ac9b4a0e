import type { Actors } from "../../../../common/plan-tree.ts";
import { fold } from "./fold.ts";
import { headAt, readMentionList, type Token, tokenize, uniqueMentions } from "./mentions.ts";

/**
 * Who carries out an item. A subject at the head of the text sets its actors
 * ("Sở Nội vụ chủ trì, phối hợp với …" → lead; "Đề nghị Ủy ban MTTQ …" → requested;
 * "Các sở, ban, ngành … thực hiện …" → implementing); "phối hợp với Y, Z" adds
 * coordinating units. An item naming no subject inherits its parent's.
 */

export interface OwnActors {
  lead: string[];
  implementing: string[];
  requested: string[];
  coordinating: string[];
  /** The text begins "Chủ trì, …" with no subject: the inherited units lead it. */
  leadsInherited: boolean;
}

export const NO_ACTORS: Actors = { lead: [], coordinating: [], implementing: [], requested: [] };

// Adverbial openings before the subject: "Căn cứ …, Giám đốc các sở …".
const OPENERS =
  /^(can cu|tren co so|de |nham |trong |theo |sau khi|khi |dinh ky|hang nam|hang quy|hang thang|moi (?:nam|quy|thang)|(?:6|sau) thang|truoc ngay|cham nhat)/;

function firstClauseEnd(tokens: Token[]): number {
  for (let i = 0; i < tokens.length; i++) if (tokens[i].text === "." || tokens[i].text === ":") return i;
  return tokens.length;
}

function clauseHas(tokens: Token[], from: number, words: string[][]): boolean {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === "." || t.text === ";" || t.text === ":") return false;
    if (words.some((w) => w.every((word, k) => tokens[i + k]?.lower === word))) return true;
  }
  return false;
}

const LEAD_WORDS = [
  ["chủ", "trì"],
  ["đầu", "mối"],
  ["thường", "trực"],
];

/** Mentions after every "phối hợp với" / "phối hợp cùng" in the text. */
export function coordinatingIn(text: string, tokens: Token[] = tokenize(text)): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].lower !== "phối" || tokens[i + 1].lower !== "hợp") continue;
    const prep = tokens[i + 2].lower;
    if (prep !== "với" && prep !== "cùng") continue;
    const list = readMentionList(text, tokens, i + 3);
    if (list) {
      out.push(...list.mentions);
      i = list.end - 1;
    }
  }
  return out;
}

/** The subject and its role in one paragraph, if the paragraph names one. */
export function subjectOf(text: string, tokens: Token[] = tokenize(text)): OwnActors | null {
  if (tokens.length === 0) return null;
  let i = 0;
  let role: "implementing" | "requested" | "lead" = "implementing";
  const lower = (k: number) => tokens[k]?.lower;
  if (lower(0) === "chủ" && lower(1) === "trì") {
    return { lead: [], implementing: [], requested: [], coordinating: [], leadsInherited: true };
  }
  if (lower(0) === "đề" && lower(1) === "nghị") {
    role = "requested";
    i = 2;
  } else if (lower(0) === "giao") {
    i = lower(1) === "cho" ? 2 : 1;
  } else if (lower(0) === "yêu" && lower(1) === "cầu") {
    i = 2;
  } else if (OPENERS.test(fold(text.slice(0, 20)))) {
    const end = firstClauseEnd(tokens);
    let found = -1;
    for (let k = 1; k < end; k++) {
      if (tokens[k].text === "," && headAt(tokens, k + 1, "start") > 0) {
        found = k + 1;
        break;
      }
    }
    if (found < 0) return null;
    i = found;
  }
  const list = readMentionList(text, tokens, i);
  if (!list) return null;
  if (role !== "requested" && clauseHas(tokens, list.end, LEAD_WORDS)) role = "lead";
  const own: OwnActors = {
    lead: [],
    implementing: [],
    requested: [],
    coordinating: [],
    leadsInherited: false,
  };
  own[role] = uniqueMentions(list.mentions);
  return own;
}

/** Own actors of an item from its paragraphs: the first that names a subject sets them. */
export function ownActors(paragraphs: string[]): OwnActors {
  let subject: OwnActors | null = null;
  // A leaf's first paragraph may be a short title ("3. Truyền thông") with the subject below it.
  for (const p of paragraphs) {
    subject = subjectOf(p);
    if (subject) break;
  }
  const coordinating = uniqueMentions(paragraphs.flatMap((p) => coordinatingIn(p)));
  return {
    lead: subject?.lead ?? [],
    implementing: subject?.implementing ?? [],
    requested: subject?.requested ?? [],
    coordinating,
    leadsInherited: subject?.leadsInherited ?? false,
  };
}

/** Effective actors: a named subject replaces what is inherited; coordinating units add up. */
export function effectiveActors(own: OwnActors, inherited: Actors): Actors {
  const named = own.lead.length + own.implementing.length + own.requested.length > 0;
  if (named) {
    return {
      lead: own.lead,
      coordinating: own.coordinating,
      implementing: own.implementing,
      requested: own.requested,
    };
  }
  if (own.leadsInherited) {
    return {
      lead: uniqueMentions([...inherited.lead, ...inherited.implementing]),
      coordinating: own.coordinating,
      implementing: [],
      requested: inherited.requested,
    };
  }
  return {
    lead: inherited.lead,
    coordinating: uniqueMentions([...inherited.coordinating, ...own.coordinating]),
    implementing: inherited.implementing,
    requested: inherited.requested,
  };
}

export function hasActors(actors: Actors): boolean {
  return (
    actors.lead.length + actors.coordinating.length + actors.implementing.length + actors.requested.length > 0
  );
}

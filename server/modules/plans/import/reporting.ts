import type { Actors, Due, ReportingDuty } from "../../../../common/plan-tree.ts";
import { subjectOf } from "./actors.ts";
import { parseDues } from "./due.ts";
import { fold } from "./fold.ts";
import { headAt, readMentionList, type Token, tokenize, uniqueMentions } from "./mentions.ts";

/**
 * Reporting duties a task sets: "định kỳ trước ngày 10/12 hằng năm, báo cáo UBND tỉnh
 * (qua Sở Nội vụ) kết quả …", "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày
 * 10/12), các sở, ngành … báo cáo kết quả về UBND tỉnh (qua Sở Nội vụ)". One duty per
 * recipient and period. The reporting units are the subject of the same sentence when it
 * names one, else the task's effective actors; the deadlines are the ones written in the
 * same sentence. Keywords are matched without diacritics ("bao cao", "hàng năm").
 */

// a line ending on a word that needs what follows: "… báo cáo kết quả về" / "UBND tỉnh"
const CONNECTIVE = /(?:^|\s)(?:ve|qua|gui|cho|den|toi|cua|va|voi|tai|theo|thong qua|bao cao)$/;

/**
 * Lines of a paragraph cut inside a clause (a PDF's text layer) are one sentence again: a line
 * without a final stop that runs on in lower case, ends on a comma, an open parenthesis or a
 * word that needs what follows, or is too long for a title. A new bullet or number is never joined.
 */
function joinCutLines(text: string): string {
  const lines = text.split("\n");
  let out = lines[0];
  for (let i = 1; i < lines.length; i++) {
    const before = lines[i - 1].trimEnd();
    const next = lines[i].trimStart();
    const cut =
      before.length > 0 &&
      next.length > 0 &&
      !/[.!?;:]$/.test(before) &&
      !/^(?:[-+•*–]\s|\d+[.)/]|[a-zđ][.)/]\s)/u.test(next) &&
      (/^[\p{Ll}(]/u.test(next) ||
        /[,(]$/.test(before) ||
        CONNECTIVE.test(fold(before)) ||
        before.lastIndexOf("(") > before.lastIndexOf(")") ||
        before.split(/\s+/).length >= 8);
    // same length either way, so positions stay those of the text
    out += (cut ? " " : "\n") + lines[i];
  }
  return out;
}

function sentences(text: string): string[] {
  return joinCutLines(text)
    .split(/(?<=[.!?])\s+(?=\p{Lu})|\n/u)
    .filter((s) => s.trim().length > 0);
}

const isReport = (tokens: Token[], i: number) =>
  tokens[i].folded === "bao" && tokens[i + 1]?.folded === "cao";

const TO_WORDS = new Set(["ve", "cho", "den", "len", "gui", "toi"]);

/** Index of the recipient's first token after "báo cáo" at `i`, or -1. */
function recipientStart(tokens: Token[], i: number): number {
  const j = i + 2;
  if (headAt(tokens, j, "start") > 0) return j;
  // "báo cáo kết quả … về UBND tỉnh", "gửi báo cáo về Sở Nội vụ", "báo cáo kết quả gửi Ủy ban nhân dân tỉnh"
  for (let k = j; k < tokens.length && k < j + 16; k++) {
    const t = tokens[k];
    if (t.text === "." || t.text === ";") return -1;
    if (TO_WORDS.has(t.folded) && headAt(tokens, k + 1, "start") > 0) return k + 1;
  }
  return -1;
}

/** "(qua Sở Nội vụ)", "(thông qua Sở Nội vụ tổng hợp)", ", gửi qua Sở Nội vụ" after the recipient. */
function viaAfter(text: string, tokens: Token[], j: number): string | null {
  let k = j;
  if (tokens[k]?.text === "(" || tokens[k]?.text === ",") k++;
  if (tokens[k]?.folded === "gui" || tokens[k]?.folded === "thong") k++;
  if (tokens[k]?.folded !== "qua") return null;
  const list = readMentionList(text, tokens, k + 1);
  return list ? list.mentions[0] : null;
}

function purposeBefore(tokens: Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 5; k--) {
    const t = tokens[k];
    if (t.text === ";" || t.text === ".") return false;
    // "để", also typed without its marks; "đề nghị" is not a purpose
    if (t.lower === "để" || t.lower === "nhằm" || t.lower === "de" || t.lower === "nham") return true;
  }
  return false;
}

/** The units a sentence itself names as its subject ("Các sở, ban, ngành tỉnh; UBND các xã … báo cáo"). */
function subjectUnits(sentence: string, tokens: Token[]): string[] {
  const own = subjectOf(sentence, tokens);
  return own ? uniqueMentions([...own.lead, ...own.implementing, ...own.requested]) : [];
}

export function reportingDuties(text: string, actors: Actors, source: string): ReportingDuty[] {
  const inherited = uniqueMentions([...actors.lead, ...actors.implementing, ...actors.requested]);
  const out: ReportingDuty[] = [];
  for (const sentence of sentences(text)) {
    const tokens = tokenize(sentence);
    let dues: Due[] | null = null;
    let from: string[] | null = null;
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (!isReport(tokens, i)) continue;
      // "… gửi Sở Nội vụ để tổng hợp, báo cáo UBND tỉnh": the report after "để" is the recipient's own
      if (purposeBefore(tokens, i)) continue;
      const start = recipientStart(tokens, i);
      if (start < 0) continue;
      const list = readMentionList(sentence, tokens, start);
      if (!list) continue;
      const via = viaAfter(sentence, tokens, list.end);
      dues ??= parseDues(sentence);
      if (from === null) {
        const own = subjectUnits(sentence, tokens);
        from = own.length > 0 ? own : inherited;
      }
      for (const to of list.mentions) {
        if (dues.length === 0) out.push({ from, to, via, due: null, source });
        for (const due of dues) out.push({ from, to, via, due, source });
      }
      i = list.end;
    }
  }
  return out;
}

import type { Actors, ReportingDuty } from "../../../../common/plan-tree.ts";
import { parseDue } from "./due.ts";
import { headAt, readMentionList, type Token, tokenize, uniqueMentions } from "./mentions.ts";

/**
 * Reporting duties a task sets: "định kỳ trước ngày 10/12 hằng năm, báo cáo UBND tỉnh
 * (qua Sở Nội vụ) kết quả …". The reporting units are the task's effective actors;
 * the deadline is the one written in the same sentence.
 */

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=\p{Lu})|\n/u).filter((s) => s.trim().length > 0);
}

/** Index of the recipient's first token after "báo cáo" at `i`, or -1. */
function recipientStart(tokens: Token[], i: number): number {
  const j = i + 2;
  if (headAt(tokens, j, "start") > 0) return j;
  // "báo cáo kết quả … về UBND tỉnh", "gửi báo cáo về Sở Nội vụ"
  for (let k = j; k < tokens.length && k < j + 14; k++) {
    const t = tokens[k];
    if (t.text === "." || t.text === ";") return -1;
    if (
      (t.lower === "về" || t.lower === "cho" || t.lower === "đến" || t.lower === "lên") &&
      headAt(tokens, k + 1, "start") > 0
    ) {
      return k + 1;
    }
  }
  return -1;
}

function viaAfter(text: string, tokens: Token[], j: number): string | null {
  if (tokens[j]?.text !== "(" || tokens[j + 1]?.lower !== "qua") return null;
  const list = readMentionList(text, tokens, j + 2);
  return list ? list.mentions[0] : null;
}

function purposeBefore(tokens: Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 5; k--) {
    const t = tokens[k];
    if (t.text === ";" || t.text === ".") return false;
    if (t.lower === "để" || t.lower === "nhằm") return true;
  }
  return false;
}

export function reportingDuties(text: string, actors: Actors, source: string): ReportingDuty[] {
  const from = uniqueMentions([...actors.lead, ...actors.implementing, ...actors.requested]);
  const out: ReportingDuty[] = [];
  for (const sentence of sentences(text)) {
    const tokens = tokenize(sentence);
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i].lower !== "báo" || tokens[i + 1].lower !== "cáo") continue;
      // "… gửi Sở Nội vụ để tổng hợp, báo cáo UBND tỉnh": the report after "để" is the recipient's own
      if (purposeBefore(tokens, i)) continue;
      const start = recipientStart(tokens, i);
      if (start < 0) continue;
      const list = readMentionList(sentence, tokens, start);
      if (!list) continue;
      const via = viaAfter(sentence, tokens, list.end);
      const due = parseDue(sentence);
      for (const to of list.mentions) out.push({ from, to, via, due, source });
      i = list.end;
    }
  }
  return out;
}

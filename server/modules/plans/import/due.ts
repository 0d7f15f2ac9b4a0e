import type { Due, Recurrence } from "../../../../common/plan-tree.ts";
import { dayOf, listedPeriods } from "./due-periods.ts";
import { RULES } from "./due-rules.ts";
import { once, pad, recurring, validDay, withDay, wordBoundary } from "./due-words.ts";
import { fold } from "./fold.ts";

/**
 * Deadlines as plans write them: "trước ngày 30/6/2025", "trong Quý II/2025",
 * "năm 2025", "định kỳ trước ngày 10/12 hằng năm", "định kỳ 6 tháng", "hằng quý",
 * "thường xuyên". Matching runs on the folded text, whose indices are the original's,
 * so `text` is cut from what the plan says.
 */

interface Candidate {
  start: number;
  end: number;
  due: Omit<Due, "text">;
  /** 0: a day or month is named; 1: a period or a year; 2: vague ("thường xuyên"). */
  rank: number;
  open?: boolean;
}

// Dates of cited documents ("ngày 24/11/2023 của Ban Chấp hành …") are not deadlines.
const DOCUMENT_DATE =
  /(?:\bso\s+)?\d{1,6}[\w.-]{0,20}\/[\w./-]{1,30}\s*,?\s*ngay\s+(?:\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4})|ngay\s+(?:\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4})\s*,?\s*(?:cua|do)\b/g;

function mask(folded: string): string {
  return folded.replace(DOCUMENT_DATE, (m) => " ".repeat(m.length));
}

function candidates(text: string, folded: string): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(folded); m !== null; m = rule.re.exec(folded)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const end = m.index + m[0].trimEnd().length;
      if (!wordBoundary(folded, m.index, end)) continue;
      const made = rule.make(m);
      if (made) out.push({ start: m.index, end, ...made, ...(rule.open ? { open: true } : {}) });
    }
  }
  return out.filter((c) => text.slice(c.start, c.end).trim().length > 0);
}

/** The most precise deadline in `text` (ties go to the first written), or null. */
export function parseDue(text: string): Due | null {
  const folded = mask(fold(text));
  const found = candidates(text, folded);
  if (found.length === 0) return null;
  // a phrase inside a longer one ("hằng năm" in "trước ngày 10/12 hằng năm") is the same deadline
  const kept = found.filter(
    (c) =>
      !found.some(
        (o) => o !== c && o.start <= c.start && o.end >= c.end && o.end - o.start > c.end - c.start,
      ),
  );
  kept.sort((a, b) => a.rank - b.rank || a.start - b.start);
  const best = kept[0];
  let due = best.due;
  if (best.open && due.recurrence === null) {
    // "định kỳ 6 tháng, …, trước ngày 15 tháng cuối kỳ": the period written elsewhere in the text
    const period = kept.find((c) => c.rank === 1 && c.due.recurrence !== null && c.due.recurrence !== "once");
    if (period) due = { ...due, recurrence: period.due.recurrence };
  }
  return { text: text.slice(best.start, best.end).trim(), ...due };
}

/** Every deadline of `text`: one per period when periods with their own days are listed, else parseDue's. */
export function parseDues(text: string): Due[] {
  const folded = mask(fold(text));
  const out: Due[] = [];
  const seen = new Set<Recurrence>();
  for (const list of listedPeriods(folded)) {
    const last = list[list.length - 1];
    const shared = list.some((p) => !p.own) ? dayOf(folded.slice(last.end, last.end + 120), true) : null;
    // with no day at all, "định kỳ 6 tháng và hằng năm" stays one periodic duty (parseDue's)
    if (!shared && !list.some((p) => p.own)) continue;
    if (list.length === 1 && !list[0].own) continue;
    const sharedText = shared
      ? text
          .slice(last.end, last.end + shared.length)
          .replace(/^[\s,]+/, "")
          .trim()
      : "";
    for (const p of list) {
      if (seen.has(p.recurrence)) continue;
      seen.add(p.recurrence);
      const phrase = text.slice(p.start, p.end).trim();
      const day = p.own ?? shared?.day ?? null;
      out.push({
        text: !p.own && shared ? `${phrase}, ${sharedText}` : phrase,
        ...(day ? withDay(p.recurrence, day) : recurring(p.recurrence, null, null)),
      });
    }
  }
  if (out.length > 0) return out;
  const one = parseDue(text);
  return one ? [one] : [];
}

/** A table's deadline cell: the whole cell is the deadline, bare years included ("2025", "Quý II/2025"). */
export function parseDueCell(cell: string): Due | null {
  const text = cell.trim();
  if (!text) return null;
  const parsed = parseDue(text);
  if (parsed) return parsed;
  const folded = fold(text);
  const year = /^(?:nam\s+)?(\d{4})(?:\s*-\s*(\d{4}))?$/.exec(folded);
  if (year) return { text, ...once(year[2] ?? year[1]) };
  const dmy = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/.exec(folded);
  if (dmy && validDay(Number(dmy[1]), Number(dmy[2]))) {
    return { text, ...once(`${dmy[3]}-${pad(Number(dmy[2]))}-${pad(Number(dmy[1]))}`) };
  }
  const my = /^(\d{1,2})\s*\/\s*(\d{4})$/.exec(folded);
  if (my && Number(my[1]) >= 1 && Number(my[1]) <= 12)
    return { text, ...once(`${my[2]}-${pad(Number(my[1]))}`) };
  return { text, recurrence: null, date: null, month: null, day: null };
}

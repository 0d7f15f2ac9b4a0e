import type { Recurrence } from "../../../../common/plan-tree.ts";
import {
  AT,
  BEFORE,
  DAY_REL,
  type PeriodDay,
  relativeDay,
  unitRecurrence,
  validDay,
  wordBoundary,
} from "./due-words.ts";

/**
 * Periods written one after another, at least one with its own day in parentheses:
 * "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 10/12)" is two deadlines.
 * A period without its own day takes the day written after the list, if any
 * ("hằng quý (…), 6 tháng và hằng năm, trước ngày 15 của tháng cuối kỳ").
 */
const PERIOD_WORD =
  /(?:(dinh ky|bao cao|hang|moi|ca)\s+)?(?:(?:hang|moi)\s+)?((?:6|sau) thang(?:\s+(?:dau|cuoi)\s+nam)?|quy|thang|nam)(?![\p{L}\p{N}]|\s*[/.-]?\s*\d|\s+(?:i{1,3}|iv|v)\b)/gu;
const LIST_GAP = /^\s*(?:,|;|va\b|hoac\b|,\s*va\b)\s*$/;

function dayPatterns(at: string, before: string): RegExp[] {
  return [
    new RegExp(`^${at}${DAY_REL}`),
    new RegExp(String.raw`^${before}(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?!\d|\s*[/.-]\s*\d)`),
    new RegExp(String.raw`^${before}ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?!\d|\s*(?:/\s*\d|nam\s+\d))`),
    new RegExp(String.raw`^${before}ngay\s+(\d{1,2})(?![\d/]|\s*(?:/|thang|-))`),
  ];
}
// in parentheses after its period the day may stand alone ("(ngày 15/6)")
const OWN_DAY = dayPatterns(String.raw`\s*${AT}?`, String.raw`\s*${BEFORE}?`);
// after the list it must say it is a deadline ("trước", "chậm nhất")
const SHARED_DAY = dayPatterns(String.raw`\s*,?\s*${BEFORE}(?:vao\s+)?`, String.raw`\s*,?\s*${BEFORE}`);

/** The day within each period a folded phrase sets, with the length of the phrase. */
export function dayOf(folded: string, shared: boolean): { day: PeriodDay; length: number } | null {
  const res = shared ? SHARED_DAY : OWN_DAY;
  let m = res[0].exec(folded);
  if (m) {
    const day = relativeDay(m, 1);
    return day ? { day, length: m[0].length } : null;
  }
  for (const re of res.slice(1, 3)) {
    m = re.exec(folded);
    if (m) {
      const day = Number(m[1]);
      const month = Number(m[2]);
      return validDay(day, month) ? { day: { day, month, recurrence: null }, length: m[0].length } : null;
    }
  }
  m = res[3].exec(folded);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 31) {
    return { day: { day: Number(m[1]), month: null, recurrence: null }, length: m[0].length };
  }
  return null;
}

export interface Listed {
  start: number;
  end: number;
  recurrence: Recurrence;
  named: boolean;
  own: PeriodDay | null;
}

export function listedPeriods(folded: string): Listed[][] {
  const lists: Listed[][] = [];
  let current: Listed[] = [];
  PERIOD_WORD.lastIndex = 0;
  for (let m = PERIOD_WORD.exec(folded); m !== null; m = PERIOD_WORD.exec(folded)) {
    let end = m.index + m[0].length;
    if (!wordBoundary(folded, m.index, end)) continue;
    const recurrence = unitRecurrence(/^(?:6|sau) thang/.test(m[2]) ? "6 thang" : m[2]);
    if (!recurrence) continue;
    // "định kỳ 6 tháng", "hằng năm" open a list; a bare "năm" only continues one
    const named = m[0] !== m[2];
    let own: PeriodDay | null = null;
    const paren = /^\s*\(([^()\n]{1,160})\)/.exec(folded.slice(end, end + 170));
    if (paren) {
      // the parentheses belong to the period even when they hold no day of it ("(trước ngày 45/6)")
      own = dayOf(paren[1], false)?.day ?? null;
      end += paren[0].length;
      PERIOD_WORD.lastIndex = end;
    }
    const item: Listed = { start: m.index, end, recurrence, named, own };
    const last = current[current.length - 1];
    if (last && LIST_GAP.test(folded.slice(last.end, m.index))) current.push(item);
    else {
      if (current.length > 0) lists.push(current);
      current = named ? [item] : [];
    }
  }
  if (current.length > 0) lists.push(current);
  return lists;
}

import type { Due, Recurrence } from "../../../../common/plan-tree.ts";
import { fold } from "./fold.ts";
import { romanValue } from "./markers.ts";

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

type Made = { due: Omit<Due, "text">; rank: number };

const pad = (n: number) => String(n).padStart(2, "0");
const QUARTER_END = ["03-31", "06-30", "09-30", "12-31"];

function validDay(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function once(date: string): Omit<Due, "text"> {
  return { recurrence: "once", date, month: null, day: null };
}

function recurring(
  recurrence: Recurrence | null,
  month: number | null,
  day: number | null,
): Omit<Due, "text"> {
  return { recurrence, date: null, month, day };
}

const BEFORE = String.raw`(?:(?:hoan thanh |xong )?(?:truoc|cham nhat(?: la)?|han chot|den(?: het)?)\s+)`;
const DAY_DMY = String.raw`(?:ngay\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
const DAY_WORDS = String.raw`ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})`;
const DAY_DM = String.raw`(?:ngay\s+)?(\d{1,2})\s*[/]\s*(\d{1,2})(?![\d/])`;
const DAY_DM_WORDS = String.raw`ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?!\s*nam\s+\d)`;
const EVERY = "(?:hang|moi)";
const PERIODIC = String.raw`(?:dinh ky\s*,?\s*)?`;

/**
 * A day counted from the period: "ngày 20 của tháng cuối quý", "ngày 15 tháng cuối kỳ",
 * "ngày 5 của tháng đầu quý sau", "ngày 5 tháng sau". Groups: day, which month (đầu/cuối),
 * the period unit, "sau" after the unit.
 */
const NEXT = String.raw`(?:sau|tiep theo|ke tiep|lien ke)(?!\s+khi)`;
const DAY_REL = String.raw`ngay\s+(\d{1,2})\s*,?\s*(?:cua\s+)?thang\s+(?:(dau tien|dau|cuoi cung|cuoi)\s+(?:cua\s+)?(?:moi\s+)?(quy|ky bao cao|ky|nam|(?:6|sau) thang)(\s+${NEXT})?|${NEXT})`;
const AT = String.raw`(?:${BEFORE}(?:vao\s+)?|vao\s+)`;

const UNIT_RECURRENCE: Record<string, Recurrence> = {
  quy: "quarterly",
  thang: "monthly",
  nam: "yearly",
  "6 thang": "half-yearly",
  "sau thang": "half-yearly",
};

/** The period a unit word names; "kỳ" names none (the text's own period is meant). */
function unitRecurrence(unit: string | undefined): Recurrence | null {
  return unit ? (UNIT_RECURRENCE[unit.replace(/\s+/g, " ")] ?? null) : null;
}

interface PeriodDay {
  day: number;
  month: number | null;
  monthsAfter?: number;
  /** The period the words name ("tháng cuối quý" → quarterly), null for "kỳ" or none. */
  recurrence: Recurrence | null;
}

/**
 * The day of a DAY_REL match (`m[at]` is its day group). The period's last month leaves the
 * month null, its first month is month 1 (the first of every quarter, half-year and year),
 * the month after the period is `monthsAfter: 1`. "Tháng cuối quý sau" is not read.
 */
function relativeDay(m: RegExpExecArray, at: number): PeriodDay | null {
  const day = Number(m[at]);
  const which = m[at + 1];
  const unit = m[at + 2];
  const next = m[at + 3] !== undefined || which === undefined;
  if (day < 1 || day > 31) return null;
  const recurrence = unitRecurrence(unit);
  const first = which?.startsWith("dau") ?? false;
  if (next) return which === undefined || first ? { day, month: null, monthsAfter: 1, recurrence } : null;
  return { day, month: first ? 1 : null, recurrence };
}

function withDay(recurrence: Recurrence | null, d: PeriodDay): Omit<Due, "text"> {
  return {
    ...recurring(recurrence, d.month, d.day),
    ...(d.monthsAfter ? { monthsAfter: d.monthsAfter } : {}),
  };
}

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray) => Made | null;
  /** The recurrence may come from a period the text names elsewhere ("định kỳ 6 tháng, … tháng cuối kỳ"). */
  open?: boolean;
}

const RULES: Rule[] = [
  // "trước ngày 15/6 và 15/12 hằng năm": twice a year
  {
    re: new RegExp(
      String.raw`${PERIODIC}${BEFORE}(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*(?:va|,)\s*(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*,?\s*${EVERY} nam`,
      "g",
    ),
    make: (m) => ({ due: recurring("half-yearly", null, m[1] === m[3] ? Number(m[1]) : null), rank: 0 }),
  },
  // "định kỳ trước ngày 10/12 hằng năm"
  {
    re: new RegExp(String.raw`${PERIODIC}${BEFORE}(?:${DAY_DM}|${DAY_DM_WORDS})\s*,?\s*${EVERY} nam`, "g"),
    make: (m) => {
      const day = Number(m[1] ?? m[3]);
      const month = Number(m[2] ?? m[4]);
      return validDay(day, month) ? { due: recurring("yearly", month, day), rank: 0 } : null;
    },
  },
  // "hằng năm, trước ngày 10/12"
  {
    re: new RegExp(String.raw`${PERIODIC}${EVERY} nam\s*,?\s*${BEFORE}(?:${DAY_DM}|${DAY_DM_WORDS})`, "g"),
    make: (m) => {
      const day = Number(m[1] ?? m[3]);
      const month = Number(m[2] ?? m[4]);
      return validDay(day, month) ? { due: recurring("yearly", month, day), rank: 0 } : null;
    },
  },
  // "trước ngày 30/6/2025", "chậm nhất ngày 30 tháng 6 năm 2025"
  {
    re: new RegExp(`${BEFORE}(?:${DAY_DMY}|${DAY_WORDS})`, "g"),
    make: (m) => {
      const day = Number(m[1] ?? m[4]);
      const month = Number(m[2] ?? m[5]);
      const year = m[3] ?? m[6];
      return validDay(day, month) ? { due: once(`${year}-${pad(month)}-${pad(day)}`), rank: 0 } : null;
    },
  },
  // "trước ngày 25 hằng tháng", "chậm nhất ngày 25 hằng tháng"
  {
    re: new RegExp(
      String.raw`${PERIODIC}(?:(?:${EVERY}) (?:quy|thang)\s*,?\s*)?${BEFORE}ngay\s+(\d{1,2})\s*(?:,\s*)?(?:cua\s+)?${EVERY} thang`,
      "g",
    ),
    make: (m) => {
      const day = Number(m[1]);
      if (day < 1 || day > 31) return null;
      return { due: recurring("monthly", null, day), rank: 0 };
    },
  },
  // "hằng tháng, chậm nhất ngày 25"
  {
    re: new RegExp(
      String.raw`${PERIODIC}${EVERY} thang\s*,?\s*${AT}ngay\s+(\d{1,2})(?![\d/]|\s*(?:[/.-]\s*\d|thang|cua|nam))`,
      "g",
    ),
    make: (m) => {
      const day = Number(m[1]);
      return day >= 1 && day <= 31 ? { due: recurring("monthly", null, day), rank: 0 } : null;
    },
  },
  // "hằng quý, trước ngày 20 của tháng cuối quý", "trước ngày 15 tháng cuối kỳ",
  // "trước ngày 5 của tháng đầu quý sau": the period is the one named before, or the unit's
  {
    re: new RegExp(
      String.raw`${PERIODIC}(?:(?:${EVERY}\s+(quy|thang|nam)|((?:6|sau) thang))\s*,?\s*)?${AT}${DAY_REL}`,
      "g",
    ),
    make: (m) => {
      const d = relativeDay(m, 3);
      if (!d) return null;
      return { due: withDay(unitRecurrence(m[1] ?? m[2]) ?? d.recurrence, d), rank: 0 };
    },
    open: true,
  },
  // "định kỳ 6 tháng", "6 tháng một lần"
  {
    re: /(?:(?:dinh ky|hang|moi|bao cao)\s+)?(?:6|sau) thang dau nam(?!\s*[/-]?\s*\d)|(?:dinh ky|hang|moi)\s+(?:6|sau) thang(?:\s*,?\s*(?:va\s+)?(?:ca |hang )?nam)?|(?:6|sau) thang (?:mot|1) lan|bao cao (?:6|sau) thang/g,
    make: () => ({ due: recurring("half-yearly", null, null), rank: 1 }),
  },
  {
    re: /(?:dinh ky\s+)?(?:hang|moi) quy|dinh ky theo quy|dinh ky quy|quy (?:mot|1) lan/g,
    make: () => ({ due: recurring("quarterly", null, null), rank: 1 }),
  },
  {
    re: /(?:dinh ky\s+)?(?:hang|moi) thang|dinh ky theo thang|dinh ky thang|thang (?:mot|1) lan/g,
    make: () => ({ due: recurring("monthly", null, null), rank: 1 }),
  },
  {
    re: /(?:dinh ky\s+)?(?:hang|moi) nam|dinh ky theo nam|dinh ky nam/g,
    make: () => ({ due: recurring("yearly", null, null), rank: 1 }),
  },
  // "trong Quý II/2025", "quý 3 năm 2025"
  {
    re: /(?:(?:hoan thanh |xong )?(?:trong|truoc|den het|den|cuoi)\s+)?quy\s+(i{1,3}|iv|[1-4])\s*(?:\/|nam)\s*(\d{4})/g,
    make: (m) => {
      let quarter = /\d/.test(m[1]) ? Number(m[1]) : romanValue(m[1].toUpperCase());
      let year = Number(m[2]);
      if (/^(?:hoan thanh |xong )?truoc\s/.test(m[0])) {
        quarter -= 1;
        if (quarter === 0) {
          quarter = 4;
          year -= 1;
        }
      }
      if (quarter < 1 || quarter > 4) return null;
      return { due: once(`${year}-${QUARTER_END[quarter - 1]}`), rank: 1 };
    },
  },
  // "trong tháng 6/2025", "tháng 6 năm 2025"
  {
    re: /(?:(?:hoan thanh |xong )?(?:trong|truoc|den het|den|cuoi)\s+)?thang\s+(\d{1,2})\s*(?:\/|nam)\s*(\d{4})/g,
    make: (m) => {
      let month = Number(m[1]);
      let year = Number(m[2]);
      if (month < 1 || month > 12) return null;
      if (/^(?:hoan thanh |xong )?truoc\s/.test(m[0])) {
        month -= 1;
        if (month === 0) {
          month = 12;
          year -= 1;
        }
      }
      return { due: once(`${year}-${pad(month)}`), rank: 1 };
    },
  },
  // "giai đoạn 2025 - 2026": done by the end of the period
  {
    re: /giai doan\s+(\d{4})\s*-\s*(\d{4})/g,
    make: (m) => ({ due: once(m[2]), rank: 1 }),
  },
  // "năm 2025", "trong năm 2025", "trước năm 2030"
  {
    re: /(?:(?:hoan thanh |xong )?(?:trong|truoc|den het|den|cuoi|ngay trong)\s+)?nam\s+(\d{4})(?!\s*-\s*\d)/g,
    make: (m) => {
      const year = Number(m[1]) - (/^(?:hoan thanh |xong )?truoc\s/.test(m[0]) ? 1 : 0);
      return year >= 1945 && year <= 2200 ? { due: once(String(year)), rank: 1 } : null;
    },
  },
  {
    re: /thuong xuyen(?:,? lien tuc)?|dinh ky/g,
    make: () => ({ due: recurring(null, null, null), rank: 2 }),
  },
];

// Dates of cited documents ("ngày 24/11/2023 của Ban Chấp hành …") are not deadlines.
const DOCUMENT_DATE =
  /(?:\bso\s+)?\d{1,6}[\w.-]{0,20}\/[\w./-]{1,30}\s*,?\s*ngay\s+(?:\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4})|ngay\s+(?:\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4})\s*,?\s*(?:cua|do)\b/g;

function mask(folded: string): string {
  return folded.replace(DOCUMENT_DATE, (m) => " ".repeat(m.length));
}

function wordBoundary(folded: string, start: number, end: number): boolean {
  const before = folded[start - 1];
  const after = folded[end];
  const letter = /[\p{L}\p{N}]/u;
  return (before === undefined || !letter.test(before)) && (after === undefined || !letter.test(after));
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
function dayOf(folded: string, shared: boolean): { day: PeriodDay; length: number } | null {
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

interface Listed {
  start: number;
  end: number;
  recurrence: Recurrence;
  named: boolean;
  own: PeriodDay | null;
}

function listedPeriods(folded: string): Listed[][] {
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

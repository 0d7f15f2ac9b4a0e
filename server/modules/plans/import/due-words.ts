import type { Due, Recurrence } from "../../../../common/plan-tree.ts";

/**
 * The words of deadlines: the folded phrases that say "before", name a day or a period
 * (as pieces of regular expressions), and the deadlines they build.
 */

export const pad = (n: number) => String(n).padStart(2, "0");
export const QUARTER_END = ["03-31", "06-30", "09-30", "12-31"];

export function validDay(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

export function once(date: string): Omit<Due, "text"> {
  return { recurrence: "once", date, month: null, day: null };
}

export function recurring(
  recurrence: Recurrence | null,
  month: number | null,
  day: number | null,
): Omit<Due, "text"> {
  return { recurrence, date: null, month, day };
}

export const BEFORE = String.raw`(?:(?:hoan thanh |xong )?(?:truoc|cham nhat(?: la)?|han chot|den(?: het)?)\s+)`;
export const DAY_DMY = String.raw`(?:ngay\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
export const DAY_WORDS = String.raw`ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})`;
export const DAY_DM = String.raw`(?:ngay\s+)?(\d{1,2})\s*[/]\s*(\d{1,2})(?![\d/])`;
export const DAY_DM_WORDS = String.raw`ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?!\s*nam\s+\d)`;
export const EVERY = "(?:hang|moi)";
export const PERIODIC = String.raw`(?:dinh ky\s*,?\s*)?`;

/**
 * A day counted from the period: "ngày 20 của tháng cuối quý", "ngày 15 tháng cuối kỳ",
 * "ngày 5 của tháng đầu quý sau", "ngày 5 tháng sau". Groups: day, which month (đầu/cuối),
 * the period unit, "sau" after the unit.
 */
const NEXT = String.raw`(?:sau|tiep theo|ke tiep|lien ke)(?!\s+khi)`;
export const DAY_REL = String.raw`ngay\s+(\d{1,2})\s*,?\s*(?:cua\s+)?thang\s+(?:(dau tien|dau|cuoi cung|cuoi)\s+(?:cua\s+)?(?:moi\s+)?(quy|ky bao cao|ky|nam|(?:6|sau) thang)(\s+${NEXT})?|${NEXT})`;
export const AT = String.raw`(?:${BEFORE}(?:vao\s+)?|vao\s+)`;

const UNIT_RECURRENCE: Record<string, Recurrence> = {
  quy: "quarterly",
  thang: "monthly",
  nam: "yearly",
  "6 thang": "half-yearly",
  "sau thang": "half-yearly",
};

/** The period a unit word names; "kỳ" names none (the text's own period is meant). */
export function unitRecurrence(unit: string | undefined): Recurrence | null {
  return unit ? (UNIT_RECURRENCE[unit.replace(/\s+/g, " ")] ?? null) : null;
}

export interface PeriodDay {
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
export function relativeDay(m: RegExpExecArray, at: number): PeriodDay | null {
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

export function withDay(recurrence: Recurrence | null, d: PeriodDay): Omit<Due, "text"> {
  return {
    ...recurring(recurrence, d.month, d.day),
    ...(d.monthsAfter ? { monthsAfter: d.monthsAfter } : {}),
  };
}

/** Whether `start`..`end` stands as whole words: no letter or digit touches either end. */
export function wordBoundary(folded: string, start: number, end: number): boolean {
  const before = folded[start - 1];
  const after = folded[end];
  const letter = /[\p{L}\p{N}]/u;
  return (before === undefined || !letter.test(before)) && (after === undefined || !letter.test(after));
}

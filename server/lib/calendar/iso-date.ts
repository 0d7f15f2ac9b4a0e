import { now as clockNow } from "../clock.ts";
/**
 * ISO calendar dates (`YYYY-MM-DD`) in Asia/Ho_Chi_Minh local terms.
 *
 * Arithmetic runs on whole days counted from 1970-01-01 at UTC midnight
 * ("epoch days"), so no time zone or daylight-saving rule can shift a date.
 */

export type IsoDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Vietnam keeps UTC+7 all year round (no daylight saving), so a fixed offset is
 * exact for every date this system handles.
 */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

/** Julian Day Number of 1970-01-01 (epoch day 0). */
export const JULIAN_DAY_OF_EPOCH = 2_440_588;

export function parseIsoDate(iso: IsoDate): DateParts {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`No such calendar date: ${iso}`);
  }
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`Year out of range: ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`Month out of range: ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Day out of range: ${year}-${month}-${day}`);
  }
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function toEpochDay(iso: IsoDate): number {
  const { year, month, day } = parseIsoDate(iso);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Not a whole day: ${epochDay}`);
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOfEpochDay(epochDay: number): number {
  return new Date(epochDay * MS_PER_DAY).getUTCFullYear();
}

/** Day of the week, 0 = Sunday … 6 = Saturday (as `Date#getUTCDay`). */
export function weekdayOfEpochDay(epochDay: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((epochDay + 4) % 7) + 7) % 7;
}

export function weekday(iso: IsoDate): number {
  return weekdayOfEpochDay(toEpochDay(iso));
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return fromEpochDay(toEpochDay(iso) + days);
}

/** Signed number of calendar days from `a` to `b`. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** ISO dates with four-digit years order as plain strings. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The calendar date in Vietnam (UTC+7) at the instant `now`. */
export function todayInVietnam(now: Date = clockNow()): IsoDate {
  const time = now.getTime();
  if (Number.isNaN(time)) throw new RangeError("Invalid Date");
  return new Date(time + VIETNAM_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
}

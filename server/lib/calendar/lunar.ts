/**
 * Gregorian ⇄ Vietnamese lunar calendar.
 *
 * Implements the published algorithm of Hồ Ngọc Đức ("Âm lịch Việt Nam"):
 * new moons from Meeus-style series, the sun's longitude for the major solar
 * terms, month 11 as the month holding the winter solstice, and the leap month
 * as the first month of a 13-month year without a major term. Days are reckoned
 * at UTC+7: Vietnam's calendar has used that meridian since 1968, which is why
 * it differs from the Chinese (UTC+8) one in some years — Tết 1985 fell on
 * 21/1 in Vietnam and 20/2 in China, Tết 2007 on 17/2 and 18/2.
 *
 * The series are accurate enough for roughly 1800–2199; dates outside
 * LUNAR_SUPPORTED_YEARS are refused rather than answered wrongly.
 */
import {
  fromEpochDay,
  type IsoDate,
  JULIAN_DAY_OF_EPOCH,
  parseIsoDate,
  toEpochDay,
  VIETNAM_UTC_OFFSET_HOURS,
} from "./iso-date.ts";

export interface LunarDate {
  /** The lunar year: Tết of `year` falls in Gregorian `year`. */
  year: number;
  /** 1 (tháng Giêng) … 12 (tháng Chạp). */
  month: number;
  /** 1 … 29 or 30. */
  day: number;
  /** True for the intercalary (nhuận) copy of `month`. */
  leap: boolean;
}

export interface LunarDateInput {
  year: number;
  month: number;
  day: number;
  leap?: boolean;
}

export const LUNAR_SUPPORTED_YEARS = { from: 1800, to: 2199 } as const;

const INT = Math.floor;
const PI = Math.PI;
const DEG = PI / 180;
/** Julian day of the new moon of 1900-01-01 (k = 0), and the mean synodic month. */
const NEW_MOON_EPOCH = 2415021.076998695;
const SYNODIC_MONTH = 29.530588853;

/** Julian date (days, fractional) of the k-th new moon after 1900-01-01, UT. */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900 January 0.5
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * DEG * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(DEG * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(DEG * 2 * F) - 0.0051 * Math.sin(DEG * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(DEG * (M - Mpr)) + 0.0004 * Math.sin(DEG * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(DEG * (2 * F - M)) - 0.0006 * Math.sin(DEG * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(DEG * (2 * F - Mpr)) + 0.0005 * Math.sin(DEG * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltaT;
}

/** The sun's apparent longitude in radians, [0, 2π), at Julian date `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525; // Julian centuries from J2000.0
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  let L = (L0 + DL) * DEG;
  L = L - PI * 2 * INT(L / (PI * 2));
  return L;
}

/** Which of the 12 thirty-degree sectors the sun is in at local midnight starting day `dayNumber`. */
function sunSector(dayNumber: number, timeZone: number): number {
  return INT((sunLongitude(dayNumber - 0.5 - timeZone / 24) / PI) * 6);
}

/** Julian Day Number of the local day holding the k-th new moon. */
function newMoonDay(k: number, timeZone: number): number {
  return INT(newMoon(k) + 0.5 + timeZone / 24);
}

/** Julian Day Number of the first day of lunar month 11 that starts in Gregorian year `yy`. */
function lunarMonth11(yy: number, timeZone: number): number {
  const off = julianDayNumber(yy, 12, 31) - 2415021;
  const k = INT(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, timeZone);
  // Month 11 holds the winter solstice (sun at 270°); past it, take the month before.
  return sunSector(nm, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : nm;
}

/** Offset (in months after month 11 starting at `a11`) of the leap month of a 13-month year. */
function leapMonthOffset(a11: number, timeZone: number): number {
  const k = INT((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

function julianDayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000 + JULIAN_DAY_OF_EPOCH;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_SUPPORTED_YEARS.from || year > LUNAR_SUPPORTED_YEARS.to) {
    throw new RangeError(
      `Year ${year} is outside the supported range ${LUNAR_SUPPORTED_YEARS.from}–${LUNAR_SUPPORTED_YEARS.to}`,
    );
  }
}

/** The Vietnamese lunar date of a Gregorian date (days reckoned at UTC+7 unless told otherwise). */
export function solarToLunar(iso: IsoDate, timeZone: number = VIETNAM_UTC_OFFSET_HOURS): LunarDate {
  const { year: yy } = parseIsoDate(iso);
  checkYear(yy);
  const dayNumber = toEpochDay(iso) + JULIAN_DAY_OF_EPOCH;
  const k = INT((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, timeZone);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, timeZone);
  let a11 = lunarMonth11(yy, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = lunarMonth11(yy - 1, timeZone);
  } else {
    lunarYear = yy + 1;
    b11 = lunarMonth11(yy + 1, timeZone);
  }
  const day = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

/**
 * The Gregorian date of a Vietnamese lunar date. Throws a RangeError for a date
 * that does not exist: a leap month the year lacks, or day 30 of a 29-day month.
 */
export function lunarToSolar(input: LunarDateInput, timeZone: number = VIETNAM_UTC_OFFSET_HOURS): IsoDate {
  const { year, month, day } = input;
  const leap = input.leap ?? false;
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`Lunar month out of range: ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`Lunar day out of range: ${day}`);
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, timeZone);
    b11 = lunarMonth11(year, timeZone);
  } else {
    a11 = lunarMonth11(year, timeZone);
    b11 = lunarMonth11(year + 1, timeZone);
  }
  const k = INT(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) throw new RangeError(noSuchDate(input));
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new RangeError(noSuchDate(input));
  }
  const monthStart = newMoonDay(k + off, timeZone);
  const result = fromEpochDay(monthStart + day - 1 - JULIAN_DAY_OF_EPOCH);
  // Day 30 of a 29-day month lands on day 1 of the next month: refuse it.
  const back = solarToLunar(result, timeZone);
  if (back.day !== day || back.month !== month || back.leap !== leap || back.year !== year) {
    throw new RangeError(noSuchDate(input));
  }
  return result;
}

function noSuchDate(input: LunarDateInput): string {
  return `No such lunar date: ${input.day}/${input.month}${input.leap ? " (leap)" : ""}/${input.year}`;
}

/** The leap month (1–12) of lunar year `year`, or null when the year has twelve months. */
export function leapMonthOf(year: number, timeZone: number = VIETNAM_UTC_OFFSET_HOURS): number | null {
  for (let month = 1; month <= 12; month++) {
    try {
      lunarToSolar({ year, month, day: 1, leap: true }, timeZone);
      return month;
    } catch {
      // not this month
    }
  }
  return null;
}

/** Gregorian date of mùng 1 Tết (1/1 lunar) of lunar year `year`. */
export function lunarNewYearDay(year: number, timeZone: number = VIETNAM_UTC_OFFSET_HOURS): IsoDate {
  return lunarToSolar({ year, month: 1, day: 1 }, timeZone);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(
  year: number,
  month: number,
  leap = false,
  timeZone: number = VIETNAM_UTC_OFFSET_HOURS,
): 29 | 30 {
  const first = toEpochDay(lunarToSolar({ year, month, day: 1, leap }, timeZone));
  const next = solarToLunar(fromEpochDay(first + 29), timeZone);
  return next.day === 30 ? 30 : 29;
}

/** "d/m/yyyy", with "nhuận" for a leap month, as Vietnamese texts write a lunar date. */
export function formatLunarDate(date: LunarDate): string {
  return `${date.day}/${date.month}${date.leap ? " nhuận" : ""}/${date.year}`;
}

/**
 * The Vietnamese public-holiday calendar as configuration.
 *
 * Every rule carries its legal basis; nothing here is a bare constant. The
 * default configuration (`VN_PUBLIC_SERVICE_CALENDAR`) is that of state bodies
 * (cơ quan hành chính nhà nước): Bộ luật Lao động 2019 Điều 112 for the
 * holidays, Saturday and Sunday off, and the yearly announcements in
 * `vn-announced.ts`.
 */
import { addDays, formatIsoDate, type IsoDate, toEpochDay, weekdayOfEpochDay } from "./iso-date.ts";
import { lunarToSolar } from "./lunar.ts";
import { VN_ANNOUNCED_YEARS } from "./vn-announced.ts";

export interface LocalizedName {
  vi: string;
  en: string;
}

export type HolidayKey =
  | "new-year"
  | "lunar-new-year"
  | "hung-kings"
  | "victory-day"
  | "labour-day"
  | "national-day";

/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface FixedHolidayRule {
  key: HolidayKey;
  /** "solar": a Gregorian day; "lunar": a day of the Vietnamese lunar calendar. */
  calendar: "solar" | "lunar";
  month: number;
  day: number;
  name: LocalizedName;
  basis: string;
  /** First Gregorian year the rule applies to. */
  sinceYear?: number;
}

export interface LunarNewYearRule {
  key: "lunar-new-year";
  /** Days taken from the end of the old lunar year (1 = its last day only). */
  daysBeforeNewYear: number;
  /** Days taken from mùng 1 on (4 = mùng 1 to mùng 4). */
  daysFromNewYear: number;
  name: LocalizedName;
  basis: string;
}

export interface AdjacentDayRule {
  key: HolidayKey;
  /** The anchor holiday, a Gregorian month and day. */
  month: number;
  day: number;
  /** For the weekday of the anchor: -1 takes the day before, +1 the day after. */
  offsetByWeekday: Record<Weekday, -1 | 1>;
  name: LocalizedName;
  basis: string;
  sinceYear: number;
}

export type SubstituteDirection = "next" | "previous";

export interface SubstituteRule {
  /** When a holiday falls on a weekend day, give a working day off instead. */
  enabled: boolean;
  direction: SubstituteDirection;
  /** Per-holiday exceptions, by weekday of the holiday that falls on a weekend. */
  byHoliday: Partial<Record<HolidayKey, Partial<Record<Weekday, SubstituteDirection>>>>;
  name: LocalizedName;
  basis: string;
}

export interface WeekendRule {
  days: Weekday[];
  basis: string;
}

export interface AnnouncedDay {
  date: IsoDate;
  name: LocalizedName;
  basis: string;
}

export interface AnnouncedDayOff extends AnnouncedDay {
  /** "substitute": nghỉ bù for a holiday on a weekend; "swap": a working day exchanged for a `workdays` entry. */
  kind: "substitute" | "swap";
}

/** What the Government announced for one Gregorian year (Điều 112 khoản 3). */
export interface YearArrangement {
  /** The five Tết days fixed for the year; replaces the default rule. */
  lunarNewYearDays?: IsoDate[];
  /** The day next to 2/9 chosen for the year (1/9 or 3/9). */
  nationalDayAdjacent?: IsoDate;
  /** Substitute and swapped days off. */
  daysOff?: AnnouncedDayOff[];
  /** Compensating workdays (làm bù), usually Saturdays. */
  workdays?: AnnouncedDay[];
  /** Holidays whose weekend collisions the announcement already settled: no automatic substitute for them. */
  settled?: HolidayKey[];
  basis: string;
  note?: string;
}

export interface HolidayConfig {
  weekend: WeekendRule;
  fixed: FixedHolidayRule[];
  lunarNewYear: LunarNewYearRule;
  adjacent: AdjacentDayRule[];
  substitutes: SubstituteRule;
  /** Hours east of UTC at which lunar days are reckoned. */
  lunarTimeZone: number;
  years: Record<number, YearArrangement>;
}

export type DayOffKind = "holiday" | "substitute" | "swap";

export interface DayOff {
  date: IsoDate;
  name: LocalizedName;
  basis: string;
  kind: DayOffKind;
  holiday?: HolidayKey;
}

const BLLD_112 = "Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 khoản 1";

export const VN_PUBLIC_SERVICE_CALENDAR: HolidayConfig = {
  weekend: {
    days: [6, 0],
    basis:
      "Quyết định 188/1999/QĐ-TTg (tuần làm việc 40 giờ: cơ quan hành chính nghỉ thứ Bảy, Chủ nhật); Bộ luật Lao động 2019, Điều 111",
  },
  fixed: [
    {
      key: "new-year",
      calendar: "solar",
      month: 1,
      day: 1,
      name: { vi: "Tết Dương lịch", en: "New Year's Day" },
      basis: `${BLLD_112} điểm a`,
    },
    {
      key: "hung-kings",
      calendar: "lunar",
      month: 3,
      day: 10,
      name: { vi: "Giỗ Tổ Hùng Vương", en: "Hùng Kings' Commemoration Day" },
      basis: `${BLLD_112} điểm e`,
    },
    {
      key: "victory-day",
      calendar: "solar",
      month: 4,
      day: 30,
      name: { vi: "Ngày Chiến thắng", en: "Reunification Day" },
      basis: `${BLLD_112} điểm c`,
    },
    {
      key: "labour-day",
      calendar: "solar",
      month: 5,
      day: 1,
      name: { vi: "Ngày Quốc tế Lao động", en: "International Labour Day" },
      basis: `${BLLD_112} điểm d`,
    },
    {
      key: "national-day",
      calendar: "solar",
      month: 9,
      day: 2,
      name: { vi: "Quốc khánh", en: "National Day" },
      basis: `${BLLD_112} điểm đ`,
    },
  ],
  lunarNewYear: {
    key: "lunar-new-year",
    // Five days (điểm b); the Prime Minister fixes which each year (khoản 3).
    // The usual choice is the last day of the old year and mùng 1–4.
    daysBeforeNewYear: 1,
    daysFromNewYear: 4,
    name: { vi: "Tết Âm lịch", en: "Lunar New Year (Tết)" },
    basis: `${BLLD_112} điểm b; khoản 3 (Thủ tướng quyết định cụ thể ngày nghỉ)`,
  },
  adjacent: [
    {
      key: "national-day",
      month: 9,
      day: 2,
      // Past announcements join 2/9 to the weekend where they can: Mon→3/9
      // (2024), Tue→1/9 (2025), Thu→3/9 (2021), Fri→1/9 (2022), Sat→1/9 (2023).
      // Wednesday and Sunday have no precedent under the 2019 code.
      offsetByWeekday: { 0: 1, 1: 1, 2: -1, 3: -1, 4: 1, 5: -1, 6: -1 },
      name: { vi: "Quốc khánh (ngày liền kề)", en: "National Day (adjacent day)" },
      basis: `${BLLD_112} điểm đ (02/9 và 01 ngày liền kề trước hoặc sau); khoản 3`,
      sinceYear: 2021, // Bộ luật Lao động 2019 took effect on 01/01/2021.
    },
  ],
  substitutes: {
    enabled: true,
    direction: "next",
    // Tết days on a Saturday have been made up before Tết and on a Sunday after
    // it (2024: 8/2 and 14/2; 2025: 27/1), by the Prime Minister's choice.
    byHoliday: { "lunar-new-year": { 6: "previous", 0: "next" } },
    name: { vi: "Nghỉ bù", en: "Substitute day off" },
    basis:
      "Bộ luật Lao động 2019, Điều 111 khoản 3 (ngày nghỉ hằng tuần trùng ngày lễ, tết thì nghỉ bù vào ngày làm việc kế tiếp)",
  },
  lunarTimeZone: 7,
  years: VN_ANNOUNCED_YEARS,
};

/**
 * The holidays, substitute days and swapped days off of Gregorian year `year`,
 * and its compensating workdays, in date order. Throws if the configuration
 * makes one day both a day off and a workday.
 */
export function generateYear(
  year: number,
  config: HolidayConfig,
): { daysOff: DayOff[]; workdays: AnnouncedDay[] } {
  const arrangement = config.years[year];
  const holidays = new Map<IsoDate, DayOff>();
  const add = (entry: DayOff) => {
    if (!holidays.has(entry.date)) holidays.set(entry.date, entry);
  };

  for (const rule of config.fixed) {
    if (rule.sinceYear !== undefined && year < rule.sinceYear) continue;
    const date =
      rule.calendar === "solar"
        ? formatIsoDate(year, rule.month, rule.day)
        : lunarToSolar({ year, month: rule.month, day: rule.day }, config.lunarTimeZone);
    add({ date, name: rule.name, basis: rule.basis, kind: "holiday", holiday: rule.key });
  }

  const tet = config.lunarNewYear;
  const tetDays = arrangement?.lunarNewYearDays ?? defaultLunarNewYearDays(year, config);
  const tetBasis = arrangement?.lunarNewYearDays ? `${tet.basis}; ${arrangement.basis}` : tet.basis;
  for (const date of tetDays)
    add({ date, name: tet.name, basis: tetBasis, kind: "holiday", holiday: tet.key });

  for (const rule of config.adjacent) {
    if (year < rule.sinceYear) continue;
    const anchor = formatIsoDate(year, rule.month, rule.day);
    const announced = rule.key === "national-day" ? arrangement?.nationalDayAdjacent : undefined;
    const date =
      announced ?? addDays(anchor, rule.offsetByWeekday[weekdayOfEpochDay(toEpochDay(anchor)) as Weekday]);
    const basis = announced ? `${rule.basis}; ${arrangement?.basis}` : rule.basis;
    add({ date, name: rule.name, basis, kind: "holiday", holiday: rule.key });
  }

  const weekend = new Set<number>(config.weekend.days);
  const isWeekend = (date: IsoDate) => weekend.has(weekdayOfEpochDay(toEpochDay(date)));
  const daysOff = new Map<IsoDate, DayOff>(holidays);
  for (const day of arrangement?.daysOff ?? []) {
    daysOff.set(day.date, { date: day.date, name: day.name, basis: day.basis, kind: day.kind });
  }

  if (config.substitutes.enabled) {
    const settled = new Set(arrangement?.settled ?? []);
    const rule = config.substitutes;
    const colliding = [...holidays.values()]
      .filter((h) => h.holiday && !settled.has(h.holiday) && isWeekend(h.date))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
    for (const holiday of colliding) {
      const day = weekdayOfEpochDay(toEpochDay(holiday.date)) as Weekday;
      const direction = (holiday.holiday && rule.byHoliday[holiday.holiday]?.[day]) ?? rule.direction;
      const step = direction === "next" ? 1 : -1;
      let date = addDays(holiday.date, step);
      while (isWeekend(date) || daysOff.has(date)) date = addDays(date, step);
      daysOff.set(date, {
        date,
        name: { vi: `${rule.name.vi} ${holiday.name.vi}`, en: `${rule.name.en}: ${holiday.name.en}` },
        basis: rule.basis,
        kind: "substitute",
        holiday: holiday.holiday,
      });
    }
  }

  const workdays = [...(arrangement?.workdays ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1));
  for (const workday of workdays) {
    if (daysOff.has(workday.date)) {
      throw new Error(`Calendar configuration for ${year}: ${workday.date} is both a day off and a workday`);
    }
  }
  return { daysOff: [...daysOff.values()].sort((a, b) => (a.date < b.date ? -1 : 1)), workdays };
}

/** The default five Tết days of the lunar new year that starts in Gregorian `year`. */
export function defaultLunarNewYearDays(year: number, config: HolidayConfig): IsoDate[] {
  const newYear = lunarToSolar({ year, month: 1, day: 1 }, config.lunarTimeZone);
  const { daysBeforeNewYear, daysFromNewYear } = config.lunarNewYear;
  const days: IsoDate[] = [];
  for (let offset = -daysBeforeNewYear; offset < daysFromNewYear; offset++)
    days.push(addDays(newYear, offset));
  return days;
}

/**
 * Working days of state bodies: weekends, public holidays, substitute and
 * swapped days off, and compensating workdays, from a `HolidayConfig`.
 *
 * Counting follows Bộ luật Dân sự 2015, Điều 147 khoản 2: the day a period
 * starts from is not counted, so `addWorkingDays(d, 1)` is the first working
 * day after `d`.
 */
import {
  type AnnouncedDay,
  type DayOff,
  generateYear,
  type HolidayConfig,
  type LocalizedName,
  VN_PUBLIC_SERVICE_CALENDAR,
} from "./holidays.ts";
import { fromEpochDay, type IsoDate, toEpochDay, weekdayOfEpochDay, yearOfEpochDay } from "./iso-date.ts";
import { LUNAR_SUPPORTED_YEARS } from "./lunar.ts";

export type DayStatus =
  | { working: true; reason: "weekday" }
  | { working: true; reason: "compensating-workday"; name: LocalizedName; basis: string }
  | { working: false; reason: "weekend"; basis: string }
  | { working: false; reason: "holiday" | "substitute" | "swap"; name: LocalizedName; basis: string };

export interface WorkingCalendar {
  readonly config: HolidayConfig;
  isWorkingDay(date: IsoDate): boolean;
  /** Why a day is, or is not, a working day. */
  describeDay(date: IsoDate): DayStatus & { date: IsoDate };
  /**
   * The n-th working day after `date` (the start is not counted); with a
   * negative n, the |n|-th working day before it; with 0, `date` itself.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  addCalendarDays(date: IsoDate, n: number): IsoDate;
  /** Working days in (a, b]: after `a`, up to and including `b`; negative when b < a. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
  /** Holidays, substitute days off and swapped days off dated in `year`, in date order. */
  holidaysIn(year: number): DayOff[];
  /** Compensating workdays (làm bù) dated in `year`. */
  compensatingWorkdaysIn(year: number): AnnouncedDay[];
  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate;
  previousWorkingDayOnOrBefore(date: IsoDate): IsoDate;
}

/** A longer run of days without a working day means the configuration is broken. */
const MAX_DAYS_WITHOUT_WORK = 60;

/**
 * Merge `overrides` over the default Vietnamese public-service calendar. Each
 * year in `overrides.years` replaces that year's announcement as a whole.
 */
export function mergeCalendarConfig(
  overrides: Partial<HolidayConfig> = {},
  base: HolidayConfig = VN_PUBLIC_SERVICE_CALENDAR,
): HolidayConfig {
  return { ...base, ...overrides, years: { ...base.years, ...(overrides.years ?? {}) } };
}

/**
 * A working calendar from the default configuration with `overrides` merged in
 * (see `mergeCalendarConfig`); pass another `base` to start elsewhere, e.g.
 * `{ ...VN_PUBLIC_SERVICE_CALENDAR, years: {} }` for the rules without any
 * announcement.
 */
export function createWorkingCalendar(
  overrides: Partial<HolidayConfig> = {},
  base: HolidayConfig = VN_PUBLIC_SERVICE_CALENDAR,
): WorkingCalendar {
  const config = mergeCalendarConfig(overrides, base);
  const weekend = new Set<number>(config.weekend.days);
  if (weekend.size >= 7) throw new Error("Calendar configuration: every day of the week is a weekend day");

  const years = new Map<number, { daysOff: DayOff[]; workdays: AnnouncedDay[] }>();
  const special = new Map<number, DayStatus>();
  const loaded = new Set<number>();

  function year(y: number) {
    let data = years.get(y);
    if (!data) {
      data = generateYear(y, config);
      years.set(y, data);
    }
    return data;
  }

  // Announcements may reach across New Year (a swap made up in late December),
  // so a year's days are indexed from the generation of its neighbours too.
  function ensureLoaded(y: number): void {
    if (loaded.has(y)) return;
    loaded.add(y);
    for (const source of neighbours(y)) {
      const data = year(source);
      for (const day of data.daysOff) {
        const epoch = toEpochDay(day.date);
        if (yearOfEpochDay(epoch) === y && !special.has(epoch)) {
          special.set(epoch, { working: false, reason: day.kind, name: day.name, basis: day.basis });
        }
      }
      for (const day of data.workdays) {
        const epoch = toEpochDay(day.date);
        if (yearOfEpochDay(epoch) === y) {
          const existing = special.get(epoch);
          if (existing && !existing.working) {
            throw new Error(`Calendar configuration: ${day.date} is both a day off and a workday`);
          }
          special.set(epoch, {
            working: true,
            reason: "compensating-workday",
            name: day.name,
            basis: day.basis,
          });
        }
      }
    }
  }

  function status(epoch: number): DayStatus {
    ensureLoaded(yearOfEpochDay(epoch));
    const found = special.get(epoch);
    if (found) return found;
    if (weekend.has(weekdayOfEpochDay(epoch)))
      return { working: false, reason: "weekend", basis: config.weekend.basis };
    return { working: true, reason: "weekday" };
  }

  const isWorking = (epoch: number) => status(epoch).working;

  // The years whose announcements can touch year y; the lunar rules have no
  // data beyond LUNAR_SUPPORTED_YEARS, so the edges look at one side only.
  function neighbours(y: number): number[] {
    return [y - 1, y, y + 1].filter(
      (source) =>
        source === y || (source >= LUNAR_SUPPORTED_YEARS.from && source <= LUNAR_SUPPORTED_YEARS.to),
    );
  }

  function step(epoch: number, direction: 1 | -1): number {
    let next = epoch + direction;
    let guard = 0;
    while (!isWorking(next)) {
      next += direction;
      if (++guard > MAX_DAYS_WITHOUT_WORK) {
        throw new Error(
          `Calendar configuration: no working day within ${MAX_DAYS_WITHOUT_WORK} days of ${fromEpochDay(epoch)}`,
        );
      }
    }
    return next;
  }

  function checkCount(n: number): void {
    if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  }

  return {
    config,
    isWorkingDay: (date) => isWorking(toEpochDay(date)),
    describeDay: (date) => ({ date, ...status(toEpochDay(date)) }),
    addWorkingDays(date, n) {
      checkCount(n);
      let epoch = toEpochDay(date);
      const direction = n < 0 ? -1 : 1;
      for (let i = 0; i < Math.abs(n); i++) epoch = step(epoch, direction);
      return fromEpochDay(epoch);
    },
    addCalendarDays(date, n) {
      checkCount(n);
      return fromEpochDay(toEpochDay(date) + n);
    },
    workingDaysBetween(a, b) {
      const from = toEpochDay(a);
      const to = toEpochDay(b);
      if (to < from) return -countWorking(to, from);
      return countWorking(from, to);
    },
    holidaysIn(y) {
      return neighbours(y)
        .flatMap((source) => year(source).daysOff)
        .filter((day) => day.date.startsWith(`${y}-`))
        .filter((day, index, all) => all.findIndex((other) => other.date === day.date) === index)
        .sort((p, q) => (p.date < q.date ? -1 : 1));
    },
    compensatingWorkdaysIn(y) {
      return neighbours(y)
        .flatMap((source) => year(source).workdays)
        .filter((day) => day.date.startsWith(`${y}-`))
        .sort((p, q) => (p.date < q.date ? -1 : 1));
    },
    nextWorkingDayOnOrAfter(date) {
      const epoch = toEpochDay(date);
      return fromEpochDay(isWorking(epoch) ? epoch : step(epoch, 1));
    },
    previousWorkingDayOnOrBefore(date) {
      const epoch = toEpochDay(date);
      return fromEpochDay(isWorking(epoch) ? epoch : step(epoch, -1));
    },
  };

  /** Working days in (from, to]. */
  function countWorking(from: number, to: number): number {
    let count = 0;
    for (let epoch = from + 1; epoch <= to; epoch++) if (isWorking(epoch)) count++;
    return count;
  }
}

let shared: WorkingCalendar | undefined;

/** The default calendar (Vietnamese state bodies, announced years included), built once. */
export function defaultWorkingCalendar(): WorkingCalendar {
  shared ??= createWorkingCalendar();
  return shared;
}

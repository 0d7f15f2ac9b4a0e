import type { Due } from "../../../common/plan-tree.ts";
import { daysInMonth, formatIsoDate, type IsoDate, type LocalizedName } from "../../lib/calendar/index.ts";
import {
  type PeriodRef,
  parsePeriodKey,
  periodContaining,
  periodLabel,
  REPORTING_PERIOD_RULES,
  type ReportingFrequency,
  reportingPeriod,
  shift,
} from "../../lib/periods.ts";

/**
 * When a task is due, pure. A one-off task has one occurrence ("once"); a recurring one
 * ("hằng năm", "định kỳ 6 tháng", quarterly, monthly) one per reporting period of Nghị định
 * 09/2019 (server/lib/periods.ts), from the plan's date until the period after today's.
 */

export const ONCE = "once";

export interface Occurrence {
  key: string;
  dueDate: IsoDate | null;
  /** The first day of the period's data window; null for a one-off task. */
  startsOn: IsoDate | null;
}

/** The last day a partial date allows: "2025" → 31/12/2025, "2025-09" → 30/09/2025. */
export function lastDayOf(partial: string): IsoDate {
  const [year, month, day] = partial.split("-").map(Number);
  if (day) return partial;
  if (month) return formatIsoDate(year, month, daysInMonth(year, month));
  return formatIsoDate(year, 12, 31);
}

const isRecurring = (due: Due | null): due is Due & { recurrence: ReportingFrequency } =>
  !!due?.recurrence && due.recurrence !== "once";

/**
 * The due day within one period. The plan's day ("trước ngày 10/12 hằng năm": month 12, day 10)
 * counts from the period's last month, the given month keeping its place within the period
 * (10/12 of a half-year → 10/6 and 10/12); a month without a day means its last day; with
 * neither, the period's default deadline (cut-off plus the configured working days). `monthsAfter`
 * puts the day in a month after the period ("trước ngày 5 của tháng đầu quý sau" → 5/4 for Q1).
 */
export function dueInPeriod(due: Due, ref: PeriodRef): IsoDate {
  const period = reportingPeriod(ref);
  if (!due.day && !due.month) return period.deadline;
  const months = REPORTING_PERIOD_RULES.monthsPerPeriod[ref.frequency];
  const lastMonth = ref.index * months;
  // a day after the period's end ("ngày 5 của tháng đầu quý sau": monthsAfter 1) counts past its last month
  const monthOffset = due.monthsAfter
    ? due.monthsAfter
    : due.month
      ? -((((lastMonth - due.month) % months) + months) % months)
      : 0;
  return reportingPeriod(ref, { planDeadline: { day: due.day ?? 31, monthOffset } }).deadline;
}

/** Every occurrence of a task's due from the plan's date (`from`) until the period after today's. */
export function occurrencesOf(due: Due | null, from: IsoDate, today: IsoDate): Occurrence[] {
  if (!isRecurring(due)) {
    return [{ key: ONCE, dueDate: due?.date ? lastDayOf(due.date) : null, startsOn: null }];
  }
  const frequency = due.recurrence;
  const last = shift(periodContaining(frequency, today > from ? today : from), 1);
  const result: Occurrence[] = [];
  for (let ref: PeriodRef = periodContaining(frequency, from); ; ref = shift(ref, 1)) {
    const period = reportingPeriod(ref);
    result.push({ key: period.key, dueDate: dueInPeriod(due, ref), startsOn: period.window.start });
    if (ref.year === last.year && ref.index === last.index) break;
  }
  return result;
}

export function occurrenceLabel(key: string): LocalizedName {
  if (key === ONCE) return { vi: "Một lần", en: "Once" };
  try {
    return periodLabel(parsePeriodKey(key));
  } catch {
    return { vi: key, en: key };
  }
}

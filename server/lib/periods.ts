/**
 * Reporting periods (kỳ báo cáo) under Nghị định 09/2019/NĐ-CP.
 *
 * Every period's data window ends on the cut-off day of its last month and
 * starts the day after the previous period's cut-off (Điều 12): monthly
 * 15/(m-1)–14/m; quarterly 15th of the month before the quarter to the 14th of
 * its last month; half-yearly 15/12–14/6 and 15/6–14/12; yearly 15/12 of the
 * previous year to 14/12. The sending deadline defaults to a number of working
 * days after the cut-off; a plan may set its own day ("trước ngày 10/12 hằng
 * năm"), which replaces the deadline but not the window.
 */
import {
  addDays,
  daysInMonth,
  defaultWorkingCalendar,
  formatIsoDate,
  type IsoDate,
  type LocalizedName,
  parseIsoDate,
  type WorkingCalendar,
} from "./calendar/index.ts";

export type ReportingFrequency = "monthly" | "quarterly" | "half-yearly" | "yearly";

export interface PeriodRef {
  frequency: ReportingFrequency;
  year: number;
  /** Month 1–12, quarter 1–4, half 1–2, or 1 for a year. */
  index: number;
}

/** A day counted from the period's last month: `{ day: 10 }` of a yearly period is 10/12. */
export interface PlanDayRule {
  day: number;
  /** Months after (positive) or before (negative) the period's last month. */
  monthOffset?: number;
  /** The plan's own words, kept for display and audit. */
  clause?: string;
}

export interface PeriodOptions {
  calendar?: WorkingCalendar;
  /** Working days between the cut-off and the default deadline. */
  deadlineOffsetWorkingDays?: number;
  /** The plan's own sending deadline. */
  planDeadline?: PlanDayRule;
  /** The plan's own cut-off day, when it sets one; otherwise the window stays the default. */
  planCutOff?: PlanDayRule;
}

export interface DateWindow {
  start: IsoDate;
  end: IsoDate;
}

export interface ReportingPeriod extends PeriodRef {
  key: string;
  label: LocalizedName;
  /** The window of Điều 12 (cut-off on the 14th). */
  defaultWindow: DateWindow;
  /** The window in force: the plan's, when it sets a cut-off, else the default one. */
  window: DateWindow;
  windowSource: "default" | "plan";
  /** The deadline the default rule gives: the configured working days after the cut-off in force. */
  defaultDeadline: IsoDate;
  /** The deadline in force: the plan's own day, when it sets one, else `defaultDeadline`. */
  deadline: IsoDate;
  deadlineSource: "default" | "plan";
  /** The effective deadline is on or before the cut-off: data after it goes unreported in this period. */
  deadlineBeforeCutOff: boolean;
  basis: string[];
}

export const REPORTING_PERIOD_RULES = {
  cutOff: {
    day: 14,
    basis: "Nghị định 09/2019/NĐ-CP, Điều 12 (thời gian chốt số liệu báo cáo định kỳ)",
  },
  deadline: {
    offsetWorkingDays: 1,
    basis:
      "Nghị định 09/2019/NĐ-CP: thời hạn gửi báo cáo ít nhất 01 ngày làm việc sau thời gian chốt số liệu (khoản cần đối chiếu với văn bản)",
  },
  planOverride: {
    basis: "Thời hạn riêng do kế hoạch của cơ quan ban hành quy định",
  },
  monthsPerPeriod: { monthly: 1, quarterly: 3, "half-yearly": 6, yearly: 12 },
} as const;

const PERIODS_PER_YEAR: Record<ReportingFrequency, number> = {
  monthly: 12,
  quarterly: 4,
  "half-yearly": 2,
  yearly: 1,
};
const ROMAN = ["I", "II", "III", "IV"];
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function periodKey(ref: PeriodRef): string {
  checkRef(ref);
  switch (ref.frequency) {
    case "yearly":
      return String(ref.year);
    case "half-yearly":
      return `${ref.year}-H${ref.index}`;
    case "quarterly":
      return `${ref.year}-Q${ref.index}`;
    case "monthly":
      return `${ref.year}-${String(ref.index).padStart(2, "0")}`;
  }
}

/** "2024" (yearly), "2024-H1", "2024-Q2", "2024-03" (monthly). */
export function parsePeriodKey(key: string): PeriodRef {
  const match = /^(\d{4})(?:-(H|Q)?(\d{1,2}))?$/.exec(key);
  if (!match) throw new RangeError(`Not a period key: ${JSON.stringify(key)}`);
  const year = Number(match[1]);
  const ref: PeriodRef =
    match[3] === undefined
      ? { frequency: "yearly", year, index: 1 }
      : match[2] === "H"
        ? { frequency: "half-yearly", year, index: Number(match[3]) }
        : match[2] === "Q"
          ? { frequency: "quarterly", year, index: Number(match[3]) }
          : { frequency: "monthly", year, index: Number(match[3]) };
  if (ref.frequency === "monthly" && match[3].length !== 2) throw new RangeError(`Not a period key: ${key}`);
  checkRef(ref);
  return ref;
}

export function periodLabel(ref: PeriodRef): LocalizedName {
  checkRef(ref);
  const { year, index } = ref;
  switch (ref.frequency) {
    case "yearly":
      return { vi: `Năm ${year}`, en: `Year ${year}` };
    case "half-yearly":
      return index === 1
        ? { vi: `6 tháng đầu năm ${year}`, en: `First half of ${year}` }
        : { vi: `6 tháng cuối năm ${year}`, en: `Second half of ${year}` };
    case "quarterly":
      return { vi: `Quý ${ROMAN[index - 1]}/${year}`, en: `Q${index} ${year}` };
    case "monthly":
      return { vi: `Tháng ${index}/${year}`, en: `${MONTHS_EN[index - 1]} ${year}` };
  }
}

export function reportingPeriod(refOrKey: PeriodRef | string, options: PeriodOptions = {}): ReportingPeriod {
  const ref = typeof refOrKey === "string" ? parsePeriodKey(refOrKey) : refOrKey;
  checkRef(ref);
  const calendar = options.calendar ?? defaultWorkingCalendar();
  const offset = options.deadlineOffsetWorkingDays ?? REPORTING_PERIOD_RULES.deadline.offsetWorkingDays;
  if (!Number.isInteger(offset) || offset < 1) {
    throw new RangeError(`The deadline must be at least one working day after the cut-off: ${offset}`);
  }
  const defaultRule: PlanDayRule = { day: REPORTING_PERIOD_RULES.cutOff.day };
  const defaultWindow = windowOf(ref, defaultRule);
  const window = options.planCutOff ? windowOf(ref, options.planCutOff) : defaultWindow;
  if (window.start > window.end)
    throw new RangeError(`The plan's cut-off leaves ${periodKey(ref)} an empty window`);
  const defaultDeadline = calendar.addWorkingDays(window.end, offset);
  const deadline = options.planDeadline ? dayOfPeriod(ref, options.planDeadline) : defaultDeadline;

  const basis: string[] = [REPORTING_PERIOD_RULES.cutOff.basis];
  if (options.planCutOff || options.planDeadline) {
    const clauses = [options.planCutOff?.clause, options.planDeadline?.clause].filter(Boolean).join("; ");
    basis.push(
      clauses
        ? `${REPORTING_PERIOD_RULES.planOverride.basis}: ${clauses}`
        : REPORTING_PERIOD_RULES.planOverride.basis,
    );
  }
  if (!options.planDeadline) basis.push(REPORTING_PERIOD_RULES.deadline.basis);

  return {
    ...ref,
    key: periodKey(ref),
    label: periodLabel(ref),
    defaultWindow,
    window,
    windowSource: options.planCutOff ? "plan" : "default",
    defaultDeadline,
    deadline,
    deadlineSource: options.planDeadline ? "plan" : "default",
    deadlineBeforeCutOff: deadline <= window.end,
    basis,
  };
}

/** The period of `frequency` whose data window holds `date`. */
export function periodContaining(
  frequency: ReportingFrequency,
  date: IsoDate,
  options: PeriodOptions = {},
): ReportingPeriod {
  const { year, month } = parseIsoDate(date);
  const months = REPORTING_PERIOD_RULES.monthsPerPeriod[frequency];
  let ref: PeriodRef = { frequency, year, index: Math.floor((month - 1) / months) + 1 };
  // A cut-off moves the boundary by a few days to weeks: step at most a couple of periods.
  for (let guard = 0; guard < 4; guard++) {
    const period = reportingPeriod(ref, options);
    if (date < period.window.start) ref = shift(ref, -1);
    else if (date > period.window.end) ref = shift(ref, 1);
    else return period;
  }
  throw new Error(`No ${frequency} period holds ${date}`);
}

/** The periods whose data windows intersect [from, to], in order. */
export function periodsIntersecting(
  frequency: ReportingFrequency,
  from: IsoDate,
  to: IsoDate,
  options: PeriodOptions = {},
): ReportingPeriod[] {
  parseIsoDate(to);
  if (to < from) throw new RangeError(`The range ends (${to}) before it starts (${from})`);
  const periods: ReportingPeriod[] = [];
  let period = periodContaining(frequency, from, options);
  while (period.window.start <= to) {
    periods.push(period);
    period = reportingPeriod(shift(period, 1), options);
  }
  return periods;
}

export function shift(ref: PeriodRef, by: number): PeriodRef {
  const perYear = PERIODS_PER_YEAR[ref.frequency];
  const ordinal = ref.year * perYear + (ref.index - 1) + by;
  return { frequency: ref.frequency, year: Math.floor(ordinal / perYear), index: (ordinal % perYear) + 1 };
}

function windowOf(ref: PeriodRef, cutOff: PlanDayRule): DateWindow {
  return { start: addDays(dayOfPeriod(shift(ref, -1), cutOff), 1), end: dayOfPeriod(ref, cutOff) };
}

/**
 * A day counted from the period's last month. A day the month lacks (31/6)
 * becomes its last day, as Bộ luật Dân sự 2015 Điều 148 khoản 3 does for months.
 */
function dayOfPeriod(ref: PeriodRef, rule: PlanDayRule): IsoDate {
  if (!Number.isInteger(rule.day) || rule.day < 1 || rule.day > 31)
    throw new RangeError(`Day out of range: ${rule.day}`);
  const lastMonth = ref.index * REPORTING_PERIOD_RULES.monthsPerPeriod[ref.frequency];
  const ordinal = ref.year * 12 + (lastMonth - 1) + (rule.monthOffset ?? 0);
  const year = Math.floor(ordinal / 12);
  const month = (ordinal % 12) + 1;
  return formatIsoDate(year, month, Math.min(rule.day, daysInMonth(year, month)));
}

function checkRef(ref: PeriodRef): void {
  const perYear = PERIODS_PER_YEAR[ref.frequency];
  if (perYear === undefined) throw new RangeError(`Unknown frequency: ${String(ref.frequency)}`);
  if (!Number.isInteger(ref.year) || ref.year < 1900 || ref.year > 2199)
    throw new RangeError(`Year out of range: ${ref.year}`);
  if (!Number.isInteger(ref.index) || ref.index < 1 || ref.index > perYear) {
    throw new RangeError(`No ${ref.frequency} period ${ref.index} in a year`);
  }
}

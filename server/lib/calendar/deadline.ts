/**
 * Deadlines of legal clocks (complaints, denunciations, petitions, reports).
 *
 * A clock counts either working days or calendar days, as the law that sets it
 * writes. Both start the day after the event (Bộ luật Dân sự 2015, Điều 147
 * khoản 2–3), and a calendar-day deadline that lands on a day off ends on the
 * next working day (Điều 148 khoản 5) unless the law governing the clock says
 * otherwise (`endOnWorkingDay: false`).
 */
import { type IsoDate, parseIsoDate } from "./iso-date.ts";
import { defaultWorkingCalendar, type WorkingCalendar } from "./working-days.ts";

export type DeadlineUnit = "working-days" | "calendar-days";

export interface DeadlineInput {
  /** The event the clock starts from (received, accepted, decided); not itself counted. */
  start: IsoDate;
  amount: number;
  unit: DeadlineUnit;
  /** Move a deadline that falls on a day off to the next working day. Default: true. */
  endOnWorkingDay?: boolean;
}

export interface Deadline {
  /** The last day on which the act is in time. */
  due: IsoDate;
  /** The day reached by counting alone, before any move to a working day. */
  counted: IsoDate;
  movedToWorkingDay: boolean;
  basis: string[];
}

export const DEADLINE_RULES = {
  startDayNotCounted: {
    basis: "Bộ luật Dân sự 2015, Điều 147 khoản 2, 3 (ngày đầu tiên, ngày xảy ra sự kiện không được tính)",
  },
  lastDayOffMovesToNextWorkingDay: {
    basis:
      "Bộ luật Dân sự 2015, Điều 148 khoản 5 (ngày cuối cùng là ngày nghỉ cuối tuần, ngày nghỉ lễ thì kết thúc vào ngày làm việc tiếp theo)",
  },
} as const;

export function computeDeadline(
  input: DeadlineInput,
  calendar: WorkingCalendar = defaultWorkingCalendar(),
): Deadline {
  const { start, amount, unit } = input;
  parseIsoDate(start);
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`A deadline needs a whole, non-negative number of days: ${amount}`);
  }
  if (unit !== "working-days" && unit !== "calendar-days")
    throw new RangeError(`Unknown unit: ${String(unit)}`);
  const basis: string[] = [DEADLINE_RULES.startDayNotCounted.basis];
  const counted =
    unit === "working-days"
      ? calendar.addWorkingDays(start, amount)
      : calendar.addCalendarDays(start, amount);

  const endOnWorkingDay = input.endOnWorkingDay ?? true;
  const due = endOnWorkingDay ? calendar.nextWorkingDayOnOrAfter(counted) : counted;
  const movedToWorkingDay = due !== counted;
  if (movedToWorkingDay) basis.push(DEADLINE_RULES.lastDayOffMovesToNextWorkingDay.basis);
  return { due, counted, movedToWorkingDay, basis };
}

export {
  computeDeadline,
  DEADLINE_RULES,
  type Deadline,
  type DeadlineInput,
  type DeadlineUnit,
} from "./deadline.ts";
export {
  type AdjacentDayRule,
  type AnnouncedDay,
  type AnnouncedDayOff,
  type DayOff,
  type DayOffKind,
  defaultLunarNewYearDays,
  type FixedHolidayRule,
  generateYear,
  type HolidayConfig,
  type HolidayKey,
  type LocalizedName,
  type LunarNewYearRule,
  type SubstituteRule,
  VN_PUBLIC_SERVICE_CALENDAR,
  type Weekday,
  type WeekendRule,
  type YearArrangement,
} from "./holidays.ts";
export {
  addDays,
  compareIsoDates,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  type IsoDate,
  isIsoDate,
  parseIsoDate,
  todayInVietnam,
  VIETNAM_UTC_OFFSET_HOURS,
  weekday,
} from "./iso-date.ts";
export {
  formatLunarDate,
  LUNAR_SUPPORTED_YEARS,
  type LunarDate,
  type LunarDateInput,
  leapMonthOf,
  lunarMonthLength,
  lunarNewYearDay,
  lunarToSolar,
  solarToLunar,
} from "./lunar.ts";
export { VN_ANNOUNCED_YEARS } from "./vn-announced.ts";
export {
  createWorkingCalendar,
  type DayStatus,
  defaultWorkingCalendar,
  mergeCalendarConfig,
  type WorkingCalendar,
} from "./working-days.ts";

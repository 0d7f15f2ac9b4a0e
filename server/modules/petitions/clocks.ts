import type { ClockFlag, ClockPurpose, ClockStart, PetitionKind } from "../../../common/schemas/petitions.ts";
import {
  computeDeadline,
  type DeadlineUnit,
  type IsoDate,
  type WorkingCalendar,
} from "../../lib/calendar/index.ts";
import type { PetitionSettings } from "./settings.ts";

/**
 * The legal clocks of citizens' matters, as configuration: each with its legal basis, the event
 * it starts from, its unit (calendar days or working days, as the law writes), the days that
 * apply under each flag, and how it may be extended. `check` says what a lawyer of the province
 * must confirm before the numbers are relied on; `provinceRule` marks a clock set by the
 * province's own regulation rather than by a law.
 *
 * Counting (the start day not counted; a last day that is a day off moves to the next working
 * day) is the calendar's: Bộ luật Dân sự 2015, Điều 147–148 (server/lib/calendar/deadline.ts).
 */

export interface DaysVariant {
  /** All of these flags must be set; the variant with the most matching flags wins. */
  flags: ClockFlag[];
  days: number;
}

export type ExtensionRule =
  /** The extension moves the clock to the days of a flag ("vụ việc phức tạp": 30 → 45). */
  | { mode: "to-flag"; flag: ClockFlag; basis: string }
  /** Each extension adds days, up to `maxCount`; the second and later need `laterNeeds`. */
  | { mode: "add"; days: number; maxCount: number; laterNeeds?: ClockFlag; basis: string };

export interface ClockRule {
  key: string;
  kind: PetitionKind;
  purpose: ClockPurpose;
  startsFrom: ClockStart;
  unit: DeadlineUnit;
  days: number;
  variants: DaysVariant[];
  extension: ExtensionRule | null;
  basis: string;
  check: string | null;
  provinceRule: boolean;
  /** The handling unit is warned before it runs out (the citizen's own windows are not). */
  warn: boolean;
}

const CALENDAR_DAYS_CHECK =
  "Luật viết “ngày”, không ghi “ngày làm việc”: ở đây tính theo ngày lịch. Cần Thanh tra tỉnh xác nhận cách tính, đối chiếu Nghị định 124/2020/NĐ-CP.";

function petitionRules(kind: "phan-anh" | "kien-nghi", settings: PetitionSettings): ClockRule[] {
  // The province's own rule (its days are settings): the basis is shown to citizens as it reads in
  // law, without a remark on configuration; what an operator must check is in `check`.
  const provinceBasis = "Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của tỉnh";
  return [
    {
      key: `${kind}.route`,
      kind,
      purpose: "route",
      startsFrom: "received",
      unit: "working-days",
      days: settings.routeWorkingDays,
      variants: [],
      extension: null,
      basis: `${provinceBasis}: chuyển đến cơ quan có thẩm quyền trong ${settings.routeWorkingDays} ngày làm việc`,
      check: "Đặt theo quy chế của tỉnh (PETITION_ROUTE_WORKING_DAYS).",
      provinceRule: true,
      warn: true,
    },
    {
      key: `${kind}.answer`,
      kind,
      purpose: "answer",
      startsFrom: "received",
      unit: "working-days",
      days: settings.answerWorkingDays,
      variants: [],
      extension:
        settings.extensionWorkingDays > 0
          ? {
              mode: "add",
              days: settings.extensionWorkingDays,
              maxCount: 1,
              basis: `${provinceBasis}: gia hạn một lần, ${settings.extensionWorkingDays} ngày làm việc`,
            }
          : null,
      basis: `${provinceBasis}: trả lời trong ${settings.answerWorkingDays} ngày làm việc kể từ ngày tiếp nhận`,
      check:
        "Đặt theo quy chế của tỉnh (PETITION_ANSWER_WORKING_DAYS). Phản ánh, kiến nghị về quy định hành chính theo Nghị định 20/2008/NĐ-CP có thời hạn riêng: kiểm tra loại nào áp dụng.",
      provinceRule: true,
      warn: true,
    },
  ];
}

const COMPLAINT_RULES: ClockRule[] = [
  {
    key: "khieu-nai.accept",
    kind: "khieu-nai",
    purpose: "accept",
    startsFrom: "received",
    unit: "calendar-days",
    days: 10,
    variants: [],
    extension: null,
    basis:
      "Luật Khiếu nại 2011, Điều 27: thụ lý hoặc thông báo không thụ lý (nêu rõ lý do) trong 10 ngày kể từ ngày nhận được khiếu nại",
    check: CALENDAR_DAYS_CHECK,
    provinceRule: false,
    warn: true,
  },
  {
    key: "khieu-nai.resolve",
    kind: "khieu-nai",
    purpose: "resolve",
    startsFrom: "accepted",
    unit: "calendar-days",
    days: 30,
    variants: [
      { flags: ["complex"], days: 45 },
      { flags: ["remoteArea"], days: 45 },
      { flags: ["remoteArea", "complex"], days: 60 },
      { flags: ["secondInstance"], days: 45 },
      { flags: ["secondInstance", "complex"], days: 60 },
      { flags: ["secondInstance", "remoteArea"], days: 60 },
      { flags: ["secondInstance", "remoteArea", "complex"], days: 70 },
    ],
    extension: {
      mode: "to-flag",
      flag: "complex",
      basis: "Luật Khiếu nại 2011, Điều 28 (lần đầu), Điều 37 (lần hai): vụ việc phức tạp được kéo dài",
    },
    basis:
      "Luật Khiếu nại 2011, Điều 28: giải quyết lần đầu không quá 30 ngày kể từ ngày thụ lý, phức tạp 45; vùng sâu, vùng xa 45, phức tạp 60. Điều 37: lần hai 45, phức tạp 60; vùng sâu, vùng xa 60, phức tạp 70",
    check: CALENDAR_DAYS_CHECK,
    provinceRule: false,
    warn: true,
  },
  {
    key: "khieu-nai.appeal",
    kind: "khieu-nai",
    purpose: "appeal",
    startsFrom: "decision",
    unit: "calendar-days",
    days: 30,
    variants: [{ flags: ["remoteArea"], days: 45 }],
    extension: null,
    basis:
      "Luật Khiếu nại 2011, Điều 33 khoản 1: không đồng ý với quyết định giải quyết lần đầu thì khiếu nại lần hai trong 30 ngày kể từ ngày nhận quyết định; vùng sâu, vùng xa không quá 45 ngày",
    check: `${CALENDAR_DAYS_CHECK} Thời hạn của công dân, tính từ ngày nhận quyết định (ở đây: ngày công bố).`,
    provinceRule: false,
    warn: false,
  },
];

const DENUNCIATION_RULES: ClockRule[] = [
  {
    key: "to-cao.accept",
    kind: "to-cao",
    purpose: "accept",
    startsFrom: "received",
    unit: "working-days",
    days: 7,
    variants: [{ flags: ["severalPlaces"], days: 10 }],
    extension: {
      mode: "to-flag",
      flag: "severalPlaces",
      basis: "Luật Tố cáo 2018, Điều 24 khoản 1: xác minh ở nhiều địa điểm, không quá 10 ngày làm việc",
    },
    basis:
      "Luật Tố cáo 2018, Điều 24 khoản 1: vào sổ, phân loại, xử lý ban đầu, kiểm tra điều kiện thụ lý trong 7 ngày làm việc (10 nếu xác minh ở nhiều địa điểm); Điều 29: quyết định thụ lý",
    check:
      "Cần kiểm tra nguyên văn Điều 24 và Điều 29 Luật Tố cáo 2018 (và Nghị định 31/2019/NĐ-CP) trước khi dùng: số ngày và mốc bắt đầu của việc thụ lý.",
    provinceRule: false,
    warn: true,
  },
  {
    key: "to-cao.resolve",
    kind: "to-cao",
    purpose: "resolve",
    startsFrom: "accepted",
    unit: "calendar-days",
    days: 30,
    variants: [],
    extension: {
      mode: "add",
      days: 30,
      maxCount: 2,
      laterNeeds: "veryComplex",
      basis:
        "Luật Tố cáo 2018, Điều 30: phức tạp gia hạn một lần không quá 30 ngày; đặc biệt phức tạp gia hạn hai lần, mỗi lần không quá 30 ngày; quyết định gia hạn bằng văn bản",
    },
    basis:
      "Luật Tố cáo 2018, Điều 30 khoản 1: giải quyết không quá 30 ngày kể từ ngày thụ lý; gia hạn tối đa hai lần, tổng không quá 90 ngày",
    check: CALENDAR_DAYS_CHECK,
    provinceRule: false,
    warn: true,
  },
];

/** Every rule of a kind, in the order the clocks run. */
export function clockRules(kind: PetitionKind, settings: PetitionSettings): ClockRule[] {
  if (kind === "khieu-nai") return COMPLAINT_RULES;
  if (kind === "to-cao") return DENUNCIATION_RULES;
  return petitionRules(kind, settings);
}

export function ruleByKey(key: string, kind: PetitionKind, settings: PetitionSettings): ClockRule | null {
  return clockRules(kind, settings).find((rule) => rule.key === key) ?? null;
}

/** The days a rule gives under the flags: the most specific matching variant, else the base. */
export function daysFor(rule: ClockRule, flags: readonly ClockFlag[]): number {
  let best: DaysVariant | null = null;
  for (const variant of rule.variants) {
    if (!variant.flags.every((flag) => flags.includes(flag))) continue;
    if (!best || variant.flags.length >= best.flags.length) best = variant;
  }
  return best ? best.days : rule.days;
}

/** Only the flags a rule knows about are kept on its clock. */
export function relevantFlags(rule: ClockRule, flags: readonly ClockFlag[]): ClockFlag[] {
  const known = new Set<ClockFlag>(rule.variants.flatMap((variant) => variant.flags));
  if (rule.extension?.mode === "to-flag") known.add(rule.extension.flag);
  if (rule.extension?.mode === "add" && rule.extension.laterNeeds) known.add(rule.extension.laterNeeds);
  return flags.filter((flag) => known.has(flag));
}

export interface PlannedClock {
  ruleKey: string;
  purpose: ClockPurpose;
  startsFrom: ClockStart;
  startDate: IsoDate;
  unit: DeadlineUnit;
  baseDays: number;
  extendedDays: number;
  dueDate: IsoDate;
  flags: ClockFlag[];
  basis: string;
  check: string | null;
}

export function planClock(
  rule: ClockRule,
  start: IsoDate,
  flags: readonly ClockFlag[],
  calendar: WorkingCalendar,
  extendedDays = 0,
): PlannedClock {
  const kept = relevantFlags(rule, flags);
  const baseDays = daysFor(rule, kept);
  const { due } = computeDeadline({ start, amount: baseDays + extendedDays, unit: rule.unit }, calendar);
  return {
    ruleKey: rule.key,
    purpose: rule.purpose,
    startsFrom: rule.startsFrom,
    startDate: start,
    unit: rule.unit,
    baseDays,
    extendedDays,
    dueDate: due,
    flags: kept,
    basis: rule.basis,
    check: rule.check,
  };
}

export type ExtensionPlan =
  | { ok: true; days: number; flag: ClockFlag | null; basis: string }
  | { ok: false; reason: "not_extendable" | "limit_reached" | "needs_flag"; flag?: ClockFlag };

/** What one more extension of a clock would add, or why the law allows none. */
export function planExtension(
  rule: ClockRule,
  clock: { flags: readonly ClockFlag[]; extensionCount: number },
  request: { veryComplex?: boolean },
): ExtensionPlan {
  const extension = rule.extension;
  if (!extension) return { ok: false, reason: "not_extendable" };
  if (extension.mode === "to-flag") {
    if (clock.flags.includes(extension.flag)) return { ok: false, reason: "limit_reached" };
    const now = daysFor(rule, clock.flags);
    const after = daysFor(rule, [...clock.flags, extension.flag]);
    return { ok: true, days: after - now, flag: extension.flag, basis: extension.basis };
  }
  if (clock.extensionCount >= extension.maxCount) return { ok: false, reason: "limit_reached" };
  if (clock.extensionCount >= 1 && extension.laterNeeds) {
    const flagged = clock.flags.includes(extension.laterNeeds) || request.veryComplex === true;
    if (!flagged) return { ok: false, reason: "needs_flag", flag: extension.laterNeeds };
    return {
      ok: true,
      days: extension.days,
      flag: clock.flags.includes(extension.laterNeeds) ? null : extension.laterNeeds,
      basis: extension.basis,
    };
  }
  return { ok: true, days: extension.days, flag: null, basis: extension.basis };
}

/** The clocks that tell whether the matter itself was handled in time. */
export const FINAL_PURPOSES: readonly ClockPurpose[] = ["answer", "resolve"];

import type { TFunction } from "i18next";
import { PETITION_CATEGORIES, type PetitionStatus } from "../../../../common/schemas/petitions.ts";
import type { UnitStats } from "./api.ts";

/** Colours of the status tags: open work in blue shades, the two closings kept visibly apart. */
export const STATUS_COLORS: Record<PetitionStatus, string> = {
  received: "purple",
  assigned: "blue",
  accepted: "geekblue",
  answered: "cyan",
  closed_resolved: "green",
  closed_unresolved: "volcano",
  refused: "default",
  merged: "default",
};

export type ClockTone = "none" | "ok" | "warning" | "overdue";

type ClockFields = {
  dueDate: string | null;
  overdue: boolean;
  dueSoon: boolean;
  workingDaysLeft: number | null;
};

/** How a petition's nearest running deadline reads: read from the server's figures, not re-derived. */
export function clockTone(p: ClockFields): ClockTone {
  if (p.dueDate === null) return "none";
  if (p.overdue) return "overdue";
  if (p.dueSoon) return "warning";
  return "ok";
}

export const TONE_COLORS: Record<ClockTone, string> = {
  none: "default",
  ok: "green",
  warning: "orange",
  overdue: "red",
};

/** "còn 4 ngày làm việc", "hết hạn hôm nay", "quá hạn 2 ngày làm việc". */
export function clockText(t: TFunction, p: ClockFields): string {
  if (p.dueDate === null || p.workingDaysLeft === null) return t("petitions.clock.none");
  if (p.overdue) {
    const late = -p.workingDaysLeft;
    return late > 0 ? t("petitions.clock.overdueBy", { count: late }) : t("petitions.clock.overdue");
  }
  if (p.workingDaysLeft === 0) return t("petitions.clock.dueToday");
  return t("petitions.clock.daysLeft", { count: p.workingDaysLeft });
}

export function categoryLabel(code: string | null, language: string): string | null {
  if (!code) return null;
  const found = PETITION_CATEGORIES.find((c) => c.code === code);
  if (!found) return code;
  return language === "en" ? found.en : found.vi;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A share 0–1 as a whole percentage, or "—" when nobody was asked. */
export function percent(share: number | null): string {
  return share === null ? "—" : `${Math.round(share * 100)}%`;
}

/** The sum over units; the average rating weighted by the number of ratings. */
export function totalOf(items: UnitStats[]): Omit<UnitStats, "unitId" | "unitName"> {
  const sum = (pick: (u: UnitStats) => number) => items.reduce((n, u) => n + pick(u), 0);
  const ratings = sum((u) => u.ratings);
  const followUps = sum((u) => u.followUps);
  const resolved = sum((u) => Math.round((u.resolvedOnFollowUpShare ?? 0) * u.followUps));
  return {
    received: sum((u) => u.received),
    answered: sum((u) => u.answered),
    answeredOnTime: sum((u) => u.answeredOnTime),
    overdue: sum((u) => u.overdue),
    closedResolved: sum((u) => u.closedResolved),
    closedUnresolved: sum((u) => u.closedUnresolved),
    ratings,
    averageRating:
      ratings > 0 ? Math.round((sum((u) => (u.averageRating ?? 0) * u.ratings) / ratings) * 100) / 100 : null,
    followUps,
    resolvedOnFollowUpShare: followUps > 0 ? resolved / followUps : null,
  };
}

/** Digits with the usual separators, 9 to 12 of them: "0912 345 678", "+84.912.345.678". */
export function plausiblePhone(value: string): boolean {
  const trimmed = value.trim();
  if (!/^[+]?[\d\s.()-]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, "").length;
  return digits >= 9 && digits <= 12;
}

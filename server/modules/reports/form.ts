import type { PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import { AppError } from "../../lib/errors.ts";
import { foldVietnamese } from "../../lib/vi-text.ts";
import type { FormHeading, FormIndicator } from "./tables.ts";

/**
 * The report form of a plan, pure: a narrative per task heading and an indicator table.
 * Headings come from the plan's tree; indicators from the plan's configuration (a default set
 * for a plan on national unity, changed by the coordinator, each change a new form version).
 */

const containsTask = (item: PlanItem): boolean => item.kind === "task" || item.children.some(containsTask);

/**
 * The headings a unit reports under, in the plan's order: each heading right under a section
 * that holds tasks ("II.1" … "II.8"), and a section whose tasks sit right under it ("III")
 * once. Sections of purposes and requirements (statements only) ask for no narrative.
 */
export function formHeadings(tree: Pick<PlanTree, "items">): FormHeading[] {
  const result: FormHeading[] = [];
  for (const top of tree.items) {
    if (!containsTask(top)) continue;
    if (top.kind !== "section") {
      result.push({ code: top.code, title: titleOf(top) });
      continue;
    }
    let sectionAdded = false;
    for (const child of top.children) {
      if (!containsTask(child)) continue;
      if (child.children.length > 0) result.push({ code: child.code, title: titleOf(child) });
      else if (!sectionAdded) {
        result.push({ code: top.code, title: titleOf(top) });
        sectionAdded = true;
      }
    }
  }
  return result;
}

function titleOf(item: Pick<PlanItem, "title" | "text">): string {
  const text = (item.title ?? item.text).trim();
  return text.length > 300 ? `${text.slice(0, 297).trimEnd()}…` : text;
}

/** The heading an item's work counts under: its own code or the closest heading above it. */
export function headingOfCode(code: string, headings: readonly FormHeading[]): string | null {
  let best: string | null = null;
  for (const heading of headings) {
    if (code === heading.code || code.startsWith(`${heading.code}.`)) {
      if (!best || heading.code.length > best.length) best = heading.code;
    }
  }
  return best;
}

const ALL: string[] = [];
const LOCAL = ["district", "commune", "front", "mass_org"];

/**
 * The default indicators of a plan on "đại đoàn kết toàn dân tộc" (the seed plan's subject):
 * what the plan's headings ask units to do, counted the way the provincial report sums them.
 * `sources` are the figures of progress updates they are pre-filled from.
 */
export const DEFAULT_INDICATORS: FormIndicator[] = [
  {
    code: "propaganda_sessions",
    name: "Hội nghị, buổi tuyên truyền, quán triệt, tập huấn",
    unit: "buổi",
    aggregation: "sum",
    unitTypes: ALL,
    sources: ["Số hội nghị quán triệt", "Số đợt tuyên truyền, vận động", "Số lớp bồi dưỡng, tập huấn"],
  },
  {
    code: "propaganda_participants",
    name: "Lượt người tham dự tuyên truyền, quán triệt",
    unit: "lượt người",
    aggregation: "sum",
    unitTypes: ALL,
    sources: ["Số lượt người tham dự"],
  },
  {
    code: "articles",
    name: "Tin, bài tuyên truyền đã đăng",
    unit: "tin, bài",
    aggregation: "sum",
    unitTypes: ALL,
    sources: ["Số tin, bài"],
  },
  {
    code: "broadcasts",
    name: "Phóng sự, chương trình phát thanh - truyền hình",
    unit: "chương trình",
    aggregation: "sum",
    unitTypes: ["media", "department", "district"],
    sources: ["Số phóng sự"],
  },
  {
    code: "dialogues_held",
    name: "Cuộc tiếp xúc, đối thoại với Nhân dân",
    unit: "cuộc",
    aggregation: "sum",
    unitTypes: ALL,
    sources: ["Số cuộc đối thoại"],
  },
  {
    code: "petitions_received",
    name: "Phản ánh, kiến nghị tiếp nhận",
    unit: "phản ánh, kiến nghị",
    aggregation: "sum",
    unitTypes: ALL,
    sources: ["Số kiến nghị tiếp nhận"],
  },
  {
    code: "petitions_resolved_on_time",
    name: "Phản ánh, kiến nghị giải quyết đúng hạn",
    unit: "phản ánh, kiến nghị",
    aggregation: "sum",
    unitTypes: ALL,
    sources: ["Số phản ánh, kiến nghị đã giải quyết"],
  },
  {
    code: "models_commended",
    name: "Tập thể, cá nhân, mô hình điển hình được khen thưởng",
    unit: "tập thể, cá nhân",
    aggregation: "sum",
    unitTypes: ALL,
    sources: ["Số tập thể, cá nhân được khen thưởng"],
  },
  {
    code: "unity_festivals",
    name: "Khu dân cư tổ chức Ngày hội đại đoàn kết toàn dân tộc",
    unit: "khu dân cư",
    aggregation: "sum",
    unitTypes: LOCAL,
    sources: ["Số Ngày hội đại đoàn kết"],
  },
  {
    code: "cultural_area_rate",
    name: "Tỷ lệ khu dân cư đạt chuẩn văn hóa",
    unit: "%",
    aggregation: "average",
    unitTypes: ["district", "commune"],
    sources: [],
  },
];

/** Whether a unit of this type reports the indicator. */
export const reportsIndicator = (indicator: Pick<FormIndicator, "unitTypes">, unitType: string) =>
  indicator.unitTypes.length === 0 || indicator.unitTypes.includes(unitType);

/** The largest value an indicator takes: far above any real count, below what overflows. */
export const MAX_INDICATOR_VALUE = 1e12;

/**
 * The indicator values of a save, checked field by field: every code must be the form's, every
 * value a finite number ≥ 0 (or null for "not reported"), a percentage at most 100. The first
 * bad field refuses the save, naming it.
 */
export function checkValues(
  values: Record<string, unknown>,
  indicators: readonly FormIndicator[],
  unitType: string,
): Record<string, number | null> {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const result: Record<string, number | null> = {};
  for (const [code, raw] of Object.entries(values)) {
    const field = `values.${code}`;
    const indicator = byCode.get(code);
    if (!indicator) throw new AppError(400, "report_indicator_unknown", { code }, field);
    if (!reportsIndicator(indicator, unitType)) {
      throw new AppError(400, "report_indicator_not_reported", { name: indicator.name }, field);
    }
    if (raw === null || raw === "") {
      result[code] = null;
      continue;
    }
    const value = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.trim()) : Number.NaN;
    if (typeof raw !== "number" && typeof raw !== "string") {
      throw new AppError(400, "report_value_not_number", { name: indicator.name }, field);
    }
    if (!Number.isFinite(value))
      throw new AppError(400, "report_value_not_number", { name: indicator.name }, field);
    if (value < 0) throw new AppError(400, "report_value_negative", { name: indicator.name }, field);
    if (value > MAX_INDICATOR_VALUE || (indicator.unit === "%" && value > 100)) {
      throw new AppError(400, "report_value_too_large", { name: indicator.name }, field);
    }
    result[code] = value;
  }
  return result;
}

/** The narrative sections of a save: only the form's headings. */
export function checkSections(sections: Record<string, string>, headings: readonly FormHeading[]) {
  const codes = new Set(headings.map((h) => h.code));
  for (const code of Object.keys(sections)) {
    if (!codes.has(code)) throw new AppError(400, "report_heading_unknown", { code }, `sections.${code}`);
  }
  return sections;
}

/** A form definition checked: unique codes, known aggregations, figures named at most once. */
export function checkIndicators(indicators: readonly FormIndicator[]) {
  const seen = new Set<string>();
  for (const [index, indicator] of indicators.entries()) {
    if (seen.has(indicator.code)) {
      throw new AppError(
        400,
        "report_indicator_duplicate",
        { code: indicator.code },
        `indicators.${index}.code`,
      );
    }
    seen.add(indicator.code);
  }
}

/** Figures compared without diacritics, case or extra spaces. */
export const figureKey = (name: string) => foldVietnamese(name).replace(/\s+/g, " ").trim();

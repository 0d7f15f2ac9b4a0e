import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { UNIT_TYPES, type UnitType } from "../../../../common/enums.ts";
import type { PlanSummary } from "../../../../common/schemas/plans.ts";
import {
  type Completeness as CompletenessSchema,
  type Period as PeriodSchema,
  REPORT_STATUSES,
  type ReportDetail as ReportDetailSchema,
  type ReportDiff as ReportDiffSchema,
  type ReportSummary as ReportSummarySchema,
  type UrgingLetter as UrgingLetterSchema,
} from "../../../../common/schemas/reports.ts";
import { api, download } from "../../api/client.ts";

export type ReportSummary = z.infer<typeof ReportSummarySchema>;
export type ReportDetail = z.infer<typeof ReportDetailSchema>;
export type ReportDiff = z.infer<typeof ReportDiffSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type Completeness = z.infer<typeof CompletenessSchema>;
export type UrgingLetter = z.infer<typeof UrgingLetterSchema>;
export type SaveBody = {
  version: number;
  sections?: Record<string, string>;
  values?: Record<string, number | string | null>;
  difficulties?: string;
  proposals?: string;
};

export const reportKeys = {
  all: ["reports"] as const,
  list: (mine: boolean, filters: ReportFilters = {}) => ["reports", "list", mine, filters] as const,
  detail: (id: string) => ["reports", "detail", id] as const,
  diff: (id: string, from: string, to: string) => ["reports", "diff", id, from, to] as const,
  plans: ["reports", "plans"] as const,
  periods: (planId: string) => ["reports", "periods", planId] as const,
  period: (id: string) => ["reports", "period", id] as const,
  letters: (id: string) => ["reports", "letters", id] as const,
};

/** The list's filters, as the server takes them (and as the page keeps them in its address). */
export interface ReportFilters {
  planId?: string;
  periodId?: string;
  status?: (typeof REPORT_STATUSES)[number];
  unitType?: UnitType;
}

export const reportListQuery = (mine: boolean, filters: ReportFilters = {}) =>
  queryOptions({
    queryKey: reportKeys.list(mine, filters),
    queryFn: () =>
      api<{ items: ReportSummary[]; total: number }>("/api/reports", {
        query: { mine: mine ? "true" : undefined, limit: 200, ...filters },
      }),
  });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** Reads the filters from the address, dropping what is not a valid value (an old or edited link). */
export function filtersFromSearch(search: Record<string, unknown>): ReportFilters {
  const id = (value: unknown) => (typeof value === "string" && UUID.test(value) ? value : undefined);
  const filters: ReportFilters = {
    planId: id(search.planId),
    periodId: id(search.periodId),
    status: pick(search.status, REPORT_STATUSES),
    unitType: pick(search.unitType, UNIT_TYPES),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as ReportFilters;
}

export const reportQuery = (id: string) =>
  queryOptions({
    queryKey: reportKeys.detail(id),
    queryFn: () => api<ReportDetail>(`/api/reports/${encodeURIComponent(id)}`),
  });

export const diffQuery = (id: string, from: string, to: string) =>
  queryOptions({
    queryKey: reportKeys.diff(id, from, to),
    queryFn: () => api<ReportDiff>(`/api/reports/${encodeURIComponent(id)}/diff`, { query: { from, to } }),
  });

export const publishedPlansQuery = () =>
  queryOptions({
    queryKey: reportKeys.plans,
    queryFn: () => api<{ items: PlanSummary[] }>("/api/plans", { query: { status: "published" } }),
  });

export const periodsQuery = (planId: string) =>
  queryOptions({
    queryKey: reportKeys.periods(planId),
    queryFn: () => api<{ items: Period[] }>(`/api/reporting/plans/${encodeURIComponent(planId)}/periods`),
  });

export const periodQuery = (id: string) =>
  queryOptions({
    queryKey: reportKeys.period(id),
    queryFn: () => api<Completeness>(`/api/reporting/periods/${encodeURIComponent(id)}`),
  });

export const lettersQuery = (periodId: string) =>
  queryOptions({
    queryKey: reportKeys.letters(periodId),
    queryFn: () =>
      api<{ items: UrgingLetter[] }>(`/api/reporting/periods/${encodeURIComponent(periodId)}/urging-letters`),
  });

export const saveReport = (id: string, body: SaveBody) =>
  api<ReportDetail>(`/api/reports/${id}`, { method: "PUT", body });

export type Step = "submit" | "send" | "withdraw" | "receive" | "accept" | "return";
export const stepReport = (
  id: string,
  step: Step,
  body: { version?: number; comment?: string; sectionComments?: Record<string, string> } = {},
) => api<ReportDetail>(`/api/reports/${id}/${step}`, { body });

export const attachScan = (id: string, file: File) => {
  const form = new FormData();
  form.append("file", file);
  return api<unknown>(`/api/reports/${id}/files`, { body: form });
};

export const downloadScan = (id: string, fileId: string, name: string) =>
  download(`/api/reports/${id}/files/${fileId}`, {}, name);

export const openReport = (periodId: string, unitId: string) =>
  api<ReportDetail>(`/api/reporting/periods/${periodId}/units/${unitId}/report`, { body: {} });

export const reopenUnit = (periodId: string, unitId: string, body: { until: string; reason: string }) =>
  api<Completeness>(`/api/reporting/periods/${periodId}/units/${unitId}/reopen`, { body });

export const issueUrgingLetter = (periodId: string) =>
  api<UrgingLetter>(`/api/reporting/periods/${periodId}/urging-letters`, { body: {} });

export const downloadLetter = (letter: UrgingLetter) =>
  download(`/api/reporting/urging-letters/${letter.id}/file`, {}, letter.filename);

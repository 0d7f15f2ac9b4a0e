import { queryOptions } from "@tanstack/react-query";
import type { Consolidation, DocumentFields } from "../../../../common/schemas/consolidation.ts";
import { api, download } from "../../api/client.ts";

export type { Consolidation };
export type ConsolidationSummary = Omit<Consolidation, "draft"> & {
  planTitle: string;
  periodLabel: string;
  counts: Consolidation["draft"]["counts"];
};

export const consolidationKeys = {
  all: ["consolidations"] as const,
  detail: (id: string) => ["consolidations", id] as const,
};

export const consolidationListQuery = () =>
  queryOptions({
    queryKey: consolidationKeys.all,
    queryFn: () => api<{ items: ConsolidationSummary[]; canDraft: boolean }>("/api/reporting/consolidations"),
  });

export const consolidationQuery = (id: string) =>
  queryOptions({
    queryKey: consolidationKeys.detail(id),
    queryFn: () => api<Consolidation>(`/api/reporting/consolidations/${encodeURIComponent(id)}`),
  });

/** Drafts the report of a period, or refreshes its draft (edited sections are kept). */
export const draftConsolidation = (body: { periodKey: string; planId?: string }) =>
  api<Consolidation>("/api/reporting/consolidations", { body });

export const editSection = (id: string, key: string, body: { version: number; text: string }) =>
  api<Consolidation>(`/api/reporting/consolidations/${id}/sections/${encodeURIComponent(key)}`, {
    method: "PATCH",
    body,
  });

export const editDocument = (id: string, body: Partial<DocumentFields> & { version: number }) =>
  api<Consolidation>(`/api/reporting/consolidations/${id}`, { method: "PATCH", body });

export const finaliseConsolidation = (id: string, version: number) =>
  api<Consolidation>(`/api/reporting/consolidations/${id}/finalise`, { body: { version } });

export const FILES = ["report.docx", "annex.xlsx", "report.pdf"] as const;
export const downloadFile = (id: string, file: (typeof FILES)[number]) =>
  download(`/api/reporting/consolidations/${id}/${file}`, {}, file);

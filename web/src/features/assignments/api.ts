import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  AssignmentDetail,
  AssignmentListQuery,
  AssignmentSummary,
  MatrixResponse,
  ProgressResponse,
  SummaryResponse,
  TaskPage,
  UpdateResult,
} from "../../../../common/schemas/assignments.ts";
import { api } from "../../api/client.ts";

export type { AssignmentDetail, AssignmentSummary };
export type Matrix = z.infer<typeof MatrixResponse>;
export type MatrixCell = Matrix["cells"][number];
export type Progress = z.infer<typeof ProgressResponse>;
export type Summary = z.infer<typeof SummaryResponse>;
export type Task = z.infer<typeof TaskPage>;
export type WriteResult = z.infer<typeof UpdateResult>;
export type ListFilters = {
  mine?: boolean;
  status?: z.infer<typeof AssignmentListQuery>["status"];
  due?: "overdue" | "soon";
  planId?: string;
  unitId?: string;
  code?: string;
  role?: z.infer<typeof AssignmentListQuery>["role"];
  limit?: number;
  offset?: number;
};
export type AssignmentList = { items: AssignmentSummary[]; total: number; today: string };

const enc = encodeURIComponent;

export const assignmentKeys = {
  all: ["assignments"] as const,
  list: (filters: ListFilters) => ["assignments", "list", filters] as const,
  detail: (id: string) => ["assignments", "detail", id] as const,
  summary: (planId: string, groupBy: string) => ["assignments", "summary", planId, groupBy] as const,
  task: (planId: string, code: string) => ["assignments", "task", planId, code] as const,
  matrix: (planId: string) => ["assignments", "matrix", planId] as const,
  progress: (planId: string) => ["assignments", "progress", planId] as const,
};

export const assignmentListQuery = (filters: ListFilters) =>
  queryOptions({
    queryKey: assignmentKeys.list(filters),
    queryFn: () =>
      api<AssignmentList>("/api/assignments", {
        query: { ...filters, mine: filters.mine === undefined ? undefined : String(filters.mine) },
      }),
  });

export const assignmentDetailQuery = (id: string) =>
  queryOptions({
    queryKey: assignmentKeys.detail(id),
    queryFn: () => api<AssignmentDetail>(`/api/assignments/${enc(id)}`),
  });

export const summaryQuery = (planId: string, groupBy: "unit" | "heading" | "plan") =>
  queryOptions({
    queryKey: assignmentKeys.summary(planId, groupBy),
    queryFn: () => api<Summary>("/api/assignments/summary", { query: { planId, groupBy } }),
  });

export const taskQuery = (planId: string, code: string) =>
  queryOptions({
    queryKey: assignmentKeys.task(planId, code),
    queryFn: () => api<Task>(`/api/plans/${enc(planId)}/tasks/${enc(code)}`),
  });

export const matrixQuery = (planId: string) =>
  queryOptions({
    queryKey: assignmentKeys.matrix(planId),
    queryFn: () => api<Matrix>(`/api/plans/${enc(planId)}/matrix`),
  });

export const progressQuery = (planId: string) =>
  queryOptions({
    queryKey: assignmentKeys.progress(planId),
    queryFn: () => api<Progress>(`/api/plans/${enc(planId)}/progress`),
  });

export type StatusTarget = "in_progress" | "completed" | "paused";

export const changeStatus = (id: string, body: { version: number; status: StatusTarget; reason?: string }) =>
  api<WriteResult>(`/api/assignments/${enc(id)}/status`, { method: "POST", body });

export type ProgressInput = {
  version: number;
  text?: string;
  percent?: number;
  figures?: Record<string, number>;
  status?: StatusTarget;
  reason?: string;
  files: File[];
};

/** A report with files goes as multipart (figures as JSON text), one without as JSON. */
export function reportProgress(id: string, input: ProgressInput) {
  const { files, ...fields } = input;
  const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ""));
  if (files.length === 0) {
    return api<WriteResult>(`/api/assignments/${enc(id)}/updates`, { method: "POST", body: clean });
  }
  const form = new FormData();
  for (const [key, value] of Object.entries(clean)) {
    form.append(key, key === "figures" ? JSON.stringify(value) : String(value));
  }
  for (const file of files) form.append("files", file, file.name);
  return api<WriteResult>(`/api/assignments/${enc(id)}/updates`, { method: "POST", body: form });
}

export const setWeight = (planId: string, code: string, weight: number | null) =>
  api<Progress>(`/api/plans/${enc(planId)}/weights`, { method: "PUT", body: { code, weight } });

/** Which status changes the server accepts from a stored status (docs/assignments.md). */
export const NEXT_STATUSES: Record<string, StatusTarget[]> = {
  not_started: ["in_progress", "paused", "completed"],
  in_progress: ["paused", "completed"],
  paused: ["in_progress", "completed"],
};

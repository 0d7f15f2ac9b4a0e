import { queryOptions } from "@tanstack/react-query";
import type { PlanDocument, PlanItem, PlanWarning, Reference } from "../../../../common/plan-tree.ts";
import type {
  ItemPatch,
  PlanDetail,
  PlanDiff,
  PlanMention,
  PlanStatus,
  PlanSummary,
  PlanVersion,
  TreeMention,
} from "../../../../common/schemas/plans.ts";
import { api } from "../../api/client.ts";

export type { PlanDetail, PlanDiff, PlanMention, PlanStatus, PlanSummary, PlanVersion };

export type PlanTreeAnswer = {
  format: string;
  document: PlanDocument;
  references: Reference[];
  warnings: PlanWarning[];
  items: PlanItem[];
  version: number | "working";
  mentions: TreeMention[];
};

export type SourceLine = { number: number; text: string; code: string | null };
export type PlanSourceAnswer = {
  filename: string | null;
  format: string | null;
  pages: number | null;
  lines: SourceLine[];
};
export type EditResult = {
  revision: number;
  items: { code: string; kind: PlanItem["kind"]; title: string | null; text: string }[];
};
export type VersionRef = number | "working";

const enc = encodeURIComponent;

export const planKeys = {
  all: ["plans"] as const,
  list: (q: string, status: string) => ["plans", "list", q, status] as const,
  plan: (id: string) => ["plans", id] as const,
  detail: (id: string) => ["plans", id, "detail"] as const,
  tree: (id: string, version: VersionRef | "default") => ["plans", id, "tree", version] as const,
  source: (id: string) => ["plans", id, "source"] as const,
  mentions: (id: string) => ["plans", id, "mentions"] as const,
  versions: (id: string) => ["plans", id, "versions"] as const,
  diff: (id: string, a: VersionRef, b: VersionRef) => ["plans", id, "diff", a, b] as const,
};

export const planListQuery = (q: string, status: PlanStatus | "") =>
  queryOptions({
    queryKey: planKeys.list(q, status),
    queryFn: () => api<{ items: PlanSummary[] }>("/api/plans", { query: { q, status } }),
  });

export const planDetailQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.detail(id),
    queryFn: () => api<PlanDetail>(`/api/plans/${enc(id)}`),
  });

export const planTreeQuery = (id: string, version: VersionRef | "default") =>
  queryOptions({
    queryKey: planKeys.tree(id, version),
    queryFn: () =>
      api<PlanTreeAnswer>(`/api/plans/${enc(id)}/tree`, {
        query: { version: version === "default" ? undefined : version },
      }),
  });

export const planSourceQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.source(id),
    queryFn: () => api<PlanSourceAnswer>(`/api/plans/${enc(id)}/source`),
  });

export const planMentionsQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.mentions(id),
    queryFn: () => api<{ items: PlanMention[] }>(`/api/plans/${enc(id)}/mentions`),
  });

export const planVersionsQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.versions(id),
    queryFn: () => api<{ items: PlanVersion[] }>(`/api/plans/${enc(id)}/versions`),
  });

export const planDiffQuery = (id: string, a: VersionRef, b: VersionRef) =>
  queryOptions({
    queryKey: planKeys.diff(id, a, b),
    queryFn: () => api<PlanDiff>(`/api/plans/${enc(id)}/versions/${enc(String(a))}/diff/${enc(String(b))}`),
  });

/** A plan the tenant has already that an import seems to repeat (the 409's details). */
export type PlanDuplicate = { id: string; title: string; reason: "document" | "text" | "similar" };

export function importPlan(
  file: File,
  target?: { parent: string; unit: string },
  allowDuplicate = false,
): Promise<{ plan: PlanDetail; autoConfirmed: string[] }> {
  const form = new FormData();
  form.set("file", file, file.name);
  return api<{ plan: PlanDetail; autoConfirmed: string[] }>("/api/plans/import", {
    method: "POST",
    body: form,
    query: {
      ...(target ? { parent: target.parent, unit: target.unit } : {}),
      ...(allowDuplicate ? { allowDuplicate: "true" } : {}),
    },
  });
}

export type PublishCheck = {
  assignments: number;
  overdue: number;
  earliestOverdue: string | null;
  today: string;
  unresolvedMentions: number;
  notBefore: string | null;
  canRecordEarlier: boolean;
};

export const publishCheck = (id: string) => api<PublishCheck>(`/api/plans/${enc(id)}/publish-check`);

export const patchItem = (id: string, code: string, body: ItemPatch) =>
  api<EditResult>(`/api/plans/${enc(id)}/items/${enc(code)}`, { method: "PATCH", body });

export const splitItem = (
  id: string,
  code: string,
  body: { revision: number; atParagraph: number } | { revision: number; atOffset: number },
) => api<EditResult>(`/api/plans/${enc(id)}/items/${enc(code)}/split`, { method: "POST", body });

export const mergeItem = (id: string, code: string, revision: number) =>
  api<EditResult>(`/api/plans/${enc(id)}/items/${enc(code)}/merge`, { method: "POST", body: { revision } });

export const resolveMention = (
  id: string,
  body: { mention: string; unitIds?: string[]; groupId?: string; confirmed: boolean },
) => api<TreeMention>(`/api/plans/${enc(id)}/mentions`, { method: "PUT", body });

export const autoConfirm = (id: string) =>
  api<{ confirmed: string[]; remaining: string[] }>(`/api/plans/${enc(id)}/mentions/auto-confirm`, {
    method: "POST",
  });

export const publishPlan = (id: string, revision?: number, publishedOn?: string) =>
  api<{ plan: PlanDetail; version: PlanVersion }>(`/api/plans/${enc(id)}/publish`, {
    method: "POST",
    body: { ...(revision ? { revision } : {}), ...(publishedOn ? { publishedOn } : {}) },
  });

export const openAmendment = (
  id: string,
  body: { reason: string; amendingNumber: string; amendingDate?: string },
) => api<{ plan: PlanDetail }>(`/api/plans/${enc(id)}/amendments`, { method: "POST", body });

import { queryOptions } from "@tanstack/react-query";
import type {
  ImportResult,
  Unit,
  UnitCreate,
  UnitGroup,
  UnitTreeNode,
  UnitUpdate,
} from "../../../../common/schemas/units.ts";
import { api, download } from "../../api/client.ts";

export type UnitDetail = Unit & { path: Unit[]; childCount: number };

export const unitKeys = {
  all: ["units"] as const,
  tree: (asOf: string) => ["units", "tree", asOf] as const,
  search: (asOf: string, q: string, type?: string) => ["units", "search", asOf, q, type ?? ""] as const,
  detail: (id: string) => ["units", "detail", id] as const,
  groups: ["unit-groups"] as const,
  members: (id: string, asOf: string) => ["unit-groups", id, "members", asOf] as const,
};

export const unitTreeQuery = (asOf: string) =>
  queryOptions({
    queryKey: unitKeys.tree(asOf),
    queryFn: () => api<UnitTreeNode[]>("/api/units/tree", { query: { asOf } }),
  });

export const unitSearchQuery = (asOf: string, q: string, type?: string) =>
  queryOptions({
    queryKey: unitKeys.search(asOf, q, type),
    queryFn: () => api<{ items: Unit[] }>("/api/units", { query: { asOf, q, type, limit: 200 } }),
    enabled: q.trim().length > 0 || !!type,
  });

export const unitDetailQuery = (id: string) =>
  queryOptions({
    queryKey: unitKeys.detail(id),
    queryFn: () => api<UnitDetail>(`/api/units/${encodeURIComponent(id)}`),
  });

export const groupsQuery = queryOptions({
  queryKey: unitKeys.groups,
  queryFn: () => api<{ items: UnitGroup[] }>("/api/unit-groups"),
});

export const groupMembersQuery = (id: string, asOf: string) =>
  queryOptions({
    queryKey: unitKeys.members(id, asOf),
    queryFn: () =>
      api<{ items: Unit[] }>(`/api/unit-groups/${encodeURIComponent(id)}/members`, { query: { asOf } }),
  });

export const createUnit = (body: UnitCreate) => api<Unit>("/api/units", { method: "POST", body });
export const updateUnit = (id: string, body: UnitUpdate) =>
  api<Unit>(`/api/units/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const deleteUnit = (id: string, version: number) =>
  api<void>(`/api/units/${encodeURIComponent(id)}`, { method: "DELETE", query: { version } });

export function importUnits(file: File, dryRun: boolean): Promise<ImportResult> {
  const form = new FormData();
  form.set("file", file, file.name);
  return api<ImportResult>("/api/units/import", { method: "POST", body: form, query: { dryRun } });
}

export const exportUnits = (format: "csv" | "xlsx", asOf: string) =>
  download("/api/units/export", { format, asOf }, `danh-ba-don-vi-${asOf}.${format}`);

export type GroupInput = {
  name: string;
  aliases: string[];
  unitTypes: UnitGroup["unitTypes"];
  memberIds: string[];
  description: string | null;
};
export const createGroup = (body: GroupInput) => api<UnitGroup>("/api/unit-groups", { method: "POST", body });
export const updateGroup = (id: string, body: Partial<GroupInput> & { version: number }) =>
  api<UnitGroup>(`/api/unit-groups/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const deleteGroup = (id: string, version: number) =>
  api<void>(`/api/unit-groups/${encodeURIComponent(id)}`, { method: "DELETE", query: { version } });

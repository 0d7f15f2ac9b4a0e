import { queryOptions } from "@tanstack/react-query";
import type {
  DuplicateCandidate,
  PetitionDetail,
  PetitionKind,
  PetitionStatus,
  PetitionSummary,
  StaffPetitionCreate,
} from "../../../../common/schemas/petitions.ts";
import { api } from "../../api/client.ts";

export type { DuplicateCandidate, PetitionDetail, PetitionKind, PetitionStatus, PetitionSummary };

export type InboxFilters = {
  q: string;
  status: PetitionStatus | "";
  kind: PetitionKind | "";
  unitId: string;
  communeId: string;
  overdue: boolean;
  unassigned: boolean;
  page: number;
};
export const PAGE_SIZE = 25;

export type InboxAnswer = {
  items: PetitionSummary[];
  total: number;
  counts: Record<PetitionStatus, number>;
};
export type RoutingSuggestion = { unitId: string; code: string | null; name: string; score: number };
export type Commune = { id: string; name: string; folded: string };
export type UnitStats = {
  unitId: string | null;
  unitName: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  overdue: number;
  closedResolved: number;
  closedUnresolved: number;
  averageRating: number | null;
  ratings: number;
  followUps: number;
  resolvedOnFollowUpShare: number | null;
};
export type Done = { id: string; status: PetitionStatus };

const enc = encodeURIComponent;
const base = (id: string) => `/api/petitions/${enc(id)}`;

export const petitionKeys = {
  all: ["petitions"] as const,
  list: (filters: InboxFilters) => ["petitions", "list", filters] as const,
  detail: (id: string) => ["petitions", id, "detail"] as const,
  duplicates: (id: string) => ["petitions", id, "duplicates"] as const,
  routing: (id: string) => ["petitions", id, "routing"] as const,
  stats: (from: string, to: string) => ["petitions", "stats", from, to] as const,
  communes: ["petitions", "communes"] as const,
};

export const inboxQuery = (filters: InboxFilters) =>
  queryOptions({
    queryKey: petitionKeys.list(filters),
    queryFn: () =>
      api<InboxAnswer>("/api/petitions", {
        query: {
          q: filters.q,
          status: filters.status,
          kind: filters.kind,
          unitId: filters.unitId,
          communeId: filters.communeId,
          overdue: filters.overdue ? "true" : undefined,
          unassigned: filters.unassigned ? "true" : undefined,
          limit: PAGE_SIZE,
          offset: (filters.page - 1) * PAGE_SIZE,
        },
      }),
  });

export const detailQuery = (id: string) =>
  queryOptions({
    queryKey: petitionKeys.detail(id),
    queryFn: () => api<PetitionDetail>(base(id)),
    // Each read of personal data is logged: no silent re-reads when the window gets focus.
    refetchOnWindowFocus: false,
    retry: false,
  });

export const duplicatesQuery = (id: string) =>
  queryOptions({
    queryKey: petitionKeys.duplicates(id),
    queryFn: () => api<{ items: DuplicateCandidate[] }>(`${base(id)}/duplicates`),
  });

export const routingQuery = (id: string) =>
  queryOptions({
    queryKey: petitionKeys.routing(id),
    queryFn: () => api<{ items: RoutingSuggestion[] }>(`${base(id)}/routing-suggestions`),
  });

export const statsQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: petitionKeys.stats(from, to),
    queryFn: () => api<{ items: UnitStats[] }>("/api/petitions/stats", { query: { from, to } }),
  });

export const communesQuery = queryOptions({
  queryKey: petitionKeys.communes,
  queryFn: () => api<{ items: Commune[] }>("/api/public/communes"),
  select: (data): Commune[] => data.items,
  staleTime: 60 * 60 * 1000,
});

export const attachmentUrl = (id: string, uploadId: string) => `${base(id)}/attachments/${enc(uploadId)}`;

export const createPetition = (body: StaffPetitionCreate) =>
  api<{ id: string; trackingCode: string; duplicates: DuplicateCandidate[] }>("/api/petitions", {
    method: "POST",
    body,
  });

export function uploadAttachment(file: File): Promise<{ uploadId: string }> {
  const form = new FormData();
  form.set("file", file, file.name);
  return api<{ uploadId: string }>("/api/public/uploads", { method: "POST", body: form });
}

export const assign = (id: string, body: { unitId: string; note?: string }) =>
  api<Done>(`${base(id)}/assign`, { method: "POST", body });
export const decideAcceptance = (
  id: string,
  body: { accepted: boolean; reason?: string; decisionNumber?: string; remoteArea?: boolean },
) => api<Done>(`${base(id)}/acceptance`, { method: "POST", body });
export const extend = (id: string, body: { reason: string; decisionNumber: string; veryComplex?: boolean }) =>
  api<{ dueDate: string; days: number }>(`${base(id)}/extensions`, { method: "POST", body });
export const saveDraft = (id: string, text: string) =>
  api<Done>(`${base(id)}/answer`, { method: "PUT", body: { text } });
export const approveAnswer = (id: string) => api<Done>(`${base(id)}/answer/approve`, { method: "POST" });
export const closePetition = (id: string, body: { resolved: boolean; reason?: string }) =>
  api<Done>(`${base(id)}/close`, { method: "POST", body });
export const mergePetition = (id: string, intoId: string) =>
  api<Done>(`${base(id)}/merge`, { method: "POST", body: { intoId } });

export const answerPreviewQuery = (id: string, draft: string) =>
  queryOptions({
    // The draft's text is part of the key: a saved change shows its own preview.
    queryKey: ["petitions", id, "preview", draft] as const,
    queryFn: () => api<{ text: string }>(`${base(id)}/answer/preview`),
    refetchOnWindowFocus: false,
  });
export const returnAnswer = (id: string, comment: string) =>
  api<Done>(`${base(id)}/answer/return`, { method: "POST", body: { comment } });

import { queryOptions } from "@tanstack/react-query";
import type { ModerationBody } from "../../../../common/schemas/civic.ts";
import type {
  Comment,
  ConsultationDetail,
  ConsultationInput,
  ConsultationPhase,
  ConsultationSummary,
  ResponseResult,
} from "../../../../common/schemas/consultations.ts";
import { api } from "../../api/client.ts";

export type { Comment, ConsultationDetail, ConsultationPhase, ConsultationSummary, ResponseResult };

export const consultationKeys = {
  all: ["consultations"] as const,
  list: (phase: string) => ["consultations", "list", phase] as const,
  detail: (id: string) => ["consultations", id] as const,
};

export const consultationListQuery = (phase: ConsultationPhase | "") =>
  queryOptions({
    queryKey: consultationKeys.list(phase),
    queryFn: () =>
      api<{ items: ConsultationSummary[]; canCreate: boolean }>("/api/consultations", {
        query: { phase: phase || undefined },
      }),
  });

export const consultationQuery = (id: string) =>
  queryOptions({
    queryKey: consultationKeys.detail(id),
    queryFn: () => api<ConsultationDetail>(`/api/consultations/${encodeURIComponent(id)}`),
  });

export const createConsultation = (body: ConsultationInput) =>
  api<{ id: string }>("/api/consultations", { body });
export const updateConsultation = (id: string, body: Partial<ConsultationInput> & { version: number }) =>
  api(`/api/consultations/${id}`, { method: "PATCH", body });
export const publishConsultation = (id: string) =>
  api(`/api/consultations/${id}/publish`, { method: "POST", body: {} });
export const moderateComment = (id: string, commentId: string, body: ModerationBody) =>
  api(`/api/consultations/${id}/comments/${commentId}/moderation`, { body });
export const answerComment = (
  id: string,
  commentId: string,
  body: { result: ResponseResult; explanation: string },
) => api(`/api/consultations/${id}/comments/${commentId}/response`, { body });
export const addComment = (
  id: string,
  body: { sectionId: string; authorKind: "citizen" | "unit" | "front"; authorName: string; text: string },
) => api(`/api/consultations/${id}/comments`, { body });
export const reportUrl = (id: string) => `/api/consultations/${encodeURIComponent(id)}/report.docx`;

import { queryOptions } from "@tanstack/react-query";
import type { ModerationBody } from "../../../../common/schemas/civic.ts";
import type {
  Commitment,
  CommitmentState,
  DialogueDetail,
  DialogueInput,
  DialogueSummary,
} from "../../../../common/schemas/dialogues.ts";
import { api } from "../../api/client.ts";

export type { Commitment, CommitmentState, DialogueDetail, DialogueSummary };

export const dialogueKeys = {
  all: ["dialogues"] as const,
  list: (when: string) => ["dialogues", "list", when] as const,
  detail: (id: string) => ["dialogues", id] as const,
  commitments: (owner: string, state: string) => ["dialogues", "commitments", owner, state] as const,
};

export const dialogueListQuery = (when: "upcoming" | "past" | "all") =>
  queryOptions({
    queryKey: dialogueKeys.list(when),
    queryFn: () =>
      api<{ items: DialogueSummary[]; canSchedule: boolean }>("/api/dialogues", { query: { when } }),
  });

export const dialogueQuery = (id: string) =>
  queryOptions({
    queryKey: dialogueKeys.detail(id),
    queryFn: () => api<DialogueDetail>(`/api/dialogues/${encodeURIComponent(id)}`),
  });

export const commitmentsQuery = (ownerUnitId: string, state: CommitmentState | "") =>
  queryOptions({
    queryKey: dialogueKeys.commitments(ownerUnitId, state),
    queryFn: () =>
      api<{ items: Commitment[] }>("/api/commitments", {
        query: { ownerUnitId: ownerUnitId || undefined, state: state || undefined },
      }),
  });

export const scheduleDialogue = (body: DialogueInput) => api<{ id: string }>("/api/dialogues", { body });
export const updateDialogue = (
  id: string,
  body: Partial<DialogueInput> & { status?: string; minutes?: string; version: number },
) => api<{ ok: true; version: number }>(`/api/dialogues/${id}`, { method: "PATCH", body });
export const moderateQuestion = (id: string, questionId: string, body: ModerationBody) =>
  api(`/api/dialogues/${id}/questions/${questionId}/moderation`, { body });
export const answerQuestion = (id: string, questionId: string, answer: string) =>
  api(`/api/dialogues/${id}/questions/${questionId}/answer`, { body: { answer } });
export const addQuestion = (id: string, body: { text: string; askerName?: string }) =>
  api(`/api/dialogues/${id}/questions`, { body });
export const createCommitment = (
  id: string,
  body: {
    text: string;
    ownerUnitId: string;
    dueDate?: string;
    dueInWorkingDays?: number;
    questionId?: string;
  },
) => api<{ id: string; dueDate: string }>(`/api/dialogues/${id}/commitments`, { body });
export const closeCommitment = (id: string, note: string) =>
  api(`/api/commitments/${id}/close`, { body: { note } });
export const reopenCommitment = (id: string) =>
  api(`/api/commitments/${id}/reopen`, { method: "POST", body: {} });

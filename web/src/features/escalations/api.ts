import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { Escalation as EscalationSchema } from "../../../../common/schemas/reports.ts";
import { api } from "../../api/client.ts";

export type Escalation = z.infer<typeof EscalationSchema>;
export type EscalationStatus = Escalation["status"];
export type EscalationKind = Escalation["kind"];
export type EscalationFilter = { status?: EscalationStatus; unitId?: string; planId?: string };
export type EscalationCreateBody = {
  unitId: string;
  kind: EscalationKind;
  title: string;
  body: string;
  planId?: string;
};
export type EscalationAction = Escalation["actions"][number];
export type EscalationUpdateBody = {
  version: number;
  action: EscalationAction;
  ownerUnitId?: string;
  dueOn?: string;
  decision?: string;
  closingNote?: string;
};

export const escalationKeys = {
  all: ["escalations"] as const,
  list: (filter: EscalationFilter) => ["escalations", "list", filter] as const,
  detail: (id: string) => ["escalations", "detail", id] as const,
};

export const escalationListQuery = (filter: EscalationFilter) =>
  queryOptions({
    queryKey: escalationKeys.list(filter),
    queryFn: () =>
      api<{ items: Escalation[]; total: number }>("/api/escalations", { query: { ...filter, limit: 500 } }),
  });

export const escalationQuery = (id: string) =>
  queryOptions({
    queryKey: escalationKeys.detail(id),
    queryFn: () => api<Escalation>(`/api/escalations/${encodeURIComponent(id)}`),
  });

export const raiseEscalation = (body: EscalationCreateBody) => api<Escalation>("/api/escalations", { body });

export const updateEscalation = (id: string, body: EscalationUpdateBody) =>
  api<Escalation>(`/api/escalations/${encodeURIComponent(id)}`, { method: "PATCH", body });

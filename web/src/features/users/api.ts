import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  MoveToSuccessor,
  UserCreate,
  UserSummary,
  UserUpdate,
} from "../../../../common/schemas/auth.ts";
import { api } from "../../api/client.ts";

export const usersQuery = (q: string, closedOnly = false) =>
  queryOptions({
    queryKey: ["users", q, closedOnly],
    queryFn: () =>
      api<{ items: UserSummary[] }>("/api/users", { query: { q, closed: closedOnly ? "true" : undefined } }),
  });

export const createUser = (body: z.input<typeof UserCreate>) =>
  api<{ user: UserSummary; temporaryPassword?: string }>("/api/users", { method: "POST", body });

export const updateUser = (id: string, body: z.input<typeof UserUpdate>) =>
  api<UserSummary>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", body });

export const resetPassword = (id: string) =>
  api<{ temporaryPassword: string }>(`/api/users/${encodeURIComponent(id)}/reset-password`, {
    method: "POST",
  });

export const resetSecondFactor = (id: string) =>
  api<void>(`/api/users/${encodeURIComponent(id)}/totp/reset`, { method: "POST" });

export const unlockUser = (id: string) =>
  api<void>(`/api/users/${encodeURIComponent(id)}/unlock`, { method: "POST" });

export const moveToSuccessor = (id: string, body: z.input<typeof MoveToSuccessor>) =>
  api<UserSummary>(`/api/users/${encodeURIComponent(id)}/move-to-successor`, { method: "POST", body });

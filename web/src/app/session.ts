import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Me } from "../../../common/schemas/auth.ts";
import { api } from "../api/client.ts";

// The first /api/me answers 401 for anyone not signed in yet: that is not a session that ended.
export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: () => api<Me>("/api/me", { handleSessionEnd: false }),
  staleTime: 5 * 60_000,
});

/** The signed-in user; only used below the app layout, which loads it first. */
export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error("useMe() used outside the signed-in layout");
  return data;
}

/** A redirect target after sign-in must stay on this site. */
export function safeNext(next: unknown): string {
  if (
    typeof next !== "string" ||
    !next.startsWith("/") ||
    next.startsWith("//") ||
    next.startsWith("/login")
  ) {
    return "/";
  }
  return next;
}

import { queryOptions } from "@tanstack/react-query";
import type { DirectoryEvent, EventOutcome } from "../../../../common/schemas/restructure.ts";
import { api } from "../../api/client.ts";

export type { DirectoryEvent, EventOutcome };

export type AppliedEvent = {
  id: string;
  title: string;
  effectiveDate: string;
  legalBasis: string;
  outcome: Partial<EventOutcome> | null;
  appliedBy: string;
  appliedAt: string;
};

export const eventsQuery = queryOptions({
  queryKey: ["directory-events"],
  queryFn: () => api<{ items: AppliedEvent[] }>("/api/directory/events"),
});

export const runEvent = (event: DirectoryEvent, dryRun: boolean) =>
  api<EventOutcome>("/api/directory/events", {
    method: "POST",
    query: { dryRun: String(dryRun) },
    body: event,
  });

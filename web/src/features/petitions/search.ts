import {
  PETITION_KINDS,
  PETITION_STATUSES,
  type PetitionKind,
  type PetitionStatus,
} from "../../../../common/schemas/petitions.ts";
import type { InboxFilters } from "./api.ts";

/** The inbox's filters live in the address, so that going back to the list keeps them. */
export type InboxSearch = Partial<Omit<InboxFilters, "overdue" | "unassigned">> & {
  overdue?: boolean;
  unassigned?: boolean;
};

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : undefined);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (v: unknown) => (typeof v === "string" && UUID.test(v) ? v : undefined);
const flag = (v: unknown) => (v === true || v === "true" ? true : undefined);

export function validateInboxSearch(search: Record<string, unknown>): InboxSearch {
  const page = Number(search.page);
  return {
    q: str(search.q),
    status: (PETITION_STATUSES as readonly string[]).includes(String(search.status))
      ? (search.status as PetitionStatus)
      : undefined,
    kind: (PETITION_KINDS as readonly string[]).includes(String(search.kind))
      ? (search.kind as PetitionKind)
      : undefined,
    unitId: uuid(search.unitId),
    communeId: uuid(search.communeId),
    overdue: flag(search.overdue),
    unassigned: flag(search.unassigned),
    page: Number.isInteger(page) && page > 1 && page < 10_000 ? page : undefined,
  };
}

export function filtersOf(search: InboxSearch): InboxFilters {
  return {
    q: search.q ?? "",
    status: search.status ?? "",
    kind: search.kind ?? "",
    unitId: search.unitId ?? "",
    communeId: search.communeId ?? "",
    overdue: search.overdue ?? false,
    unassigned: search.unassigned ?? false,
    page: search.page ?? 1,
  };
}

/** Back to the address form: defaults are left out, so a plain inbox has a plain address. */
export function searchOf(filters: InboxFilters): InboxSearch {
  return {
    q: filters.q || undefined,
    status: filters.status || undefined,
    kind: filters.kind || undefined,
    unitId: filters.unitId || undefined,
    communeId: filters.communeId || undefined,
    overdue: filters.overdue || undefined,
    unassigned: filters.unassigned || undefined,
    page: filters.page > 1 ? filters.page : undefined,
  };
}

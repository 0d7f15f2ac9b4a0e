import { ASSIGNMENT_ROLES, ASSIGNMENT_STATES } from "../../../../common/schemas/assignments.ts";

/** The list's filters live in the address, so a link (from the home page, the matrix) opens them. */
export type AssignmentSearch = {
  status?: string;
  role?: string;
  planId?: string;
  unitId?: string;
  due?: "overdue" | "soon";
  mine?: boolean;
  page?: number;
};

const STATUS_FILTERS: readonly string[] = [...ASSIGNMENT_STATES, "open"];
const text = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length < 100 ? v : undefined);

export function validateAssignmentSearch(search: Record<string, unknown>): AssignmentSearch {
  const status = text(search.status);
  const role = text(search.role);
  const page = Number(search.page);
  return {
    status: status && STATUS_FILTERS.includes(status) ? status : undefined,
    role: role && (ASSIGNMENT_ROLES as readonly string[]).includes(role) ? role : undefined,
    planId: text(search.planId),
    unitId: text(search.unitId),
    due: search.due === "overdue" || search.due === "soon" ? search.due : undefined,
    mine: search.mine === false || search.mine === "false" ? false : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}

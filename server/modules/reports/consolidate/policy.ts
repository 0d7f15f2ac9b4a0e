import type { Role } from "../../../../common/enums.ts";
import { type Actor, hasRole } from "../../auth/actor.ts";

/**
 * Who may see and change the consolidated provincial report: pure functions of the actor and the
 * report, tested without a database. Deny by default; the tenant first. Sở Nội vụ (the
 * coordinator, "cơ quan đầu mối", III.2) drafts, edits and finalises it; the provincial
 * leadership and the operator read drafts; the Front, which supervises, reads it once final.
 */

const WRITERS: Role[] = ["coordinator"];
const DRAFT_READERS: Role[] = ["coordinator", "leadership", "admin"];
const FINAL_READERS: Role[] = [...DRAFT_READERS, "supervisor"];

export interface ConsolidationResource {
  tenantId: string;
  status: "draft" | "final";
}

export const consolidationPolicy = {
  /** Draft or refresh a period's report: a tenant-wide action. */
  draft: (actor: Actor, tenantId: string): boolean =>
    actor.tenantId === tenantId && hasRole(actor, ...WRITERS),

  list: (actor: Actor, tenantId: string): boolean =>
    actor.tenantId === tenantId && hasRole(actor, ...FINAL_READERS),

  read: (actor: Actor, report: ConsolidationResource): boolean =>
    actor.tenantId === report.tenantId &&
    hasRole(actor, ...(report.status === "final" ? FINAL_READERS : DRAFT_READERS)),

  edit: (actor: Actor, report: ConsolidationResource): boolean =>
    actor.tenantId === report.tenantId && report.status === "draft" && hasRole(actor, ...WRITERS),

  finalise: (actor: Actor, report: ConsolidationResource): boolean =>
    actor.tenantId === report.tenantId && report.status === "draft" && hasRole(actor, ...WRITERS),
};

/** The consolidated report's part of the signed-in user's permissions; each report brings its actions. */
export function consolidationPermissions(actor: Actor) {
  return { see: consolidationPolicy.list(actor, actor.tenantId) };
}

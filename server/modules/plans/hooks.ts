import type { PlanTree } from "../../../common/plan-tree.ts";
import type { DbOrTx } from "../../db/connection.ts";
import type { FrozenMention } from "./tables.ts";

/**
 * Modules that act on a published version (assignments …) register here, so that publishing
 * needs to know none of them. A handler runs inside the publishing transaction, once per version
 * made: if it throws, nothing of the publishing is kept. Handlers must be idempotent.
 */
export type PublishHandler = (tx: DbOrTx, tenantId: string, planId: string, version: number) => Promise<void>;

const handlers = new Map<string, PublishHandler>();

/** Registers (or replaces) the handler of a module; registering twice keeps one. */
export function registerPublishHandler(module: string, handler: PublishHandler) {
  handlers.set(module, handler);
}

export async function runPublishHandlers(tx: DbOrTx, tenantId: string, planId: string, version: number) {
  for (const handler of handlers.values()) await handler(tx, tenantId, planId, version);
}

/** A draft as publishing it today would freeze it: what a preview is asked about. */
export interface DraftToPublish {
  tree: PlanTree;
  mentions: FrozenMention[];
  /** The day the plan's obligations start from (its date, else the publishing day). */
  from: string;
  today: string;
}

/** What publishing would create: assignments, and how many of them would be overdue at once. */
export interface PublishPreview {
  assignments: number;
  overdue: number;
  /** The earliest due date among the overdue ones. */
  earliestOverdue: string | null;
}

export type PublishPreviewer = (
  db: DbOrTx,
  tenantId: string,
  draft: DraftToPublish,
) => Promise<PublishPreview>;

const previewers = new Map<string, PublishPreviewer>();

/** Registers (or replaces) the module's preview of what publishing a draft would create. */
export function registerPublishPreview(module: string, previewer: PublishPreviewer) {
  previewers.set(module, previewer);
}

export async function previewPublish(db: DbOrTx, tenantId: string, draft: DraftToPublish) {
  const total: PublishPreview = { assignments: 0, overdue: 0, earliestOverdue: null };
  for (const previewer of previewers.values()) {
    const part = await previewer(db, tenantId, draft);
    total.assignments += part.assignments;
    total.overdue += part.overdue;
    if (part.earliestOverdue && (!total.earliestOverdue || part.earliestOverdue < total.earliestOverdue))
      total.earliestOverdue = part.earliestOverdue;
  }
  return total;
}

import type { DbOrTx } from "../../db/connection.ts";

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

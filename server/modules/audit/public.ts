/**
 * What other modules may read of the audit trail: its services, never its tables. Writing goes
 * through `recordAudit`/`recordAudits` in service.ts, which every module calls in its transaction.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { auditLog } from "./tables.ts";

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * The newest entries of the given actions, newest first. With `unitIds`, only those about these
 * units: the units themselves, their reports, and the restructurings that closed them or made
 * them successors.
 */
export async function latestEntries(
  db: DbOrTx,
  tenantId: string,
  actions: readonly string[],
  options: { unitIds: string[] | null; limit: number },
): Promise<AuditRow[]> {
  const conditions = [eq(auditLog.tenantId, tenantId), inArray(auditLog.action, [...actions])];
  if (options.unitIds) {
    if (options.unitIds.length === 0) return [];
    const list = sql.join(
      options.unitIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    conditions.push(sql`(
      (${auditLog.entityType} = 'unit' AND ${auditLog.entityId} IN (SELECT id::text FROM units WHERE id IN (${list})))
      OR (${auditLog.entityType} = 'report' AND ${auditLog.entityId} IN (SELECT id::text FROM reports WHERE unit_id IN (${list})))
      OR (${auditLog.entityType} = 'unit_event' AND ${auditLog.entityId} IN (
        SELECT event_id::text FROM unit_successions WHERE predecessor_id IN (${list}) OR successor_id IN (${list})))
    )`);
  }
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.seq))
    .limit(options.limit);
}

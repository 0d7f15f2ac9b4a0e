import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { recordAudit } from "../audit/service.ts";
import { carriersOn } from "../orgs/lineage.ts";
import { versionRow } from "../plans/publish.ts";
import { allPlanHeads, planHead } from "../plans/registry.ts";
import { planAsOf } from "../plans/tree.ts";
import { type Obligation, obligationKey, obligationsOf } from "./obligations.ts";
import { planReason } from "./plan-reasons.ts";
import { isOpen } from "./status.ts";
import { assignments, assignmentUpdates } from "./tables.ts";

/**
 * Keeps a plan's assignments in step with its version in force: on publishing (version 1 or an
 * amendment) and every day for recurring tasks (ensureOccurrences). An obligation — a task, a
 * unit the plan named, a role, an occurrence — is met by any row that names that unit, whoever
 * carries it now; a missing one is created for the units carrying the named unit's duties today
 * (itself, or its successors after a restructuring). Idempotent: running it twice changes nothing.
 */

export interface SyncResult {
  created: number;
  cancelled: number;
  reopened: number;
  redated: number;
}

const CHUNK = 800;

type Row = Pick<
  typeof assignments.$inferSelect,
  "id" | "itemCode" | "unitId" | "role" | "occurrence" | "namedUnitIds" | "status" | "dueDate"
>;

export async function syncPlan(
  tx: DbOrTx,
  tenantId: string,
  planId: string,
  today: string,
  options: { cancelRemoved: boolean },
): Promise<SyncResult> {
  const result: SyncResult = { created: 0, cancelled: 0, reopened: 0, redated: 0 };
  const head = await planHead(tx, tenantId, planId);
  if (!head || head.currentVersion === 0) return result;
  const version = (await versionRow(tx, planId, head.currentVersion))!;
  const from = planAsOf(head.docDate, new Date(version.publishedOn ?? version.publishedAt));
  // A plan recorded after it was published: what was past due the day it was recorded is history.
  const historicalBefore = version.publishedOn ? todayInVietnam(new Date(version.publishedAt)) : null;
  const wanted = obligationsOf(version.tree, version.mentions, from, today);

  const existing: Row[] = await tx
    .select({
      id: assignments.id,
      itemCode: assignments.itemCode,
      unitId: assignments.unitId,
      role: assignments.role,
      occurrence: assignments.occurrence,
      namedUnitIds: assignments.namedUnitIds,
      status: assignments.status,
      dueDate: assignments.dueDate,
    })
    .from(assignments)
    .where(and(eq(assignments.tenantId, tenantId), eq(assignments.planId, planId)));
  const byNamed = new Map<string, Row[]>();
  for (const row of existing) {
    const facts = { code: row.itemCode, role: row.role, occurrence: row.occurrence };
    for (const named of row.namedUnitIds) {
      const key = obligationKey(facts, named);
      byNamed.set(key, [...(byNamed.get(key) ?? []), row]);
    }
  }

  const missing: Obligation[] = [];
  const reopen = new Set<string>();
  const redate = new Map<string, string | null>();
  const wantedKeys = new Set<string>();
  for (const o of wanted) {
    const key = obligationKey({ ...o, occurrence: o.key }, o.namedUnitId);
    wantedKeys.add(key);
    const rows = byNamed.get(key);
    if (!rows) {
      missing.push(o);
      continue;
    }
    for (const row of rows) {
      if (row.status === "cancelled") reopen.add(row.id);
      else if (isOpen(row.status) && row.dueDate !== o.dueDate) redate.set(row.id, o.dueDate);
    }
  }
  const removed = options.cancelRemoved
    ? existing.filter(
        (row) =>
          isOpen(row.status) &&
          row.namedUnitIds.every(
            (named) =>
              !wantedKeys.has(
                obligationKey({ code: row.itemCode, role: row.role, occurrence: row.occurrence }, named),
              ),
          ),
      )
    : [];

  result.created = await createMissing(
    tx,
    tenantId,
    planId,
    head.currentVersion,
    missing,
    today,
    historicalBefore,
  );
  const author = { authorUserId: version.publishedBy, authorName: version.publishedByName };
  const now = clock.now();
  if (removed.length > 0) {
    const ids = removed.map((row) => row.id);
    await tx
      .update(assignments)
      .set({
        status: "cancelled",
        cancelledInVersion: head.currentVersion,
        version: sql`${assignments.version} + 1`,
        updatedAt: now,
      })
      .where(inArray(assignments.id, ids));
    await insertChunked(
      tx,
      removed.map((row) => ({
        tenantId,
        assignmentId: row.id,
        kind: "status",
        statusFrom: row.status,
        statusTo: "cancelled",
        reason: planReason("removed", head.currentVersion),
        reportedOn: today,
        ...author,
      })),
    );
    result.cancelled = removed.length;
  }
  if (reopen.size > 0) {
    const ids = [...reopen];
    await tx
      .update(assignments)
      .set({
        status: "not_started",
        cancelledInVersion: null,
        version: sql`${assignments.version} + 1`,
        updatedAt: now,
      })
      .where(inArray(assignments.id, ids));
    await insertChunked(
      tx,
      ids.map((assignmentId) => ({
        tenantId,
        assignmentId,
        kind: "status",
        statusFrom: "cancelled",
        statusTo: "not_started",
        reason: planReason("back", head.currentVersion),
        reportedOn: today,
        ...author,
      })),
    );
    result.reopened = ids.length;
  }
  for (const [id, dueDate] of redate) {
    await tx
      .update(assignments)
      .set({ dueDate, version: sql`${assignments.version} + 1`, updatedAt: now })
      .where(eq(assignments.id, id));
  }
  result.redated = redate.size;

  if (result.created + result.cancelled + result.reopened + result.redated > 0) {
    await recordAudit(tx, {
      tenantId,
      actor: { userId: version.publishedBy, name: version.publishedByName },
      action: "assignments.sync",
      entityType: "plan",
      entityId: planId,
      after: { version: head.currentVersion, today, ...result },
    });
  }
  return result;
}

async function insertChunked(tx: DbOrTx, values: (typeof assignmentUpdates.$inferInsert)[]) {
  for (let i = 0; i < values.length; i += CHUNK) {
    await tx.insert(assignmentUpdates).values(values.slice(i, i + CHUNK));
  }
}

/** The units carrying a named unit's duties today: itself while in force, else its successors. */
export function carrierResolver(tx: DbOrTx, tenantId: string, today: string) {
  const memo = new Map<string, Promise<string[]>>();
  return (unitId: string): Promise<string[]> => {
    let found = memo.get(unitId);
    if (!found) {
      found = carriersOn(tx, tenantId, unitId, today).then((paths) => {
        const ids = [...new Set(paths.map((path) => path.at(-1)?.unitId ?? unitId))];
        // A unit closed with no successor still owes it: the obligation stays visible on it.
        return ids.length > 0 ? ids : [unitId];
      });
      memo.set(unitId, found);
    }
    return found;
  };
}

async function createMissing(
  tx: DbOrTx,
  tenantId: string,
  planId: string,
  planVersion: number,
  missing: Obligation[],
  today: string,
  historicalBefore: string | null,
): Promise<number> {
  if (missing.length === 0) return 0;
  const carriers = carrierResolver(tx, tenantId, today);
  const rows = new Map<string, typeof assignments.$inferInsert & { namedUnitIds: string[] }>();
  for (const o of missing) {
    for (const unitId of await carriers(o.namedUnitId)) {
      const key = obligationKey({ ...o, occurrence: o.key }, unitId);
      const row = rows.get(key);
      if (row) {
        if (!row.namedUnitIds.includes(o.namedUnitId)) row.namedUnitIds.push(o.namedUnitId);
        continue;
      }
      rows.set(key, {
        tenantId,
        planId,
        itemCode: o.code,
        unitId,
        role: o.role,
        occurrence: o.key,
        namedUnitIds: [o.namedUnitId],
        dueDate: o.dueDate,
        startsOn: o.startsOn,
        planVersion,
        historical: historicalBefore !== null && o.dueDate !== null && o.dueDate < historicalBefore,
      });
    }
  }
  const values = [...rows.values()];
  let created = 0;
  for (let i = 0; i < values.length; i += CHUNK) {
    const inserted = await tx
      .insert(assignments)
      .values(values.slice(i, i + CHUNK))
      .onConflictDoUpdate({
        target: [
          assignments.planId,
          assignments.itemCode,
          assignments.unitId,
          assignments.role,
          assignments.occurrence,
        ],
        set: { namedUnitIds: unionNamed },
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    created += inserted.filter((row) => row.inserted).length;
  }
  return created;
}

/** On a key that exists already: the row answers for one more named unit; nothing else changes. */
export const unionNamed = sql`(SELECT array_agg(DISTINCT n) FROM unnest(${assignments.namedUnitIds} || excluded.named_unit_ids) AS n)`;

/** Every published plan of the tenant gets the occurrences due until the period after today's. */
export async function ensureOccurrences(tx: DbOrTx, tenantId: string, today: string): Promise<SyncResult> {
  const total: SyncResult = { created: 0, cancelled: 0, reopened: 0, redated: 0 };
  for (const head of await allPlanHeads(tx, tenantId)) {
    if (head.currentVersion === 0) continue;
    const result = await syncPlan(tx, tenantId, head.id, today, { cancelRemoved: false });
    total.created += result.created;
    total.redated += result.redated;
    total.reopened += result.reopened;
  }
  return total;
}

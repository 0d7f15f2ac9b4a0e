import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { recordAudit } from "../audit/service.ts";
import type { Closure, SuccessionHandler, Transfer } from "../orgs/restructure.ts";
import { plans } from "../plans/tables.ts";
import { ONCE } from "./occurrences.ts";
import { OPEN_STATUSES } from "./status.ts";
import { unionNamed } from "./sync.ts";
import { assignments, assignmentTransfers } from "./tables.ts";

/**
 * When a directory event closes a unit, its open assignments pass to its successors on the
 * effective date; what it completed, and every update it filed, stays with it untouched. A merger
 * hands the assignment over as it stands (the same body continues under a new name); a
 * dissolution or a split gives each successor its own assignment, not started, linked to the
 * original — a split by the coordinator's mapping one day, for now to every successor, listed in
 * the dry run for review. Several closed units passing the same task to one successor meet in one
 * assignment, linked to each of them. A unit closed with no successor blocks the event while it
 * has open assignments: the event is refused with the list.
 */

type Row = typeof assignments.$inferSelect;

const ROLE_VI: Record<string, string> = {
  lead: "chủ trì",
  coordinating: "phối hợp",
  implementing: "thực hiện",
  requested: "đề nghị",
};

const labelOf = (row: Pick<Row, "itemCode" | "role" | "occurrence">) =>
  `${row.itemCode} (${ROLE_VI[row.role] ?? row.role}${row.occurrence === ONCE ? "" : `, ${row.occurrence}`})`;

async function openRowsOf(tx: DbOrTx, tenantId: string, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return tx
    .select({ row: assignments, planTitle: plans.title })
    .from(assignments)
    .innerJoin(plans, eq(plans.id, assignments.planId))
    .where(
      and(
        eq(assignments.tenantId, tenantId),
        inArray(assignments.unitId, unitIds),
        inArray(assignments.status, [...OPEN_STATUSES]),
      ),
    )
    .orderBy(assignments.planId, assignments.itemCode, assignments.occurrence);
}

const shortTitle = (title: string) => (title.length > 80 ? `${title.slice(0, 77).trimEnd()}…` : title);

export const assignmentSuccession: SuccessionHandler = {
  module: "assignments",

  async plan(tx, tenantId, closures) {
    const found = await openRowsOf(
      tx,
      tenantId,
      closures.map((c) => c.unitId),
    );
    const transfers: Transfer[] = [];
    const problems: string[] = [];
    for (const closure of closures) {
      const mine = found.filter(({ row }) => row.unitId === closure.unitId);
      if (mine.length === 0) continue;
      if (closure.successorIds.length === 0) {
        for (const { row, planTitle } of mine) {
          problems.push(
            `“${closure.unitName}”: nhiệm vụ ${labelOf(row)} của kế hoạch “${shortTitle(planTitle)}” chưa hoàn thành mà không có đơn vị kế thừa / an open assignment with no successor`,
          );
        }
        continue;
      }
      const byPlan = new Map<string, { title: string; rows: Row[] }>();
      for (const { row, planTitle } of mine) {
        const entry = byPlan.get(row.planId) ?? { title: planTitle, rows: [] };
        entry.rows.push(row);
        byPlan.set(row.planId, entry);
      }
      const splitNote =
        closure.kind === "split"
          ? " — chia tách: tạm giao cho mọi đơn vị kế thừa, chờ điều phối viên xác nhận / split: passed to every successor until the coordinator confirms a mapping"
          : "";
      for (const { title, rows } of byPlan.values()) {
        transfers.push({
          module: "assignments",
          description: `Kế hoạch “${shortTitle(title)}”: ${rows.length} nhiệm vụ chưa hoàn thành / open assignments: ${rows.map(labelOf).join(", ")}${splitNote}`,
          fromUnitId: closure.unitId,
          toUnitIds: closure.successorIds,
        });
      }
    }
    return { transfers, problems };
  },

  async apply(tx, tenantId, closures, effectiveDate, eventId) {
    const found = await openRowsOf(
      tx,
      tenantId,
      closures.map((c) => c.unitId),
    );
    if (found.length === 0) return;
    const closureOf = new Map(closures.map((c) => [c.unitId, c]));
    const targets = new Map<string, { values: typeof assignments.$inferInsert; origins: Row[] }>();
    for (const { row } of found) {
      const closure = closureOf.get(row.unitId)!;
      for (const unitId of closure.successorIds) {
        const key = [row.planId, row.itemCode, unitId, row.role, row.occurrence].join("|");
        const target = targets.get(key);
        if (target) {
          target.origins.push(row);
          target.values.namedUnitIds = [
            ...new Set([...(target.values.namedUnitIds ?? []), ...row.namedUnitIds]),
          ];
          continue;
        }
        targets.set(key, { values: successorValues(row, unitId, closure), origins: [row] });
      }
    }
    const list = [...targets.values()];
    const links: (typeof assignmentTransfers.$inferInsert)[] = [];
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const saved = await tx
        .insert(assignments)
        .values(chunk.map((t) => t.values))
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
        .returning({
          id: assignments.id,
          planId: assignments.planId,
          itemCode: assignments.itemCode,
          unitId: assignments.unitId,
          role: assignments.role,
          occurrence: assignments.occurrence,
        });
      const ids = new Map(
        saved.map((s) => [[s.planId, s.itemCode, s.unitId, s.role, s.occurrence].join("|"), s.id]),
      );
      for (const target of chunk) {
        const v = target.values;
        const to = ids.get([v.planId, v.itemCode, v.unitId, v.role, v.occurrence].join("|"))!;
        for (const origin of target.origins) {
          links.push({
            tenantId,
            transferredFrom: origin.id,
            transferredTo: to,
            eventId,
            effectiveDate,
            kind: closureOf.get(origin.unitId)!.kind,
          });
        }
      }
    }
    for (let i = 0; i < links.length; i += 1000) {
      await tx
        .insert(assignmentTransfers)
        .values(links.slice(i, i + 1000))
        .onConflictDoNothing();
    }
    const moved = found.map(({ row }) => row.id);
    for (let i = 0; i < moved.length; i += 5000) {
      await tx
        .update(assignments)
        .set({ status: "transferred", version: sql`${assignments.version} + 1`, updatedAt: new Date() })
        .where(inArray(assignments.id, moved.slice(i, i + 5000)));
    }
    await recordAudit(tx, {
      tenantId,
      actor: { userId: null, name: "directory event" },
      action: "assignments.transfer",
      entityType: "unit_event",
      entityId: eventId,
      after: { effectiveDate, moved: moved.length, successorAssignments: list.length, links: links.length },
    });
  },
};

/** A merger hands over the assignment as it stands; several successors each start their own. */
function successorValues(row: Row, unitId: string, closure: Closure): typeof assignments.$inferInsert {
  const carried = closure.successorIds.length === 1;
  return {
    tenantId: row.tenantId,
    planId: row.planId,
    itemCode: row.itemCode,
    unitId,
    role: row.role,
    occurrence: row.occurrence,
    namedUnitIds: row.namedUnitIds,
    dueDate: row.dueDate,
    startsOn: row.startsOn,
    status: carried ? row.status : "not_started",
    percent: carried ? row.percent : null,
    pauseReason: carried ? row.pauseReason : null,
    planVersion: row.planVersion,
  };
}

import { and, eq, inArray, sql } from "drizzle-orm";
import { systemActor } from "../../../common/actors.ts";
import type { Locale } from "../../../common/enums.ts";
import type { SplitItem, SplitPlan } from "../../../common/schemas/restructure.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { both, type Localized } from "../../lib/errors.ts";
import { recordAudit } from "../audit/service.ts";
import type {
  Closure,
  ResolvedMapping,
  SuccessionHandler,
  SuccessorRef,
  Transfer,
} from "../orgs/restructure.ts";
import { plans } from "../plans/tables.ts";
import { ONCE } from "./occurrences.ts";
import { OPEN_STATUSES } from "./status.ts";
import { unionNamed } from "./sync.ts";
import { assignments, assignmentTransfers } from "./tables.ts";
import { planCache } from "./views.ts";

/**
 * When a directory event closes a unit, its open assignments pass to its successors on the
 * effective date; what it completed, and every update it filed, stays with it untouched. A merger
 * hands the assignment over as it stands (the same body continues under a new name); a
 * dissolution gives each successor its own assignment, not started, linked to the original. A
 * split passes each open assignment by the mapping the coordinator confirmed: the dry run proposes
 * one (the successors the task's text names, else every successor), and the event is applied only
 * once every open assignment is mapped; an assignment mapped to one successor is handed over as it
 * stands, to several each starts its own. Several closed units passing the same task to one
 * successor meet in one assignment, linked to each of them. A unit closed with no successor blocks
 * the event while it has open assignments: the event is refused with the list.
 */

type Row = typeof assignments.$inferSelect;

const ROLES: Record<string, Localized> = {
  lead: both("chủ trì", "lead"),
  coordinating: both("phối hợp", "coordinating"),
  implementing: both("thực hiện", "implementing"),
  requested: both("đề nghị", "requested"),
};

/** "II.4.a (chủ trì, 2025-Q3)": a task, the unit's role and the occurrence, in one language. */
const labelOf = (row: Pick<Row, "itemCode" | "role" | "occurrence">, locale: Locale) =>
  `${row.itemCode} (${ROLES[row.role]?.[locale] ?? row.role}${row.occurrence === ONCE ? "" : `, ${row.occurrence}`})`;
const labelsOf = (rows: Row[], locale: Locale) => rows.map((row) => labelOf(row, locale)).join(", ");

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

const openAssignments = (n: number) => (n === 1 ? "1 open assignment" : `${n} open assignments`);
const shortTitle = (title: string) => (title.length > 80 ? `${title.slice(0, 77).trimEnd()}…` : title);

/** The mapping entry for an assignment: its own, else its task's in its plan, else its task's. */
export function mappedSuccessors(row: Pick<Row, "id" | "planId" | "itemCode">, mapping: ResolvedMapping[]) {
  const entry =
    mapping.find((m) => m.assignmentId === row.id) ??
    mapping.find((m) => !m.assignmentId && m.code === row.itemCode && m.planId === row.planId) ??
    mapping.find((m) => !m.assignmentId && m.code === row.itemCode && !m.planId);
  return entry && entry.successorIds.length > 0 ? entry.successorIds : null;
}

const fold = (text: string) =>
  text.normalize("NFC").toLocaleLowerCase("vi").replace(/uỷ/g, "ủy").replace(/\s+/g, " ").trim();
const PREFIXES = [/^ủy ban nhân dân /, /^ubnd /];

/** The names a task's text may call a unit by: "Ủy ban nhân dân xã Vĩnh Hòa" is also "xã Vĩnh Hòa". */
export function spokenNames(names: string[]): string[] {
  const result = new Set<string>();
  for (const name of names) {
    const folded = fold(name);
    if (folded.length >= 4) result.add(folded);
    for (const prefix of PREFIXES) {
      const bare = folded.replace(prefix, "");
      if (bare !== folded && bare.length >= 4) result.add(bare);
    }
  }
  return [...result];
}

/**
 * The rule's proposal for one open assignment of a split unit: the successors its task's text (or
 * its actors) names, when that narrows it; else every successor.
 */
export function proposeSuccessors(
  text: string,
  successors: SuccessorRef[],
): { ids: string[]; reason: SplitItem["reason"] } {
  const haystack = fold(text);
  const named = successors.filter((s) => spokenNames(s.names).some((n) => haystack.includes(n)));
  if (named.length > 0 && named.length < successors.length)
    return { ids: named.map((s) => s.id), reason: "named" };
  return { ids: successors.map((s) => s.id), reason: "all" };
}

export const assignmentSuccession: SuccessionHandler = {
  module: "assignments",

  async plan(tx, tenantId, closures) {
    const found = await openRowsOf(
      tx,
      tenantId,
      closures.map((c) => c.unitId),
    );
    const transfers: Transfer[] = [];
    const problems: Localized[] = [];
    const splits: SplitPlan[] = [];
    const invalid: string[] = [];
    const plansOf = planCache(tx, tenantId);
    for (const closure of closures) {
      if (closure.split) {
        const result = await planSplit(closure, found, plansOf);
        if (result.plan) splits.push(result.plan);
        transfers.push(...result.transfers);
        invalid.push(...result.invalid);
        continue;
      }
      const mine = found.filter(({ row }) => row.unitId === closure.unitId);
      if (mine.length === 0) continue;
      if (closure.successorIds.length === 0) {
        for (const { row, planTitle } of mine) {
          const plan = shortTitle(planTitle);
          problems.push(
            both(
              `“${closure.unitName}”: nhiệm vụ ${labelOf(row, "vi")} của kế hoạch “${plan}” chưa hoàn thành mà không có đơn vị kế thừa`,
              `“${closure.unitName}”: the task ${labelOf(row, "en")} of the plan “${plan}” is open and has no successor`,
            ),
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
      for (const { title, rows } of byPlan.values()) {
        transfers.push({
          module: "assignments",
          description: both(
            `Kế hoạch “${shortTitle(title)}”: ${rows.length} nhiệm vụ chưa hoàn thành: ${labelsOf(rows, "vi")}`,
            `Plan “${shortTitle(title)}”: ${openAssignments(rows.length)}: ${labelsOf(rows, "en")}`,
          ),
          fromUnitId: closure.unitId,
          toUnitIds: closure.successorIds,
        });
      }
    }
    return { transfers, problems, splits, invalid };
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
      // A split is applied only once every open assignment is mapped (the event checks it first).
      const successorIds =
        (closure.split?.mapping && mappedSuccessors(row, closure.split.mapping)) || closure.successorIds;
      for (const unitId of successorIds) {
        const key = [row.planId, row.itemCode, unitId, row.role, row.occurrence].join("|");
        const target = targets.get(key);
        if (target) {
          target.origins.push(row);
          target.values.namedUnitIds = [
            ...new Set([...(target.values.namedUnitIds ?? []), ...row.namedUnitIds]),
          ];
          continue;
        }
        targets.set(key, { values: successorValues(row, unitId, successorIds.length === 1), origins: [row] });
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
        .set({ status: "transferred", version: sql`${assignments.version} + 1`, updatedAt: clock.now() })
        .where(inArray(assignments.id, moved.slice(i, i + 5000)));
    }
    await recordAudit(tx, {
      tenantId,
      actor: systemActor("directory"),
      action: "assignments.transfer",
      entityType: "unit_event",
      entityId: eventId,
      after: { effectiveDate, moved: moved.length, successorAssignments: list.length, links: links.length },
    });
  },
};

/**
 * The open assignments of a unit a split closes: the proposal for each, the mapping given, and
 * what would move where. Mapping entries naming nothing the unit holds open are reported.
 */
async function planSplit(
  closure: Closure,
  found: { row: Row; planTitle: string }[],
  plansOf: ReturnType<typeof planCache>,
): Promise<{ plan: SplitPlan | null; transfers: Transfer[]; invalid: string[] }> {
  const split = closure.split!;
  const mine = found.filter(({ row }) => row.unitId === closure.unitId);
  const invalid: string[] = [];
  for (const entry of split.mapping ?? []) {
    const matches = mine.some(({ row }) =>
      entry.assignmentId
        ? row.id === entry.assignmentId
        : row.itemCode === entry.code && (!entry.planId || row.planId === entry.planId),
    );
    if (!matches) {
      invalid.push(
        `change ${split.changeIndex + 1} (split): the mapping names ${entry.assignmentId ? `the assignment ${entry.assignmentId}` : `the task ${entry.code}`}, which “${closure.unitName}” does not hold open`,
      );
    }
  }
  if (mine.length === 0) return { plan: null, transfers: [], invalid };
  const refOf = new Map(split.successors.map((s) => [s.id, s.ref ?? s.name]));
  const items: SplitItem[] = [];
  const byPlan = new Map<string, { title: string; rows: Row[]; to: Set<string>; waiting: number }>();
  for (const { row, planTitle } of mine) {
    const item = (await plansOf(row.planId))?.items.get(row.itemCode);
    const text = item ? [item.title ?? "", item.text, ...Object.values(item.actors).flat()].join("\n") : "";
    const proposal = proposeSuccessors(text, split.successors);
    const mapped = split.mapping ? mappedSuccessors(row, split.mapping) : null;
    items.push({
      module: "assignments",
      assignmentId: row.id,
      planId: row.planId,
      planTitle,
      code: row.itemCode,
      label: item ? (item.title ?? item.text).slice(0, 200) : row.itemCode,
      role: row.role,
      occurrence: row.occurrence,
      status: row.status,
      proposed: proposal.ids.map((id) => refOf.get(id)!),
      reason: proposal.reason,
      mapped: mapped ? mapped.map((id) => refOf.get(id)!) : null,
    });
    const entry = byPlan.get(row.planId) ?? { title: planTitle, rows: [], to: new Set(), waiting: 0 };
    entry.rows.push(row);
    if (mapped) for (const id of mapped) entry.to.add(id);
    else entry.waiting++;
    byPlan.set(row.planId, entry);
  }
  const transfers = [...byPlan.values()].map(({ title, rows, to, waiting }) => ({
    module: "assignments",
    description: both(
      `Kế hoạch “${shortTitle(title)}”: ${rows.length} nhiệm vụ chưa hoàn thành: ${labelsOf(rows, "vi")} — ${
        waiting > 0
          ? `chia tách: ${waiting} nhiệm vụ chờ xác nhận phân giao`
          : "chia tách theo phân giao đã xác nhận"
      }`,
      `Plan “${shortTitle(title)}”: ${openAssignments(rows.length)}: ${labelsOf(rows, "en")} — ${
        waiting > 0
          ? `split: ${waiting} awaiting the coordinator's mapping`
          : "split by the confirmed mapping"
      }`,
    ),
    fromUnitId: closure.unitId,
    toUnitIds: waiting > 0 ? closure.successorIds : closure.successorIds.filter((id) => to.has(id)),
  }));
  return {
    plan: {
      changeIndex: split.changeIndex,
      from: { id: closure.unitId, name: closure.unitName },
      successors: split.successors.map((s) => ({ ref: s.ref, name: s.name })),
      items,
    },
    transfers,
    invalid,
  };
}

/** One successor continues the assignment as it stands; several each start their own. */
function successorValues(row: Row, unitId: string, carried: boolean): typeof assignments.$inferInsert {
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

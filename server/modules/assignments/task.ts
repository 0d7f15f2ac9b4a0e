import { and, eq } from "drizzle-orm";
import type { PlanItem } from "../../../common/plan-tree.ts";
import type { Counts, RequestedCounts } from "../../../common/schemas/assignments.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { both, notFound } from "../../lib/errors.ts";
import { carriersOn } from "../orgs/lineage.ts";
import { versionRow } from "../plans/publish.ts";
import { accessPlan } from "../plans/registry.ts";
import { locate } from "../plans/tree.ts";
import { compareCodes } from "./list.ts";
import { itemLabel } from "./obligations.ts";
import { publishedPlan, rollupRows, weightsOf } from "./progress.ts";
import { rollup } from "./rollup.ts";
import { type Scope, scopeCondition } from "./scope.ts";
import { emptyCounts, emptyRequested, ROLE_PRECEDENCE, ROLLUP_RULE, tally } from "./status.ts";
import { assignments } from "./tables.ts";
import { planCache, toSummaries } from "./views.ts";

/** The task page and the heading × unit matrix: what the web app's two main screens show. */

/** Who the plan named for a task, each unit with who carries its duties today if it closed since. */
async function actorsOf(
  db: DbOrTx,
  scope: Scope,
  item: PlanItem,
  resolved: Map<string, string[]>,
  today: string,
) {
  const result = [];
  for (const role of ROLE_PRECEDENCE) {
    for (const mention of item.actors[role]) {
      const units = [];
      for (const unitId of resolved.get(mention) ?? []) {
        const unit = scope.directory.unit(unitId);
        const closed = !!unit?.validTo && unit.validTo < today;
        const paths = closed ? await carriersOn(db, scope.actor.tenantId, unitId, today) : [];
        units.push({
          id: unitId,
          name: unit?.name ?? unitId,
          validTo: unit?.validTo ?? null,
          carriers: paths.map((path) =>
            path.map((step) => ({
              unitId: step.unitId,
              name: step.name,
              since: step.since,
              eventTitle: step.eventTitle,
            })),
          ),
        });
      }
      result.push({ role, mention, units });
    }
  }
  return result;
}

export async function taskPage(db: DbOrTx, scope: Scope, planId: string, code: string, today: string) {
  const { row: planRow } = await accessPlan(db, scope.actor, planId, "read");
  const plans = planCache(db, scope.actor.tenantId);
  const plan = await plans(planId);
  if (!plan) throw notFound(both("phiên bản đã ban hành", "published version"));
  const located = locate(plan.tree, code);
  if (!located) throw notFound(both(`mục ${code}`, `item ${code}`));
  const { item } = located;
  const version = (await versionRow(db, planId, plan.version))!;
  const resolved = new Map(version.mentions.map((m) => [m.mention, m.unitIds]));
  const path: { code: string; title: string | null }[] = [];
  for (let parts = code.split("."), i = 1; i < parts.length; i++) {
    const ancestor = plan.items.get(parts.slice(0, i).join("."));
    if (ancestor) path.push({ code: ancestor.code, title: ancestor.title });
  }
  const lines = item.source?.lines;
  const rows = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.planId, planId), eq(assignments.itemCode, code), scopeCondition(scope)));
  rows.sort(
    (a, b) =>
      ROLE_PRECEDENCE.indexOf(a.role as never) - ROLE_PRECEDENCE.indexOf(b.role as never) ||
      scope.directory.name(a.unitId).localeCompare(scope.directory.name(b.unitId), "vi") ||
      a.occurrence.localeCompare(b.occurrence),
  );
  const progress =
    rollup({ items: [item] }, rows, await weightsOf(db, planId), today).byCode.get(code) ?? null;
  return {
    plan: { id: planId, title: plan.title, version: plan.version },
    item: {
      code: item.code,
      kind: item.kind,
      title: item.title,
      text: item.text,
      due: item.due,
      source: lines ? { lines, text: planRow.sourceText.split("\n").slice(lines[0] - 1, lines[1]) } : null,
      path,
      children: item.children.map((child) => ({
        code: child.code,
        kind: child.kind,
        label: itemLabel(child),
      })),
    },
    actors: await actorsOf(db, scope, item, resolved, today),
    assignments: await toSummaries(db, scope, rows, today, plans),
    progress,
    rule: ROLLUP_RULE,
  };
}

type Tone = keyof Counts | "requested";

function toneOf(counts: Counts): Tone {
  if (counts.open_overdue > 0) return "open_overdue";
  if (counts.open_within_deadline > 0) return "open_within_deadline";
  if (counts.completed_late > 0) return "completed_late";
  if (counts.completed_on_time > 0) return "completed_on_time";
  return "requested";
}

/** Task headings × units, each cell with its counts, its colour and its progress. */
export async function planMatrix(db: DbOrTx, scope: Scope, planId: string, today: string) {
  const plan = await publishedPlan(db, scope.actor, planId);
  const rows = await rollupRows(db, scope, planId);
  const weights = await weightsOf(db, planId);
  const cells = new Map<
    string,
    { heading: string; unitId: string; counts: Counts; requested: RequestedCounts }
  >();
  const byUnit = new Map<string, typeof rows>();
  for (const row of rows) {
    const heading = plan.headings.get(row.itemCode) ?? row.itemCode;
    const key = `${heading}|${row.unitId}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { heading, unitId: row.unitId, counts: emptyCounts(), requested: emptyRequested() };
      cells.set(key, cell);
    }
    tally(cell.counts, cell.requested, row, today);
    byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row]);
  }
  const progressOf = new Map<string, Map<string, number | null>>();
  for (const [unitId, unitRows] of byUnit)
    progressOf.set(unitId, rollup(plan.tree, unitRows, weights, today).byCode);
  const headingCodes = [...new Set([...cells.values()].map((cell) => cell.heading))].sort(compareCodes);
  const unitIds = [...byUnit.keys()].sort((a, b) =>
    scope.directory.name(a).localeCompare(scope.directory.name(b), "vi"),
  );
  return {
    today,
    rule: ROLLUP_RULE,
    headings: headingCodes.map((code) => {
      const item = plan.items.get(code);
      return { code, title: item ? itemLabel(item) : code };
    }),
    units: unitIds.map((id) => ({ id, name: scope.directory.name(id) })),
    cells: [...cells.values()]
      .filter(
        (cell) =>
          Object.values(cell.counts).some((n) => n > 0) || cell.requested.open + cell.requested.completed > 0,
      )
      .map((cell) => ({
        ...cell,
        tone: toneOf(cell.counts),
        progress: progressOf.get(cell.unitId)?.get(cell.heading) ?? null,
      })),
  };
}

import { and, eq, notInArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize, may } from "../authorize.ts";
import { accessPlan } from "../plans/registry.ts";
import { type RollupRow, rollup } from "./rollup.ts";
import { type Scope, scopeCondition } from "./scope.ts";
import { ROLLUP_RULE } from "./status.ts";
import { assignments, assignmentWeights } from "./tables.ts";
import { type PlanInfo, planCache } from "./views.ts";

/** A plan's progress rolled up its tree, and the coordinator's weights that shape it. */

/** The plan (through the plans module's one scope) and its version in force, or "not found". */
export async function publishedPlan(db: DbOrTx, actor: Actor, planId: string): Promise<PlanInfo> {
  await accessPlan(db, actor, planId, "read");
  const plan = await planCache(db, actor.tenantId)(planId);
  if (!plan) throw notFound(both("phiên bản đã ban hành", "published version"));
  return plan;
}

export async function weightsOf(db: DbOrTx, planId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ code: assignmentWeights.itemCode, weight: assignmentWeights.weight })
    .from(assignmentWeights)
    .where(eq(assignmentWeights.planId, planId));
  return new Map(rows.map((row) => [row.code, row.weight]));
}

/** The plan's rows the actor may see, as the rollup needs them. */
export async function rollupRows(db: DbOrTx, scope: Scope, planId: string) {
  return db
    .select({
      itemCode: assignments.itemCode,
      unitId: assignments.unitId,
      status: assignments.status,
      role: assignments.role,
      percent: assignments.percent,
      startsOn: assignments.startsOn,
      dueDate: assignments.dueDate,
      completedOn: assignments.completedOn,
      historical: assignments.historical,
    })
    .from(assignments)
    .where(
      and(
        eq(assignments.planId, planId),
        scopeCondition(scope),
        notInArray(assignments.status, ["cancelled", "transferred"]),
      ),
    );
}

export async function planProgress(db: DbOrTx, scope: Scope, planId: string, today: string) {
  const plan = await publishedPlan(db, scope.actor, planId);
  const rows: RollupRow[] = await rollupRows(db, scope, planId);
  const result = rollup(plan.tree, rows, await weightsOf(db, planId), today);
  return {
    planId,
    version: plan.version,
    today,
    rule: ROLLUP_RULE,
    progress: result.progress,
    items: result.items,
    permissions: {
      editWeights: may(scope.actor, "assignments.editWeights", { tenantId: scope.actor.tenantId }),
    },
  };
}

/** Sets (or, with null, resets to 1) an item's weight in its parent's progress. */
export async function setWeight(
  tx: DbOrTx,
  actor: Actor,
  author: AuditActor,
  planId: string,
  body: { code: string; weight: number | null },
) {
  const plan = await publishedPlan(tx, actor, planId);
  authorize(actor, "assignments.editWeights", { tenantId: actor.tenantId });
  if (!plan.items.has(body.code)) {
    throw new AppError(400, "link_code_not_found", { code: body.code, plan: plan.title }, "code");
  }
  const before = (await weightsOf(tx, planId)).get(body.code) ?? null;
  if (body.weight === null) {
    await tx
      .delete(assignmentWeights)
      .where(and(eq(assignmentWeights.planId, planId), eq(assignmentWeights.itemCode, body.code)));
  } else {
    const set = {
      weight: body.weight,
      updatedBy: author.userId,
      updatedByName: author.name,
      updatedAt: clock.now(),
    };
    await tx
      .insert(assignmentWeights)
      .values({ tenantId: actor.tenantId, planId, itemCode: body.code, ...set })
      .onConflictDoUpdate({ target: [assignmentWeights.planId, assignmentWeights.itemCode], set });
  }
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: author,
    action: "assignment.weight",
    entityType: "plan",
    entityId: planId,
    before: { code: body.code, weight: before },
    after: { code: body.code, weight: body.weight },
  });
}

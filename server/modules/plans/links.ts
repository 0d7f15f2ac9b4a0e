import { and, asc, eq, sql } from "drizzle-orm";
import type { MentionRole, PlanLink, SubPlanStatusEntry } from "../../../common/schemas/plans.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { AppError } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import type { Actor } from "../auth/actor.ts";
import { versionRow } from "./publish.ts";
import { listPlans, lockPlan, type PlanRow, planHead } from "./registry.ts";
import { planLinks } from "./tables.ts";
import { collectMentions, locate } from "./tree.ts";

/**
 * Sub-plans (kế hoạch cụ thể, III.1 of the seed): a unit's plan under a parent plan, its tasks
 * linked to the parent tasks they carry out, and which named units have issued theirs.
 */

type LinkRow = typeof planLinks.$inferSelect;

function toLink(row: LinkRow): PlanLink {
  return {
    id: row.id,
    childCode: row.childCode,
    parentPlanId: row.parentPlanId,
    parentCode: row.parentCode,
    by: row.createdByName,
    at: new Date(row.createdAt).toISOString(),
  };
}

export async function listLinks(db: DbOrTx, planId: string): Promise<PlanLink[]> {
  const rows = await db
    .select()
    .from(planLinks)
    .where(eq(planLinks.planId, planId))
    .orderBy(asc(planLinks.childCode), asc(planLinks.parentCode));
  return rows.map(toLink);
}

/**
 * Links a task of the sub-plan to the parent task it carries out. The parent is the sub-plan's
 * own (from the row, never from the request); both codes must exist: the child's in its working
 * tree, the parent's in the parent's version in force. Linking twice changes nothing.
 */
export async function addLink(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  planId: string,
  body: { childCode: string; parentCode: string },
): Promise<{ link: PlanLink; created: boolean }> {
  const row = await lockPlan(tx, tenantId, planId);
  if (!row.parentPlanId) throw new AppError(409, "not_a_sub_plan");
  if (!locate(row.workingTree, body.childCode)) {
    throw new AppError(400, "link_code_not_found", { code: body.childCode, plan: row.title }, "childCode");
  }
  const parent = (await planHead(tx, tenantId, row.parentPlanId))!;
  const inForce = parent.currentVersion > 0 ? await versionRow(tx, parent.id, parent.currentVersion) : null;
  if (!inForce || !locate(inForce.tree, body.parentCode)) {
    throw new AppError(
      400,
      "link_code_not_found",
      { code: body.parentCode, plan: parent.title },
      "parentCode",
    );
  }
  const values = {
    tenantId,
    planId,
    childCode: body.childCode,
    parentPlanId: parent.id,
    parentCode: body.parentCode,
    createdBy: actor.userId,
    createdByName: actor.name,
  };
  const [created] = await tx.insert(planLinks).values(values).onConflictDoNothing().returning();
  if (!created) {
    const [existing] = await tx
      .select()
      .from(planLinks)
      .where(
        and(
          eq(planLinks.planId, planId),
          eq(planLinks.childCode, body.childCode),
          eq(planLinks.parentCode, body.parentCode),
        ),
      );
    return { link: toLink(existing), created: false };
  }
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "plan.link",
    entityType: "plan",
    entityId: planId,
    after: { childCode: body.childCode, parentPlanId: parent.id, parentCode: body.parentCode },
  });
  return { link: toLink(created), created: true };
}

/** After a merge retires `from`, links that named it name the item it became part of. */
export async function repointLinks(tx: DbOrTx, planId: string, from: string, to: string) {
  await tx.execute(sql`
    DELETE FROM plan_links l WHERE l.plan_id = ${planId} AND l.child_code = ${from}
      AND EXISTS (SELECT 1 FROM plan_links k WHERE k.plan_id = l.plan_id AND k.child_code = ${to}
                  AND k.parent_code = l.parent_code)`);
  await tx.execute(
    sql`UPDATE plan_links SET child_code = ${to} WHERE plan_id = ${planId} AND child_code = ${from}`,
  );
  await tx.execute(sql`
    DELETE FROM plan_links l WHERE l.parent_plan_id = ${planId} AND l.parent_code = ${from}
      AND EXISTS (SELECT 1 FROM plan_links k WHERE k.plan_id = l.plan_id AND k.child_code = l.child_code
                  AND k.parent_code = ${to})`);
  await tx.execute(
    sql`UPDATE plan_links SET parent_code = ${to} WHERE parent_plan_id = ${planId} AND parent_code = ${from}`,
  );
}

/** Receiving reports is no part to plan for: a unit named only as a report's addressee owes none. */
const RECEIVING: MentionRole[] = ["reporting_to", "reporting_via"];

/**
 * For every unit the plan's version in force names (resolved), with the parts it plays, whether it
 * has issued its sub-plan: a published child plan it owns. Drafts do not count, and are not shown.
 */
export async function subPlanStatus(
  db: DbOrTx,
  actor: Actor,
  row: PlanRow,
  unitName: (id: string) => string | null,
): Promise<SubPlanStatusEntry[]> {
  if (row.currentVersion === 0) return [];
  const version = await versionRow(db, row.id, row.currentVersion);
  if (!version) return [];
  const roles = new Map<string, Set<MentionRole>>();
  const resolved = new Map(version.mentions.map((m) => [m.mention, m.unitIds]));
  for (const use of collectMentions(version.tree)) {
    const owing = use.roles.filter((role) => !RECEIVING.includes(role));
    if (owing.length === 0) continue;
    for (const unitId of resolved.get(use.mention) ?? []) {
      const set = roles.get(unitId) ?? new Set<MentionRole>();
      for (const role of owing) set.add(role);
      roles.set(unitId, set);
    }
  }
  const children = (await listPlans(db, actor, { parent: row.id })).filter(
    (child) => child.currentVersion > 0,
  );
  const entries = [...roles].map(([unitId, unitRoles]) => {
    const plan = children.find((child) => child.ownerUnit?.id === unitId) ?? null;
    return {
      unit: { id: unitId, name: unitName(unitId) ?? unitId },
      roles: [...unitRoles],
      issued: plan !== null,
      plan,
    };
  });
  return entries.sort(
    (a, b) => Number(b.issued) - Number(a.issued) || a.unit.name.localeCompare(b.unit.name, "vi"),
  );
}

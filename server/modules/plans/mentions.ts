import { and, eq, sql } from "drizzle-orm";
import type { MentionPut, PlanMention, TreeMention } from "../../../common/schemas/plans.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { groupMembers, listGroups } from "../orgs/groups.ts";
import { listUnits, type UnitUsageCheck } from "../orgs/service.ts";
import { offerFor } from "./offers.ts";
import { assertEditable, lockPlan, type PlanRow } from "./registry.ts";
import { type FrozenMention, planMentions, plans } from "./tables.ts";
import { collectMentions, planAsOf } from "./tree.ts";

/**
 * Resolving the plan's mentions ("Sở Nội vụ", "UBND các huyện, thành phố") to directory units.
 * A resolution sits beside the tree in `plan_mentions`, keyed by the mention as written; the
 * tree keeps its words. A group resolves to its members valid on the plan's date.
 */

type ResolutionRow = typeof planMentions.$inferSelect;

type PlanForMentions = Pick<PlanRow, "id" | "workingTree" | "docDate" | "createdAt">;

export async function resolutionRows(db: DbOrTx, planId: string): Promise<Map<string, ResolutionRow>> {
  const rows = await db.select().from(planMentions).where(eq(planMentions.planId, planId));
  return new Map(rows.map((row) => [row.mention, row]));
}

export const asOfFor = (row: Pick<PlanRow, "docDate" | "createdAt">) => planAsOf(row.docDate, row.createdAt);

/** The mentions of the working tree not yet confirmed: publishing waits for none to be left. */
export async function unresolvedMentions(db: DbOrTx, row: PlanForMentions): Promise<string[]> {
  const resolved = await resolutionRows(db, row.id);
  return collectMentions(row.workingTree)
    .map((use) => use.mention)
    .filter((mention) => !resolved.get(mention)?.confirmed);
}

/** The resolutions of the mentions the working tree uses, as the tree endpoint serves them. */
export async function treeMentions(db: DbOrTx, row: PlanForMentions): Promise<TreeMention[]> {
  const resolved = await resolutionRows(db, row.id);
  return collectMentions(row.workingTree).map(({ mention }) => {
    const found = resolved.get(mention);
    return {
      mention,
      unit_ids: found?.unitIds ?? [],
      group_id: found?.groupId ?? null,
      confirmed: found?.confirmed ?? false,
    };
  });
}

/** What a version freezes: the confirmed resolution of every mention its tree uses. */
export async function frozenMentions(db: DbOrTx, row: PlanForMentions): Promise<FrozenMention[]> {
  const resolved = await resolutionRows(db, row.id);
  return collectMentions(row.workingTree).flatMap(({ mention }) => {
    const found = resolved.get(mention);
    return found?.confirmed ? [{ mention, unitIds: found.unitIds, groupId: found.groupId }] : [];
  });
}

/**
 * Every distinct mention with its uses, the choices offered for it (offers.ts: one-click ones
 * only, groups only for a collective mention) and its resolution, marked when it is the exact
 * name the review confirmed without a click.
 */
export async function listMentions(
  db: DbOrTx,
  tenantId: string,
  row: PlanForMentions,
): Promise<PlanMention[]> {
  const resolved = await resolutionRows(db, row.id);
  const names = new Map((await listUnits(db, tenantId)).map((unit) => [unit.id, unit.name]));
  const asOf = asOfFor(row);
  const result: PlanMention[] = [];
  for (const use of collectMentions(row.workingTree)) {
    const found = resolved.get(use.mention);
    const offer = await offerFor(db, tenantId, use.mention, asOf);
    const certain = offer.certain;
    const byExactName =
      !!found?.confirmed &&
      !!certain &&
      (certain.kind === "group"
        ? found.groupId === certain.id
        : found.groupId === null && found.unitIds.length === 1 && found.unitIds[0] === certain.id);
    result.push({
      ...use,
      collective: offer.collective,
      suggestions: offer.suggestions,
      resolution: found
        ? {
            unitIds: found.unitIds,
            groupId: found.groupId,
            confirmed: found.confirmed,
            byExactName,
            units: found.unitIds.map((id) => ({ id, name: names.get(id) ?? id })),
            by: found.updatedByName,
            at: new Date(found.updatedAt).toISOString(),
          }
        : null,
    });
  }
  return result;
}

/** A group's members on the plan's date, then the units chosen one by one; all must exist. */
async function expand(
  tx: DbOrTx,
  tenantId: string,
  row: PlanForMentions,
  groupId: string | null,
  unitIds: string[],
) {
  const ids: string[] = [];
  if (groupId) {
    if (!(await listGroups(tx, tenantId)).some((group) => group.id === groupId)) {
      throw new AppError(400, "unknown_units", { ids: groupId }, "groupId");
    }
    ids.push(...(await groupMembers(tx, tenantId, groupId, asOfFor(row))).map((unit) => unit.id));
  }
  if (unitIds.length > 0) {
    const known = new Set((await listUnits(tx, tenantId)).map((unit) => unit.id));
    const missing = unitIds.filter((id) => !known.has(id));
    if (missing.length > 0) throw new AppError(400, "unknown_units", { ids: missing.join(", ") }, "unitIds");
  }
  return [...new Set([...ids, ...unitIds])];
}

async function store(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  planId: string,
  value: { mention: string; unitIds: string[]; groupId: string | null; confirmed: boolean },
) {
  const set = {
    unitIds: value.unitIds,
    groupId: value.groupId,
    confirmed: value.confirmed,
    updatedBy: actor.userId,
    updatedByName: actor.name,
    updatedAt: clock.now(),
  };
  await tx
    .insert(planMentions)
    .values({ tenantId, planId, mention: value.mention, ...set })
    .onConflictDoUpdate({ target: [planMentions.planId, planMentions.mention], set });
}

/** Records the coordinator's choice for one mention of a draft (or an amendment draft). */
export async function resolveMention(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  planId: string,
  input: Pick<MentionPut, "mention" | "unitIds" | "groupId" | "confirmed">,
) {
  const row = await lockPlan(tx, tenantId, planId);
  assertEditable(row);
  if (!collectMentions(row.workingTree).some((use) => use.mention === input.mention)) {
    throw new AppError(400, "mention_not_in_plan", { mention: input.mention }, "mention");
  }
  const before = (await resolutionRows(tx, planId)).get(input.mention);
  const groupId = input.groupId ?? null;
  const unitIds = await expand(tx, tenantId, row, groupId, input.unitIds ?? []);
  const value = { mention: input.mention, unitIds, groupId, confirmed: input.confirmed };
  await store(tx, tenantId, actor, planId, value);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "plan.mention.resolve",
    entityType: "plan",
    entityId: planId,
    before: before ? { mention: before.mention, unitIds: before.unitIds, groupId: before.groupId } : null,
    after: value,
  });
  return value;
}

/**
 * Confirms every mention nobody has chosen for yet whose one best suggestion is certain: an exact
 * unit name, or an exact group name whose group has members on the plan's date (a collective
 * mention only by a group). An alias, a tie or an empty group ("các đơn vị liên quan") is left to
 * a person. Run on every import, so exact names never wait for a click.
 */
export async function autoConfirm(tx: DbOrTx, tenantId: string, actor: AuditActor, planId: string) {
  const row = await lockPlan(tx, tenantId, planId);
  assertEditable(row);
  const resolved = await resolutionRows(tx, planId);
  const confirmed: string[] = [];
  const remaining: string[] = [];
  for (const { mention } of collectMentions(row.workingTree)) {
    const existing = resolved.get(mention);
    if (existing?.confirmed) continue;
    const certain = existing ? null : (await offerFor(tx, tenantId, mention, asOfFor(row))).certain;
    let unitIds: string[] = [];
    if (certain?.kind === "unit") unitIds = [certain.id];
    if (certain?.kind === "group") unitIds = await expand(tx, tenantId, row, certain.id, []);
    if (!certain || unitIds.length === 0) {
      remaining.push(mention);
      continue;
    }
    const groupId = certain.kind === "group" ? certain.id : null;
    await store(tx, tenantId, actor, planId, { mention, unitIds, groupId, confirmed: true });
    confirmed.push(mention);
  }
  if (confirmed.length > 0) {
    await recordAudit(tx, {
      tenantId,
      actor,
      action: "plan.mention.auto_confirm",
      entityType: "plan",
      entityId: planId,
      after: { confirmed },
    });
  }
  return { confirmed, remaining };
}

/** Resolutions carried by a loaded tree (`mentions` as the tree endpoint writes them). */
export async function applyResolutions(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  planId: string,
  list: TreeMention[],
) {
  for (const entry of list) {
    if (!entry.confirmed || (entry.unit_ids.length === 0 && !entry.group_id)) continue;
    await resolveMention(tx, tenantId, actor, planId, {
      mention: entry.mention,
      unitIds: entry.unit_ids,
      groupId: entry.group_id ?? undefined,
      confirmed: true,
    });
  }
}

/** A unit named by a plan, or owning one, cannot be deleted from the directory. */
export const planUnitUsage: UnitUsageCheck = async (db, tenantId, unitId) => {
  const [named] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(planMentions)
    .where(and(eq(planMentions.tenantId, tenantId), sql`${unitId}::uuid = ANY(${planMentions.unitIds})`));
  const [owned] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.ownerUnitId, unitId)));
  const total = named.n + owned.n;
  return total > 0 ? both(`${total} kế hoạch`, total === 1 ? "1 plan" : `${total} plans`) : null;
};

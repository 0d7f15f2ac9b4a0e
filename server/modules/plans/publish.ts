import { and, asc, eq, sql } from "drizzle-orm";
import type { PlanTree } from "../../../common/plan-tree.ts";
import type { PlanDiff, PlanVersion, TreeMention } from "../../../common/schemas/plans.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, conflict, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { type DiffSide, diffVersions } from "./diff.ts";
import { previewPublish, runPublishHandlers } from "./hooks.ts";
import { frozenMentions, treeMentions, unresolvedMentions } from "./mentions.ts";
import { lockPlan, type PlanRow, validTree } from "./registry.ts";
import { planEdits, plans, planVersions } from "./tables.ts";
import { countItems, planAsOf } from "./tree.ts";

/**
 * Publishing freezes the working tree and its resolutions as a version; after that the plan
 * changes only by a recorded amendment, whose publishing makes the next version.
 */

type VersionRow = typeof planVersions.$inferSelect;

export type Which = "working" | number;

export async function versionRow(db: DbOrTx, planId: string, version: number): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version)));
  return row ?? null;
}

function toVersion(row: VersionRow): PlanVersion {
  return {
    version: row.version,
    reason: row.reason,
    amendingNumber: row.amendingNumber,
    amendingDate: row.amendingDate,
    publishedBy: row.publishedByName,
    publishedAt: new Date(row.publishedAt).toISOString(),
    publishedOn: row.publishedOn ?? null,
    items: countItems(row.tree).items,
  };
}

/** The first day a plan can have been published: its own date (the first day of a month or year given alone). */
export function issuedOn(row: Pick<PlanRow, "docDate">): string | null {
  return row.docDate && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(row.docDate)
    ? planAsOf(row.docDate, new Date(0))
    : null;
}

/**
 * A plan recorded here after it was published ("published on" an earlier day): only its first
 * version, never in the future, never before its own date. Today's date is the same as none.
 */
function checkPublishedOn(row: PlanRow, publishedOn: string | undefined, today: string): string | null {
  if (publishedOn === undefined || publishedOn === today) return null;
  if (row.currentVersion > 0) throw new AppError(409, "publish_date_amendment", {}, "publishedOn");
  if (publishedOn > today)
    throw new AppError(400, "publish_date_future", { date: publishedOn, today }, "publishedOn");
  const issued = issuedOn(row);
  if (issued && publishedOn < issued) {
    throw new AppError(
      400,
      "publish_date_before_issue",
      { date: publishedOn, issued: row.docDate ?? issued },
      "publishedOn",
    );
  }
  return publishedOn;
}

/**
 * What publishing the draft would create today (nothing is written): assignments, and how many
 * of them would be overdue the day they are made — a plan whose deadlines have passed is better
 * recorded as published on its real, earlier day.
 */
export async function publishCheck(db: DbOrTx, tenantId: string, row: PlanRow) {
  const today = todayInVietnam();
  const preview = await previewPublish(db, tenantId, {
    tree: row.workingTree,
    mentions: await frozenMentions(db, row),
    from: planAsOf(row.docDate, clock.now()),
    today,
  });
  return {
    ...preview,
    today,
    unresolvedMentions: (await unresolvedMentions(db, row)).length,
    notBefore: issuedOn(row),
    canRecordEarlier: row.currentVersion === 0,
  };
}

/**
 * Publishes the draft (or the amendment draft) as the next version. Refused while any mention is
 * unconfirmed; publishing a plan already published returns its version and changes nothing.
 * `publishedOn` records a first publishing on an earlier day: the assignments whose deadlines had
 * passed by today are then historical, never counted overdue.
 */
export async function publishPlan(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  planId: string,
  revision?: number,
  options: { publishedOn?: string } = {},
): Promise<{ version: PlanVersion; created: boolean }> {
  const row = await lockPlan(tx, tenantId, planId);
  if (revision !== undefined && row.revision !== revision) throw conflict(row.revision, revision);
  if (row.status === "published") {
    return { version: toVersion((await versionRow(tx, planId, row.currentVersion))!), created: false };
  }
  const publishedOn = checkPublishedOn(row, options.publishedOn, todayInVietnam());
  const unresolved = await unresolvedMentions(tx, row);
  if (unresolved.length > 0) {
    const list = unresolved.slice(0, 5).join("; ") + (unresolved.length > 5 ? "; …" : "");
    throw new AppError(409, "unresolved_mentions", { count: unresolved.length, list }, undefined, {
      mentions: unresolved,
    });
  }
  const tree = validTree(row.workingTree);
  const [{ lastEditSeq }] = await tx
    .select({ lastEditSeq: sql<number>`coalesce(max(${planEdits.seq}), 0)::int` })
    .from(planEdits)
    .where(eq(planEdits.planId, planId));
  const amendment = row.pendingAmendment;
  const [created] = await tx
    .insert(planVersions)
    .values({
      tenantId,
      planId,
      version: row.currentVersion + 1,
      tree,
      mentions: await frozenMentions(tx, row),
      reason: amendment?.reason ?? null,
      amendingNumber: amendment?.amendingNumber ?? null,
      amendingDate: amendment?.amendingDate ?? null,
      lastEditSeq,
      publishedBy: actor.userId,
      publishedByName: actor.name,
      publishedAt: clock.now(),
      publishedOn,
    })
    .returning();
  await tx
    .update(plans)
    .set({
      status: "published",
      currentVersion: created.version,
      pendingAmendment: null,
      updatedAt: clock.now(),
    })
    .where(eq(plans.id, planId));
  await runPublishHandlers(tx, tenantId, planId, created.version);
  const version = toVersion(created);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "plan.publish",
    entityType: "plan",
    entityId: planId,
    after: {
      version: version.version,
      items: version.items,
      reason: version.reason,
      amendingNumber: version.amendingNumber,
      ...(publishedOn ? { publishedOn } : {}),
    },
  });
  return { version, created: true };
}

/** Opens an amendment draft on a published plan: edits are allowed again until it is published. */
export async function openAmendment(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  planId: string,
  body: { reason: string; amendingNumber: string; amendingDate?: string },
) {
  const row = await lockPlan(tx, tenantId, planId);
  if (row.status === "draft") throw new AppError(409, "plan_not_published");
  if (row.status === "amending") {
    throw new AppError(409, "amendment_open", { number: row.pendingAmendment?.amendingNumber ?? "" });
  }
  const pendingAmendment = {
    reason: body.reason,
    amendingNumber: body.amendingNumber,
    amendingDate: body.amendingDate ?? null,
    openedBy: actor.name,
    openedAt: clock.now().toISOString(),
  };
  await tx
    .update(plans)
    .set({ status: "amending", pendingAmendment, updatedAt: clock.now() })
    .where(eq(plans.id, planId));
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "plan.amendment.open",
    entityType: "plan",
    entityId: planId,
    after: { ...pendingAmendment, fromVersion: row.currentVersion },
  });
  return pendingAmendment;
}

export async function listVersions(db: DbOrTx, planId: string): Promise<PlanVersion[]> {
  const rows = await db
    .select()
    .from(planVersions)
    .where(eq(planVersions.planId, planId))
    .orderBy(asc(planVersions.version));
  return rows.map(toVersion);
}

/** Which tree a reader gets by default: the version in force, or the draft before the first one. */
export const defaultWhich = (row: PlanRow): Which =>
  row.currentVersion > 0 ? row.currentVersion : "working";

/** A version's tree with its frozen resolutions, or the working tree with the current ones. */
export async function treeAt(
  db: DbOrTx,
  row: PlanRow,
  which: Which,
): Promise<{ version: Which; tree: PlanTree; mentions: TreeMention[] }> {
  if (which === "working")
    return { version: which, tree: row.workingTree, mentions: await treeMentions(db, row) };
  const found = await versionRow(db, row.id, which);
  if (!found) throw notFound(both(`phiên bản ${which}`, `version ${which}`));
  const mentions = found.mentions.map((m) => ({
    mention: m.mention,
    unit_ids: m.unitIds,
    group_id: m.groupId,
    confirmed: true,
  }));
  return { version: which, tree: found.tree, mentions };
}

export async function diffPlan(db: DbOrTx, row: PlanRow, a: Which, b: Which): Promise<PlanDiff> {
  const side = async (which: Which): Promise<DiffSide> => {
    const { tree, mentions } = await treeAt(db, row, which);
    return {
      tree,
      mentions: mentions
        .filter((m) => m.confirmed)
        .map((m) => ({ mention: m.mention, unitIds: m.unit_ids, groupId: m.group_id })),
    };
  };
  return { from: a, to: b, ...diffVersions(await side(a), await side(b)) };
}

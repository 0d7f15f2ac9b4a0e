import type { PlanDetail } from "../../../common/schemas/plans.ts";
import type { DbOrTx } from "../../db/connection.ts";
import type { Actor } from "../auth/actor.ts";
import { may } from "../authorize.ts";
import { unitPath } from "../orgs/service.ts";
import { unresolvedMentions } from "./mentions.ts";
import { versionRow } from "./publish.ts";
import { listPlans, type PlanAccess, planHead, toSummary } from "./registry.ts";
import { countItems } from "./tree.ts";

/**
 * One plan as its page shows it: metadata, status, counts, parent, children, the documents it
 * implements, and what the signed-in user may do with it. An editor sees the working tree's
 * counts; a reader those of the version in force.
 */
export async function planDetail(db: DbOrTx, actor: Actor, access: PlanAccess): Promise<PlanDetail> {
  const { row, resource } = access;
  const editor = may(actor, "plans.edit", resource);
  const working = may(actor, "plans.readWorking", resource) || row.currentVersion === 0;
  const tree = working
    ? row.workingTree
    : ((await versionRow(db, row.id, row.currentVersion))?.tree ?? row.workingTree);
  const owner = row.ownerUnitId ? (await unitPath(db, row.tenantId, row.ownerUnitId)).at(-1) : undefined;
  const parent = row.parentPlanId ? await planHead(db, row.tenantId, row.parentPlanId) : null;
  return {
    ...toSummary(row, owner?.name ?? null),
    revision: row.revision,
    source: { filename: row.sourceFilename, format: row.sourceFormat, pages: row.sourcePages },
    counts: {
      ...countItems(tree),
      warnings: tree.warnings.length,
      unresolvedMentions:
        working && row.status !== "published" ? (await unresolvedMentions(db, row)).length : 0,
    },
    parent: parent ? { id: parent.id, title: parent.title } : null,
    children: await listPlans(db, actor, { parent: row.id }),
    implements: tree.references.filter((reference) => reference.role === "basis"),
    pendingAmendment: editor ? row.pendingAmendment : null,
    permissions: { edit: editor, readWorking: may(actor, "plans.readWorking", resource) },
  };
}

import { and, asc, eq, sql } from "drizzle-orm";
import type { PlanTree } from "../../../common/plan-tree.ts";
import type { ItemPatch, SplitBody } from "../../../common/schemas/plans.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { conflict } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { applyEdit, type EditOp, nextBulletCode } from "./edits.ts";
import { repointLinks } from "./links.ts";
import { assertEditable, importedTreeOf, lockPlan, type PlanRow } from "./registry.ts";
import { planEdits, plans } from "./tables.ts";
import { allCodes, lineOwners, locate } from "./tree.ts";

/**
 * The review of a draft: its source beside the tree, and corrections kept as edits over the
 * imported version (`plan_edits`), each naming the revision it was made on.
 */

type EditRow = typeof planEdits.$inferSelect;

/** The normalized source, each line with the item of `tree` it belongs to (for two-way links). */
export function sourceOf(row: PlanRow, tree: PlanTree) {
  const lines = row.sourceText.split("\n");
  const owners = lineOwners(tree, lines.length);
  return {
    filename: row.sourceFilename,
    format: row.sourceFormat,
    pages: row.sourcePages,
    lines: lines.map((text, i) => ({ number: i + 1, text, code: owners[i + 1] })),
  };
}

export async function editRows(db: DbOrTx, planId: string): Promise<EditRow[]> {
  return db.select().from(planEdits).where(eq(planEdits.planId, planId)).orderBy(asc(planEdits.seq));
}

/** An edit as stored: its operation's arguments, enough to apply it again. */
function paramsOf(op: EditOp) {
  if (op.op === "update") return { changes: op.changes };
  if (op.op === "split") {
    return op.atParagraph !== undefined
      ? { atParagraph: op.atParagraph, newCode: op.newCode }
      : { atOffset: op.atOffset, newCode: op.newCode };
  }
  return { nextCode: op.nextCode };
}

function opOf(row: EditRow): EditOp {
  return { op: row.op, code: row.itemCode, ...(row.params as object) } as EditOp;
}

/** The imported tree with every edit applied in order: what the stored working tree must equal. */
export async function replayEdits(db: DbOrTx, row: PlanRow): Promise<PlanTree> {
  const lines = row.sourceText.split("\n");
  const { source: _source, ...imported } = importedTreeOf(row);
  let tree: PlanTree = imported;
  for (const edit of await editRows(db, row.id)) tree = applyEdit(tree, opOf(edit), lines).tree;
  return tree;
}

async function commit(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  planId: string,
  revision: number,
  build: (row: PlanRow) => Promise<EditOp> | EditOp,
) {
  const row = await lockPlan(tx, tenantId, planId);
  assertEditable(row);
  if (row.revision !== revision) throw conflict(row.revision, revision);
  const op = await build(row);
  const applied = applyEdit(row.workingTree, op, row.sourceText.split("\n"));
  const [{ last }] = await tx
    .select({ last: sql<number>`coalesce(max(${planEdits.seq}), 0)::int` })
    .from(planEdits)
    .where(eq(planEdits.planId, planId));
  const next = row.revision + 1;
  await tx.insert(planEdits).values({
    tenantId,
    planId,
    seq: last + 1,
    op: op.op,
    itemCode: op.code,
    params: paramsOf(op),
    before: applied.before,
    after: applied.after,
    revision: next,
    actorUserId: actor.userId,
    actorName: actor.name,
  });
  await tx
    .update(plans)
    .set({ workingTree: applied.tree, revision: next, updatedAt: clock.now() })
    .where(and(eq(plans.id, planId), eq(plans.revision, row.revision)));
  if (op.op === "merge") await repointLinks(tx, planId, op.nextCode, op.code);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: `plan.edit.${op.op}`,
    entityType: "plan",
    entityId: planId,
    before: applied.before,
    after: { seq: last + 1, code: op.code, revision: next, ...(applied.after as object) },
  });
  return {
    revision: next,
    items: applied.touched.map((item) => ({
      code: item.code,
      kind: item.kind,
      title: item.title,
      text: item.text,
    })),
  };
}

export function editItem(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  planId: string,
  code: string,
  patch: ItemPatch,
) {
  const { revision, ...changes } = patch;
  return commit(tx, tenantId, actor, planId, revision, () => ({ op: "update", code, changes }));
}

/** Every code the plan ever had: a split's new code is never one of them. */
async function usedCodes(tx: DbOrTx, row: PlanRow): Promise<Set<string>> {
  const created = await tx
    .select({ code: sql<string>`${planEdits.params}->>'newCode'` })
    .from(planEdits)
    .where(and(eq(planEdits.planId, row.id), eq(planEdits.op, "split")));
  return new Set([
    ...allCodes(row.importedTree),
    ...allCodes(row.workingTree),
    ...created.map((c) => c.code),
  ]);
}

export function splitItem(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  planId: string,
  code: string,
  body: SplitBody,
) {
  return commit(tx, tenantId, actor, planId, body.revision, async (row) => {
    const parent = locate(row.workingTree, code)?.parent ?? null;
    const newCode = nextBulletCode(parent?.code ?? null, await usedCodes(tx, row));
    return "atParagraph" in body
      ? { op: "split", code, atParagraph: body.atParagraph, newCode }
      : { op: "split", code, atOffset: body.atOffset, newCode };
  });
}

export function mergeItem(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  planId: string,
  code: string,
  revision: number,
) {
  return commit(tx, tenantId, actor, planId, revision, (row) => {
    const located = locate(row.workingTree, code);
    const next = located?.siblings[located.index + 1];
    // Unknown items and missing next siblings are refused by applyEdit with their own messages.
    return { op: "merge", code, nextCode: next?.code ?? "" };
  });
}

export async function listEdits(db: DbOrTx, planId: string) {
  return (await editRows(db, planId)).map((row) => ({
    seq: row.seq,
    op: row.op as "update" | "split" | "merge",
    code: row.itemCode,
    params: row.params,
    before: row.before,
    after: row.after,
    revision: row.revision,
    by: row.actorName,
    at: new Date(row.createdAt).toISOString(),
  }));
}

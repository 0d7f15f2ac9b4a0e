import { and, asc, desc, eq, sql } from "drizzle-orm";
import { PlanTree } from "../../../common/plan-tree.ts";
import type { PlanStatus, PlanSummary } from "../../../common/schemas/plans.ts";
import { matchRank, Rank, rankMatches } from "../../../common/search.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { wordsMatch } from "../../lib/vi-text.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import type { Actor } from "../auth/actor.ts";
import { authorize, may } from "../authorize.ts";
import { ancestorIds, listUnits } from "../orgs/service.ts";
import type { PlanImportError } from "./import/index.ts";
import type { PlanResource } from "./policy.ts";
import { plans, type StoredImport } from "./tables.ts";
import { countItems, searchTextOf, titleOf, withoutSource } from "./tree.ts";

/** The registry: creating plans, finding them, and the one scope every read of a plan goes through. */

export type PlanRow = typeof plans.$inferSelect;
type ListQuery = { q?: string; status?: PlanStatus; parent?: string };

const PLAN = both("kế hoạch", "plan");

/** The columns a list needs: never the trees or the source text. */
const headColumns = {
  id: plans.id,
  tenantId: plans.tenantId,
  parentPlanId: plans.parentPlanId,
  ownerUnitId: plans.ownerUnitId,
  status: plans.status,
  docType: plans.docType,
  number: plans.number,
  symbol: plans.symbol,
  docDate: plans.docDate,
  issuer: plans.issuer,
  title: plans.title,
  currentVersion: plans.currentVersion,
  updatedAt: plans.updatedAt,
};
export type PlanHead = Pick<PlanRow, keyof typeof headColumns>;

export function resourceOf(head: PlanHead, ownerAncestors: readonly string[]): PlanResource {
  return {
    tenantId: head.tenantId,
    published: head.currentVersion > 0,
    isSubPlan: head.parentPlanId !== null,
    ownerUnitAncestorIds: ownerAncestors,
  };
}

export function toSummary(head: PlanHead, ownerName: string | null): PlanSummary {
  return {
    id: head.id,
    type: head.docType,
    number: head.number,
    symbol: head.symbol,
    date: head.docDate,
    issuer: head.issuer,
    title: head.title,
    status: head.status as PlanSummary["status"],
    currentVersion: head.currentVersion,
    parentPlanId: head.parentPlanId,
    ownerUnit: head.ownerUnitId && ownerName ? { id: head.ownerUnitId, name: ownerName } : null,
    updatedAt: new Date(head.updatedAt).toISOString(),
  };
}

/** The directory as lists need it: a unit's name and the units above it, from one query. */
export async function loadDirectory(db: DbOrTx, tenantId: string) {
  const byId = new Map((await listUnits(db, tenantId)).map((unit) => [unit.id, unit]));
  return {
    name: (id: string | null) => (id ? (byId.get(id)?.name ?? null) : null),
    ancestors(id: string | null): string[] {
      const chain: string[] = [];
      for (let unit = id ? byId.get(id) : undefined; unit && chain.length < 50; ) {
        chain.unshift(unit.id);
        unit = unit.parentId ? byId.get(unit.parentId) : undefined;
      }
      return chain;
    },
  };
}

export interface PlanAccess {
  row: PlanRow;
  resource: PlanResource;
}

/**
 * The one scope for a single plan: missing, or hidden from this actor (a draft they may not
 * edit), answers 404; visible but not editable answers 403 when an edit is asked for.
 */
export async function accessPlan(
  db: DbOrTx,
  actor: Actor,
  id: string,
  need: "read" | "edit",
): Promise<PlanAccess> {
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.tenantId, actor.tenantId), eq(plans.id, id)));
  if (!row) throw notFound(PLAN);
  const ancestors = row.ownerUnitId ? await ancestorIds(db, row.tenantId, row.ownerUnitId) : [];
  const resource = resourceOf(row, ancestors);
  authorize(actor, "plans.read", resource, { missing: PLAN });
  if (need === "edit") authorize(actor, "plans.edit", resource);
  return { row, resource };
}

/** The plan row locked for the rest of the transaction: writers of one plan take turns. */
export async function lockPlan(tx: DbOrTx, tenantId: string, id: string): Promise<PlanRow> {
  const [row] = await tx
    .select()
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.id, id)))
    .for("update");
  if (!row) throw notFound(PLAN);
  return row;
}

/** A published plan changes only through an amendment. */
export function assertEditable(row: PlanRow) {
  if (row.status === "published")
    throw new AppError(409, "plan_not_editable", { version: row.currentVersion });
}

/** The imported tree as the importer returned it, its source text put back. */
export function importedTreeOf(row: PlanRow): PlanTree {
  const tree = structuredClone(row.importedTree);
  return { ...tree, source: { ...(tree.source ?? {}), text: row.sourceText } };
}

/** An importer refusal as the API reports it: the importer's own words, in the request's language. */
export function importRefusal(error: PlanImportError): AppError {
  return new AppError(
    error.status,
    "plan_import",
    { detail: both(error.messageVi, error.messageEn) },
    "file",
    { reason: error.code },
  );
}

export function validTree(input: unknown): PlanTree {
  const parsed = PlanTree.safeParse(input);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  throw new AppError(422, "plan_tree_invalid", { detail });
}

export interface NewPlan {
  tree: PlanTree;
  parentPlanId: string | null;
  ownerUnitId: string | null;
  /** Plans the tenant had already that this one seems to repeat, imported anyway on purpose. */
  duplicateOf?: string[];
}

/** Stores an imported (or loaded) tree as a new draft; its imported form is kept unchanged. */
export async function createPlan(tx: DbOrTx, tenantId: string, actor: AuditActor, input: NewPlan) {
  const tree = validTree(input.tree);
  const { text, ...sourceInfo } = tree.source ?? { text: "" };
  const filename = sourceInfo.filename ?? null;
  const imported: StoredImport = { ...withoutSource(tree), ...(tree.source ? { source: sourceInfo } : {}) };
  const doc = tree.document;
  const [row] = await tx
    .insert(plans)
    .values({
      tenantId,
      parentPlanId: input.parentPlanId,
      ownerUnitId: input.ownerUnitId,
      docType: doc.type,
      number: doc.number,
      symbol: doc.symbol,
      docDate: doc.date,
      issuer: doc.issuer,
      title: titleOf(tree, filename),
      searchText: searchTextOf(tree, filename),
      sourceText: text,
      sourceFilename: filename,
      sourceFormat: sourceInfo.format ?? null,
      sourcePages: sourceInfo.pages ?? null,
      importedTree: imported,
      workingTree: withoutSource(tree),
      createdBy: actor.userId,
      createdByName: actor.name,
    })
    .returning();
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "plan.import",
    entityType: "plan",
    entityId: row.id,
    after: {
      title: row.title,
      filename,
      format: row.sourceFormat,
      ...countItems(tree),
      warnings: tree.warnings.length,
      parentPlanId: row.parentPlanId,
      ownerUnitId: row.ownerUnitId,
      ...(input.duplicateOf?.length ? { duplicateOf: input.duplicateOf } : {}),
    },
  });
  return row;
}

/** The plans this actor may see: published ones, and the drafts they may edit. */
export async function listPlans(db: DbOrTx, actor: Actor, query: ListQuery = {}): Promise<PlanSummary[]> {
  const conditions = [eq(plans.tenantId, actor.tenantId)];
  if (query.status) conditions.push(eq(plans.status, query.status));
  if (query.parent) conditions.push(eq(plans.parentPlanId, query.parent));
  // Every word typed begins a word of the plan's folded search text, in any order, punctuation
  // ignored (common/search.ts): "ke hoach dai doan ket", "43-NQ/TW", "tw 43 nq".
  const words = wordsMatch([sql`${plans.searchText}`], query.q);
  if (words) conditions.push(words);
  const rows = await db
    .select(headColumns)
    .from(plans)
    .where(and(...conditions))
    .orderBy(sql`${plans.docDate} DESC NULLS LAST`, desc(plans.createdAt))
    .limit(1000);
  if (rows.length === 0) return [];
  const directory = await loadDirectory(db, actor.tenantId);
  const readable = rows.filter((row) =>
    may(actor, "plans.read", resourceOf(row, directory.ancestors(row.ownerUnitId))),
  );
  // A title equal to the query, then titles starting with it, then the rest, each newest first.
  const ranked = words
    ? rankMatches(readable, query.q, {
        fields: (row) => [row.title],
        within: "given",
        force: (row) => matchRank(query.q, [row.title]) ?? Rank.words,
      })
    : readable;
  return ranked.map((row) => toSummary(row, directory.name(row.ownerUnitId)));
}

export async function planHead(db: DbOrTx, tenantId: string, id: string): Promise<PlanHead | null> {
  const [row] = await db
    .select(headColumns)
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.id, id)));
  return row ?? null;
}

/** Every plan of the tenant, oldest first: for the operator's command line, which has no actor. */
export async function allPlanHeads(db: DbOrTx, tenantId: string): Promise<PlanHead[]> {
  return db.select(headColumns).from(plans).where(eq(plans.tenantId, tenantId)).orderBy(asc(plans.createdAt));
}

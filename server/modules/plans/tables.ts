import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { PlanSource, PlanTree } from "../../../common/plan-tree.ts";
import { stampedNow } from "../../db/columns.ts";
import { tenantRef, units } from "../orgs/tables.ts";

/**
 * The plan's source text as compared for duplicates: folded (no diacritics, lower case) with its
 * runs of spaces made one, so a copy saved with other line breaks or capitals is the same text.
 */
export const PLAN_TEXT_KEY = sql.raw(`regexp_replace(vi_fold("source_text"), '\\s+', ' ', 'g')`);

/** A pending amendment: opened on a published plan, carried into the version its publishing creates. */
export interface PendingAmendmentRow {
  reason: string;
  amendingNumber: string;
  amendingDate: string | null;
  openedBy: string;
  openedAt: string;
}

/** The imported tree as stored: its source text is kept once, in `plans.source_text`. */
export type StoredImport = Omit<PlanTree, "source"> & { source?: Omit<PlanSource, "text"> };

/** A mention's resolution as frozen into a version. */
export interface FrozenMention {
  mention: string;
  unitIds: string[];
  groupId: string | null;
}

/**
 * A plan (kế hoạch) of the registry. `imported_tree` and `source_text` are the importer's output
 * and never change (a trigger refuses it); `working_tree` is the imported tree with every row of
 * `plan_edits` applied in order, kept here so reads need not replay them.
 */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    parentPlanId: uuid("parent_plan_id").references((): AnyPgColumn => plans.id),
    ownerUnitId: uuid("owner_unit_id").references(() => units.id),
    status: text("status").notNull().default("draft"),
    docType: text("doc_type"),
    number: text("number"),
    symbol: text("symbol"),
    docDate: text("doc_date"),
    issuer: text("issuer"),
    title: text("title").notNull(),
    /** Folded (no diacritics, lower case) title, number, issuer and cited numbers, for search. */
    searchText: text("search_text").notNull(),
    sourceText: text("source_text").notNull(),
    sourceFilename: text("source_filename"),
    sourceFormat: text("source_format"),
    sourcePages: integer("source_pages"),
    /** The tree as parsed, without `source.text` (kept once, in `source_text`). */
    importedTree: jsonb("imported_tree").$type<StoredImport>().notNull(),
    workingTree: jsonb("working_tree").$type<PlanTree>().notNull(),
    revision: integer("revision").notNull().default(1),
    currentVersion: integer("current_version").notNull().default(0),
    pendingAmendment: jsonb("pending_amendment").$type<PendingAmendmentRow>(),
    createdBy: uuid("created_by"),
    createdByName: text("created_by_name").notNull(),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [
    index("plans_tenant_parent_idx").on(t.tenantId, t.parentPlanId),
    index("plans_tenant_owner_idx").on(t.tenantId, t.ownerUnitId),
    index("plans_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    // Finding a plan imported twice: by its number, or by its folded text.
    index("plans_tenant_number_idx").on(t.tenantId, t.number),
    index("plans_tenant_text_idx").on(t.tenantId, sql`md5(${PLAN_TEXT_KEY})`),
  ],
);

/** Every correction of a plan, in order: the working tree is the imported tree with these applied. */
export const planEdits = pgTable(
  "plan_edits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    seq: integer("seq").notNull(),
    op: text("op").notNull(),
    itemCode: text("item_code").notNull(),
    /** The operation's arguments, enough to apply it again (a split's new code included). */
    params: jsonb("params").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    /** The plan's revision this edit produced. */
    revision: integer("revision").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorName: text("actor_name").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [uniqueIndex("plan_edits_plan_seq_idx").on(t.planId, t.seq)],
);

/** A mention's resolution to directory units, beside the tree, never in place of the mention. */
export const planMentions = pgTable(
  "plan_mentions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    mention: text("mention").notNull(),
    /** The units it names: a group's members on the plan's date, plus units chosen one by one. */
    unitIds: uuid("unit_ids").array().notNull().default(sql`'{}'::uuid[]`),
    groupId: uuid("group_id"),
    confirmed: boolean("confirmed").notNull().default(false),
    updatedBy: uuid("updated_by"),
    updatedByName: text("updated_by_name").notNull(),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [uniqueIndex("plan_mentions_plan_mention_idx").on(t.planId, t.mention)],
);

/** A published version: the frozen tree and resolutions. Append-only (a trigger refuses changes). */
export const planVersions = pgTable(
  "plan_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    version: integer("version").notNull(),
    tree: jsonb("tree").$type<PlanTree>().notNull(),
    mentions: jsonb("mentions").$type<FrozenMention[]>().notNull(),
    reason: text("reason"),
    amendingNumber: text("amending_number"),
    amendingDate: text("amending_date"),
    /** The last `plan_edits.seq` the version includes: later edits belong to the next one. */
    lastEditSeq: integer("last_edit_seq").notNull(),
    publishedBy: uuid("published_by"),
    publishedByName: text("published_by_name").notNull(),
    publishedAt: stampedNow("published_at"),
    /**
     * The day the plan was published, when it is recorded here later than that (an earlier plan):
     * not in the future, not before the plan's date. Null when published the day it was recorded.
     */
    publishedOn: date("published_on", { mode: "string" }),
  },
  (t) => [uniqueIndex("plan_versions_plan_version_idx").on(t.planId, t.version)],
);

/** A sub-plan's task linked to the parent plan's task it carries out. */
export const planLinks = pgTable(
  "plan_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    childCode: text("child_code").notNull(),
    parentPlanId: uuid("parent_plan_id")
      .notNull()
      .references(() => plans.id),
    parentCode: text("parent_code").notNull(),
    createdBy: uuid("created_by"),
    createdByName: text("created_by_name").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [
    uniqueIndex("plan_links_unique_idx").on(t.planId, t.childCode, t.parentCode),
    index("plan_links_parent_idx").on(t.parentPlanId, t.parentCode),
  ],
);

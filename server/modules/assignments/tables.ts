import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { stampedNow } from "../../db/columns.ts";
import { users } from "../auth/tables.ts";
import { tenantRef, unitEvents, units } from "../orgs/tables.ts";
import { plans } from "../plans/tables.ts";

/**
 * One unit's part in one task of a published plan, in one role, for one occurrence ("once", or a
 * reporting period's key for a recurring task). `unit_id` is who carries it now; `named_unit_ids`
 * the units the plan's resolution named, kept when the duty passes to a successor, so that the
 * obligation is never created twice. Overdue and "completed late" are derived, never stored.
 */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    itemCode: text("item_code").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    role: text("role").notNull(),
    occurrence: text("occurrence").notNull(),
    namedUnitIds: uuid("named_unit_ids").array().notNull().default(sql`'{}'::uuid[]`),
    dueDate: date("due_date"),
    /** The first day of the occurrence's period; null for a one-off task. */
    startsOn: date("starts_on"),
    status: text("status").notNull().default("not_started"),
    /** The latest percent reported, 0–100. */
    percent: integer("percent"),
    pauseReason: text("pause_reason"),
    /** The day (in Vietnam) it was reported completed: compared with `due_date` for "late". */
    completedOn: date("completed_on"),
    /** The plan version that created it, and the amendment that removed its task. */
    planVersion: integer("plan_version").notNull(),
    cancelledInVersion: integer("cancelled_in_version"),
    /**
     * Created for a plan recorded after it was published ("published on" an earlier day) with its
     * due date already past on the day it was recorded: a record of the past, never overdue.
     */
    historical: boolean("historical").notNull().default(false),
    /** Optimistic concurrency: every change names the version it read. */
    version: integer("version").notNull().default(1),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [
    uniqueIndex("assignments_key_idx").on(t.planId, t.itemCode, t.unitId, t.role, t.occurrence),
    index("assignments_tenant_unit_idx").on(t.tenantId, t.unitId),
    index("assignments_tenant_plan_code_idx").on(t.tenantId, t.planId, t.itemCode),
    index("assignments_tenant_status_due_idx").on(t.tenantId, t.status, t.dueDate),
  ],
);

/**
 * The assignment's timeline: progress reports (text, percent, figures, evidence) and status
 * changes, in one list. Append-only (a trigger refuses changes).
 */
export const assignmentUpdates = pgTable(
  "assignment_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id),
    kind: text("kind").notNull(),
    statusFrom: text("status_from"),
    statusTo: text("status_to"),
    percent: integer("percent"),
    text: text("text"),
    reason: text("reason"),
    figures: jsonb("figures").$type<Record<string, number>>().notNull().default({}),
    authorUserId: uuid("author_user_id").references(() => users.id),
    authorName: text("author_name").notNull(),
    /** The day (in Vietnam) it was reported. */
    reportedOn: date("reported_on").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [index("assignment_updates_assignment_idx").on(t.assignmentId, t.createdAt)],
);

/** Evidence attached to an update: the bytes live in the storage, under a key the server chose. */
export const assignmentFiles = pgTable(
  "assignment_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id),
    updateId: uuid("update_id")
      .notNull()
      .references(() => assignmentUpdates.id),
    storageKey: text("storage_key").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [index("assignment_files_update_idx").on(t.updateId)],
);

/**
 * An open assignment passed to a successor when its unit closed: many to many, since a
 * dissolution passes one to several units and a merger several to one. Append-only.
 */
export const assignmentTransfers = pgTable(
  "assignment_transfers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    transferredFrom: uuid("transferred_from")
      .notNull()
      .references(() => assignments.id),
    transferredTo: uuid("transferred_to")
      .notNull()
      .references(() => assignments.id),
    eventId: uuid("event_id")
      .notNull()
      .references(() => unitEvents.id),
    effectiveDate: date("effective_date").notNull(),
    kind: text("kind").notNull(),
  },
  (t) => [
    uniqueIndex("assignment_transfers_pair_idx").on(t.transferredFrom, t.transferredTo),
    index("assignment_transfers_to_idx").on(t.transferredTo),
  ],
);

/** The coordinator's weight of a plan item in its parent's progress; absent means 1. */
export const assignmentWeights = pgTable(
  "assignment_weights",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    itemCode: text("item_code").notNull(),
    weight: doublePrecision("weight").notNull(),
    updatedBy: uuid("updated_by"),
    updatedByName: text("updated_by_name").notNull(),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [uniqueIndex("assignment_weights_plan_code_idx").on(t.planId, t.itemCode)],
);

import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { stampedNow } from "../../db/columns.ts";
import { users } from "../auth/tables.ts";
import { tenantRef, units } from "../orgs/tables.ts";
import { plans } from "../plans/tables.ts";

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A heading of the report form: the plan's own heading a narrative is written under. */
export interface FormHeading {
  code: string;
  title: string;
}

/** An indicator of the form's table (configurable per plan). */
export interface FormIndicator {
  code: string;
  name: string;
  unit: string;
  aggregation: "sum" | "average" | "latest";
  /** Unit types that report it; empty: every reporting unit. */
  unitTypes: string[];
  /** Names of progress-update figures it is pre-filled from (compared without diacritics). */
  sources: string[];
}

/**
 * A plan's report form, versioned: headings and indicators. A report keeps the version it was
 * opened with, so changing the form never rewrites a report already filed. Append-only.
 */
export const reportForms = pgTable(
  "report_forms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    version: integer("version").notNull(),
    headings: jsonb("headings").$type<FormHeading[]>().notNull(),
    indicators: jsonb("indicators").$type<FormIndicator[]>().notNull(),
    reason: text("reason"),
    createdBy: uuid("created_by"),
    createdByName: text("created_by_name").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [uniqueIndex("report_forms_plan_version_idx").on(t.planId, t.version)],
);

/**
 * A reporting duty of the plan (`reporting` of plan-tree/1), or the coordinator's ad-hoc request
 * ("báo cáo đột xuất"): who reports (`from`, resolved through the plan's mentions), to whom, via
 * whom, how often, the plan's own deadline, and the settings of its periods.
 */
export const reportSchedules = pgTable(
  "report_schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    /** "duty" (from the plan) or "ad_hoc". */
    kind: text("kind").notNull(),
    /** The plan item the duty comes from ("III.1"); for an ad-hoc request, its key. */
    source: text("source").notNull(),
    frequency: text("frequency"),
    deadlineMonth: integer("deadline_month"),
    deadlineDay: integer("deadline_day"),
    /** A deadline in a month after the period's end ("ngày 5 của tháng đầu quý sau" → 1). */
    deadlineMonthsAfter: integer("deadline_months_after"),
    clause: text("clause"),
    fromMentions: text("from_mentions").array().notNull().default(sql`'{}'::text[]`),
    toMention: text("to_mention"),
    viaMention: text("via_mention"),
    /** The units the plan named (its resolved mentions); carriers are found per period. */
    namedUnitIds: uuid("named_unit_ids").array().notNull().default(sql`'{}'::uuid[]`),
    toUnitId: uuid("to_unit_id").references(() => units.id),
    viaUnitId: uuid("via_unit_id").references(() => units.id),
    /** Days after the deadline when a period locks itself. */
    lockDays: integer("lock_days").notNull().default(30),
    /** Days before the deadline when reminders go out. */
    reminderDays: integer("reminder_days").array().notNull().default(sql`'{14,7,3,1}'::int[]`),
    version: integer("version").notNull().default(1),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [uniqueIndex("report_schedules_plan_source_idx").on(t.planId, t.kind, t.source)],
);

/** One period of a schedule: its data window, deadline and the units expected to report. */
export const reportPeriods = pgTable(
  "report_periods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => reportSchedules.id),
    key: text("key").notNull(),
    labelVi: text("label_vi").notNull(),
    labelEn: text("label_en").notNull(),
    /** What an ad-hoc request asks for. */
    request: text("request"),
    windowStart: date("window_start").notNull(),
    windowEnd: date("window_end").notNull(),
    deadline: date("deadline").notNull(),
    deadlineSource: text("deadline_source").notNull(),
    basis: text("basis").array().notNull().default(sql`'{}'::text[]`),
    /** The units expected to report: those carrying the named units' duties on the deadline. */
    unitIds: uuid("unit_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: stampedNow("created_at"),
  },
  (t) => [
    uniqueIndex("report_periods_plan_key_idx").on(t.planId, t.key),
    index("report_periods_tenant_deadline_idx").on(t.tenantId, t.deadline),
  ],
);

/**
 * One unit's report for one period. `status`: draft → pending_approval → sent → received →
 * accepted, or returned (then a new revision opens on the next edit). `version` guards edits
 * (optimistic concurrency); `revision` counts the times it was sent.
 */
export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    periodId: uuid("period_id")
      .notNull()
      .references(() => reportPeriods.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    formVersion: integer("form_version").notNull(),
    status: text("status").notNull().default("draft"),
    revision: integer("revision").notNull().default(1),
    sections: jsonb("sections").$type<Record<string, string>>().notNull().default({}),
    values: jsonb("values").$type<Record<string, number | null>>().notNull().default({}),
    difficulties: text("difficulties").notNull().default(""),
    proposals: text("proposals").notNull().default(""),
    /** The first sending: timeliness is judged on it. */
    firstSentAt: at("first_sent_at"),
    late: boolean("late"),
    /** The latest sending (of the current revision). */
    sentAt: at("sent_at"),
    version: integer("version").notNull().default(1),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [
    uniqueIndex("reports_period_unit_idx").on(t.periodId, t.unitId),
    index("reports_tenant_unit_idx").on(t.tenantId, t.unitId),
    index("reports_tenant_status_idx").on(t.tenantId, t.status),
  ],
);

/** A revision as sent: frozen. Append-only (a trigger refuses changes). */
export const reportRevisions = pgTable(
  "report_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    revision: integer("revision").notNull(),
    formVersion: integer("form_version").notNull(),
    sections: jsonb("sections").$type<Record<string, string>>().notNull(),
    values: jsonb("values").$type<Record<string, number | null>>().notNull(),
    difficulties: text("difficulties").notNull(),
    proposals: text("proposals").notNull(),
    sentAt: at("sent_at").notNull(),
    late: boolean("late").notNull(),
    sentBy: uuid("sent_by").references(() => users.id),
    sentByName: text("sent_by_name").notNull(),
  },
  (t) => [uniqueIndex("report_revisions_report_revision_idx").on(t.reportId, t.revision)],
);

/** Every step of a report: who, when, from which status to which, with comments. Append-only. */
export const reportEvents = pgTable(
  "report_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    revision: integer("revision").notNull(),
    action: text("action").notNull(),
    statusFrom: text("status_from"),
    statusTo: text("status_to"),
    comment: text("comment"),
    /** The coordinator's comments per section when returning ("II.3": "…"). */
    sectionComments: jsonb("section_comments").$type<Record<string, string>>().notNull().default({}),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorName: text("actor_name").notNull(),
    at: stampedNow("at"),
  },
  (t) => [index("report_events_report_idx").on(t.reportId, t.at)],
);

/** The signed scan of a report: the bytes live in the storage. Append-only. */
export const reportFiles = pgTable(
  "report_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    revision: integer("revision").notNull(),
    storageKey: text("storage_key").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedByName: text("uploaded_by_name").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [index("report_files_report_idx").on(t.reportId)],
);

/** The coordinator reopened a locked period for one unit until a day. Append-only. */
export const reportReopenings = pgTable(
  "report_reopenings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    periodId: uuid("period_id")
      .notNull()
      .references(() => reportPeriods.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    until: date("until").notNull(),
    reason: text("reason").notNull(),
    byUserId: uuid("by_user_id").references(() => users.id),
    byName: text("by_name").notNull(),
    at: stampedNow("at"),
  },
  (t) => [index("report_reopenings_period_unit_idx").on(t.periodId, t.unitId)],
);

/**
 * Difficulties and proposals ("khó khăn, vướng mắc, kiến nghị") raised by a unit, alone or inside
 * its report, to UBND tỉnh via Sở Nội vụ: owner, due date, decision, closing.
 */
export const escalations = pgTable(
  "escalations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id").references(() => plans.id),
    periodId: uuid("period_id").references(() => reportPeriods.id),
    reportId: uuid("report_id").references(() => reports.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status").notNull().default("open"),
    ownerUnitId: uuid("owner_unit_id").references(() => units.id),
    dueOn: date("due_on"),
    decision: text("decision"),
    decidedAt: at("decided_at"),
    decidedByName: text("decided_by_name"),
    closingNote: text("closing_note"),
    closedAt: at("closed_at"),
    closedByName: text("closed_by_name"),
    raisedBy: uuid("raised_by").references(() => users.id),
    raisedByName: text("raised_by_name").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [
    index("escalations_tenant_status_idx").on(t.tenantId, t.status),
    index("escalations_period_idx").on(t.periodId),
  ],
);

/**
 * What the reminder and urging jobs sent: one row per key ("remind:<period>:<unit>:<days>"),
 * inserted before sending, so that nothing goes out twice whatever runs the scan.
 */
export const reportSentLog = pgTable(
  "report_sent_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    key: text("key").notNull(),
    kind: text("kind").notNull(),
    periodId: uuid("period_id").references(() => reportPeriods.id),
    unitId: uuid("unit_id").references(() => units.id),
    reportId: uuid("report_id").references(() => reports.id),
    recipients: text("recipients").array().notNull().default(sql`'{}'::text[]`),
    at: stampedNow("at"),
  },
  (t) => [uniqueIndex("report_sent_log_key_idx").on(t.tenantId, t.key)],
);

/** In-app notices about reports: a reminder, a draft waiting for approval, a return. */
export const reportNotices = pgTable(
  "report_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    kind: text("kind").notNull(),
    periodId: uuid("period_id").references(() => reportPeriods.id),
    reportId: uuid("report_id").references(() => reports.id),
    title: text("title").notNull(),
    createdAt: stampedNow("created_at"),
    readAt: at("read_at"),
  },
  (t) => [
    uniqueIndex("report_notices_once_idx").on(t.userId, t.key),
    index("report_notices_user_idx").on(t.userId, t.createdAt),
  ],
);

/** An urging letter ("văn bản đôn đốc") generated for a period: the .docx in the storage. */
export const reportUrgingLetters = pgTable(
  "report_urging_letters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    periodId: uuid("period_id")
      .notNull()
      .references(() => reportPeriods.id),
    issuedOn: date("issued_on").notNull(),
    lateUnitIds: uuid("late_unit_ids").array().notNull(),
    storageKey: text("storage_key").notNull(),
    filename: text("filename").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [uniqueIndex("report_urging_letters_period_day_idx").on(t.periodId, t.issuedOn)],
);

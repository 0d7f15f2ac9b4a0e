import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { stampedNow } from "../../db/columns.ts";
import { users } from "../auth/tables.ts";
import { tenantRef, units } from "../orgs/tables.ts";

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A citizen's petition. The contact columns and `text` are personal data: read only through
 * the module's policy (the handling unit and the coordinator), every read logged in
 * `petition_access_log`, masked everywhere else.
 */
export const petitions = pgTable(
  "petitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    trackingCode: text("tracking_code").notNull(),
    /** SHA-256 of the normalised tracking code: the public lookup is one indexed query on it. */
    trackingHash: text("tracking_hash").notNull(),
    kind: text("kind").notNull(),
    channel: text("channel").notNull(),
    status: text("status").notNull().default("received"),
    title: text("title"),
    category: text("category"),
    text: text("text").notNull(),
    communeId: uuid("commune_id").references(() => units.id),
    contactName: text("contact_name").notNull(),
    /** E.164 (+84…), normalised at intake. */
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
    assignedUnitId: uuid("assigned_unit_id").references(() => units.id),
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => petitions.id),
    receivedAt: stampedNow("received_at"),
    /** The day it was received, in Vietnam: clocks count from it. */
    receivedDate: date("received_date").notNull(),
    acceptedDate: date("accepted_date"),
    answerDraft: text("answer_draft"),
    answerDraftedBy: uuid("answer_drafted_by").references(() => users.id),
    answerDraftedAt: at("answer_drafted_at"),
    /** The answer as published: personal data masked. */
    answerPublic: text("answer_public"),
    answerApprovedBy: uuid("answer_approved_by").references(() => users.id),
    answerPublishedAt: at("answer_published_at"),
    closedAt: at("closed_at"),
    closeReason: text("close_reason"),
    ratingScore: integer("rating_score"),
    ratingComment: text("rating_comment"),
    ratedAt: at("rated_at"),
    followUpRequestedAt: at("follow_up_requested_at"),
    followUpResolved: boolean("follow_up_resolved"),
    followUpComment: text("follow_up_comment"),
    followUpAt: at("follow_up_at"),
    createdBy: uuid("created_by").references(() => users.id),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [
    uniqueIndex("petitions_tracking_idx").on(t.tenantId, t.trackingHash),
    index("petitions_tenant_status_idx").on(t.tenantId, t.status),
    index("petitions_tenant_unit_idx").on(t.tenantId, t.assignedUnitId),
    index("petitions_tenant_received_idx").on(t.tenantId, t.receivedDate),
    index("petitions_tenant_phone_idx").on(t.tenantId, t.contactPhone),
    index("petitions_tenant_email_idx").on(t.tenantId, t.contactEmail),
    index("petitions_text_trgm_idx").using("gin", sql`vi_fold(${t.text}) gin_trgm_ops`),
  ],
);

/** The timeline: every step of a petition, transfers between units included. Append-only. */
export const petitionEvents = pgTable(
  "petition_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    petitionId: uuid("petition_id")
      .notNull()
      .references(() => petitions.id),
    at: stampedNow("at"),
    type: text("type").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorName: text("actor_name").notNull(),
    fromUnitId: uuid("from_unit_id").references(() => units.id),
    toUnitId: uuid("to_unit_id").references(() => units.id),
    /** Staff notes may name people: shown to handlers only, never on the public page. */
    note: text("note"),
    public: boolean("public").notNull().default(true),
  },
  (t) => [index("petition_events_petition_idx").on(t.petitionId, t.at)],
);

/** One legal clock of a petition, with the rule it comes from and its legal basis. */
export const petitionClocks = pgTable(
  "petition_clocks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    petitionId: uuid("petition_id")
      .notNull()
      .references(() => petitions.id),
    ruleKey: text("rule_key").notNull(),
    purpose: text("purpose").notNull(),
    startsFrom: text("starts_from").notNull(),
    startDate: date("start_date").notNull(),
    unit: text("unit").notNull(),
    /** Days for the flags, before extensions. */
    baseDays: integer("base_days").notNull(),
    extendedDays: integer("extended_days").notNull().default(0),
    dueDate: date("due_date").notNull(),
    flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
    basis: text("basis").notNull(),
    checkNote: text("check_note"),
    status: text("status").notNull().default("running"),
    metDate: date("met_date"),
    createdAt: stampedNow("created_at"),
  },
  (t) => [
    uniqueIndex("petition_clocks_rule_idx").on(t.petitionId, t.ruleKey),
    index("petition_clocks_running_idx").on(t.tenantId, t.status, t.dueDate),
  ],
);

/** An extension of a clock, decided in writing (Luật Tố cáo 2018, Điều 30 khoản 2). */
export const petitionExtensions = pgTable(
  "petition_extensions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    petitionId: uuid("petition_id")
      .notNull()
      .references(() => petitions.id),
    clockId: uuid("clock_id")
      .notNull()
      .references(() => petitionClocks.id),
    days: integer("days").notNull(),
    flag: text("flag"),
    reason: text("reason").notNull(),
    decisionNumber: text("decision_number").notNull(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedByName: text("decided_by_name").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [index("petition_extensions_clock_idx").on(t.clockId)],
);

/** An Idempotency-Key seen at intake: a retry with the same body gets the same answer. */
export const petitionIdempotency = pgTable(
  "petition_idempotency",
  {
    tenantId: tenantRef(),
    key: text("key").notNull(),
    bodyHash: text("body_hash").notNull(),
    trackingCode: text("tracking_code").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.key] }),
    index("petition_idempotency_created_idx").on(t.createdAt),
  ],
);

/** A file sent before its petition; unclaimed ones are deleted after a day. */
export const petitionUploads = pgTable(
  "petition_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    storageKey: text("storage_key").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    petitionId: uuid("petition_id").references(() => petitions.id),
    createdAt: stampedNow("created_at"),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [
    index("petition_uploads_petition_idx").on(t.tenantId, t.petitionId),
    index("petition_uploads_expires_idx").on(t.expiresAt),
  ],
);

/** Who read a petition's personal data, when, and which fields (Nghị định 13/2023). Append-only. */
export const petitionAccessLog = pgTable(
  "petition_access_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    petitionId: uuid("petition_id")
      .notNull()
      .references(() => petitions.id),
    userId: uuid("user_id").references(() => users.id),
    actorName: text("actor_name").notNull(),
    purpose: text("purpose").notNull(),
    fields: text("fields").array().notNull(),
    at: stampedNow("at"),
  },
  (t) => [index("petition_access_petition_idx").on(t.petitionId, t.at)],
);

/**
 * A warning sent for a clock, deadline and threshold (working days left; -1 once overdue): the
 * primary key makes it once only. An extension moves the deadline, which warrants new warnings.
 */
export const petitionClockWarnings = pgTable(
  "petition_clock_warnings",
  {
    tenantId: tenantRef(),
    clockId: uuid("clock_id")
      .notNull()
      .references(() => petitionClocks.id),
    dueDate: date("due_date").notNull(),
    threshold: integer("threshold").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [primaryKey({ columns: [t.clockId, t.dueDate, t.threshold] })],
);

/** In-app notices to officers about petitions (clock warnings, new assignments). */
export const petitionNotices = pgTable(
  "petition_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    petitionId: uuid("petition_id")
      .notNull()
      .references(() => petitions.id),
    kind: text("kind").notNull(),
    clockId: uuid("clock_id").references(() => petitionClocks.id),
    threshold: integer("threshold"),
    dueDate: date("due_date"),
    data: jsonb("data"),
    createdAt: stampedNow("created_at"),
    readAt: at("read_at"),
  },
  (t) => [
    index("petition_notices_user_idx").on(t.userId, t.createdAt),
    uniqueIndex("petition_notices_once_idx").on(t.userId, t.clockId, t.dueDate, t.threshold),
  ],
);

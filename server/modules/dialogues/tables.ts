import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
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

/** A dialogue between a leader and citizens: when, where, on what, with whom. */
export const dialogues = pgTable(
  "dialogues",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    title: text("title").notNull(),
    topic: text("topic").notNull(),
    leader: text("leader").notNull(),
    place: text("place").notNull(),
    startsAt: at("starts_at").notNull(),
    hostUnitId: uuid("host_unit_id")
      .notNull()
      .references(() => units.id),
    communeIds: uuid("commune_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** scheduled | held | cancelled */
    status: text("status").notNull().default("scheduled"),
    /** The minutes (biên bản) as recorded; may name people: masked on the public page. */
    minutes: text("minutes"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [index("dialogues_tenant_starts_idx").on(t.tenantId, t.startsAt)],
);

/**
 * A question sent for a dialogue, from the portal or entered by staff. The asker's name and
 * contact are personal data: shown to the dialogue's managers only, never on the public page.
 */
export const dialogueQuestions = pgTable(
  "dialogue_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    dialogueId: uuid("dialogue_id")
      .notNull()
      .references(() => dialogues.id),
    /** SHA-256 of the asker's tracking code; null for questions entered by staff. */
    trackingHash: text("tracking_hash"),
    channel: text("channel").notNull(),
    text: text("text").notNull(),
    communeId: uuid("commune_id").references(() => units.id),
    askerName: text("asker_name"),
    askerPhone: text("asker_phone"),
    askerEmail: text("asker_email"),
    /** pending | published | rejected */
    status: text("status").notNull().default("pending"),
    rejectReason: text("reject_reason"),
    moderationNote: text("moderation_note"),
    moderatedBy: uuid("moderated_by").references(() => users.id),
    moderatedAt: at("moderated_at"),
    answer: text("answer"),
    answeredAt: at("answered_at"),
    createdAt: stampedNow("created_at"),
  },
  (t) => [
    index("dialogue_questions_dialogue_idx").on(t.dialogueId, t.createdAt),
    uniqueIndex("dialogue_questions_tracking_idx").on(t.tenantId, t.trackingHash),
  ],
);

/** A commitment made at a dialogue: owned by a unit, due on a date, tracked to its closing. */
export const dialogueCommitments = pgTable(
  "dialogue_commitments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    dialogueId: uuid("dialogue_id")
      .notNull()
      .references(() => dialogues.id),
    questionId: uuid("question_id").references(() => dialogueQuestions.id),
    text: text("text").notNull(),
    ownerUnitId: uuid("owner_unit_id")
      .notNull()
      .references(() => units.id),
    dueDate: date("due_date").notNull(),
    /** open | done; "overdue" is derived (open past its due date), never stored. */
    status: text("status").notNull().default("open"),
    closingNote: text("closing_note"),
    closedAt: at("closed_at"),
    closedBy: uuid("closed_by").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [
    index("dialogue_commitments_owner_idx").on(t.tenantId, t.ownerUnitId, t.status),
    index("dialogue_commitments_dialogue_idx").on(t.dialogueId),
  ],
);

/**
 * Idempotency keys of the portal's posts to dialogues and consultations: a retried post with
 * the same key and body answers what the first one stored, and writes nothing new.
 */
export const civicIdempotency = pgTable(
  "civic_idempotency",
  {
    tenantId: tenantRef(),
    key: text("key").notNull(),
    bodyHash: text("body_hash").notNull(),
    trackingCode: text("tracking_code").notNull(),
    createdAt: stampedNow("created_at"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

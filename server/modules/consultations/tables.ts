import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { stampedNow } from "../../db/columns.ts";
import { users } from "../auth/tables.ts";
import { tenantRef, units } from "../orgs/tables.ts";

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A draft policy put to public consultation by the agency that drafts it. */
export const consultations = pgTable(
  "consultations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    draftingUnitId: uuid("drafting_unit_id")
      .notNull()
      .references(() => units.id),
    opensOn: date("opens_on").notNull(),
    closesOn: date("closes_on").notNull(),
    /** draft | published; upcoming / open / closed are derived from the dates. */
    status: text("status").notNull().default("draft"),
    publishedAt: at("published_at"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [index("consultations_tenant_closes_idx").on(t.tenantId, t.closesOn)],
);

/** One section of the draft (an article, a part): what a comment is about. */
export const consultationSections = pgTable(
  "consultation_sections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id),
    position: integer("position").notNull(),
    heading: text("heading").notNull(),
    text: text("text").notNull(),
  },
  (t) => [uniqueIndex("consultation_sections_position_idx").on(t.consultationId, t.position)],
);

/**
 * A comment on a section and the drafting agency's answer to it. A citizen's name and contact
 * are personal data: shown to the drafting agency only; the public sees the text masked.
 */
export const consultationComments = pgTable(
  "consultation_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => consultationSections.id),
    trackingHash: text("tracking_hash"),
    channel: text("channel").notNull(),
    /** citizen | unit | front */
    authorKind: text("author_kind").notNull(),
    authorName: text("author_name").notNull(),
    organisation: text("organisation"),
    authorPhone: text("author_phone"),
    authorEmail: text("author_email"),
    text: text("text").notNull(),
    /** pending | published | rejected */
    status: text("status").notNull().default("pending"),
    rejectReason: text("reject_reason"),
    moderationNote: text("moderation_note"),
    moderatedBy: uuid("moderated_by").references(() => users.id),
    moderatedAt: at("moderated_at"),
    /** accepted | partly | not_accepted */
    result: text("result"),
    explanation: text("explanation"),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: at("answered_at"),
    createdAt: stampedNow("created_at"),
  },
  (t) => [
    index("consultation_comments_consultation_idx").on(t.consultationId, t.status),
    uniqueIndex("consultation_comments_tracking_idx").on(t.tenantId, t.trackingHash),
  ],
);

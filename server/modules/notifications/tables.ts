import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { stampedNow } from "../../db/columns.ts";
import { users } from "../auth/tables.ts";
import { tenantRef } from "../orgs/tables.ts";

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One line in a user's notices bell: work handed to them (a report to approve, a petition sent to
 * their unit, a report returned …). `event_key` names the state change; a user gets one notice per
 * event however often it is raised (the transition, then the hourly safety-net scan).
 */
export const notices = pgTable(
  "notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventKey: text("event_key").notNull(),
    kind: text("kind").notNull(),
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    link: text("link").notNull(),
    createdAt: stampedNow("created_at"),
    readAt: at("read_at"),
  },
  (t) => [
    uniqueIndex("notices_once_idx").on(t.userId, t.eventKey),
    index("notices_user_idx").on(t.tenantId, t.userId, t.createdAt),
  ],
);

/**
 * The e-mails that go with notices: written in the same transaction as the change (the outbox),
 * sent after it commits, and kept as the sent log. One row per (event, recipient): a mail is never
 * queued twice, and `claimed_at` lets one sender at a time take a row.
 */
export const noticeMail = pgTable(
  "notice_mail",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventKey: text("event_key").notNull(),
    email: text("email").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    link: text("link").notNull(),
    locale: text("locale").notNull(),
    createdAt: stampedNow("created_at"),
    claimedAt: at("claimed_at"),
    sentAt: at("sent_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [
    uniqueIndex("notice_mail_once_idx").on(t.tenantId, t.eventKey, t.userId),
    index("notice_mail_pending_idx").on(t.createdAt).where(sql`${t.sentAt} IS NULL`),
  ],
);

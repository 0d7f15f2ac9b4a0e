import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { stampedNow } from "../../db/columns.ts";
import { tenantRef } from "../orgs/tables.ts";

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One-time codes that confirm a citizen's phone number or e-mail before a petition, a question or
 * a comment is received (when the province turns confirmation on). Neither the code nor the
 * contact is stored: the contact as a salted hash (to find the latest code for it), the code as a
 * hash with a salt of its own. A code lives a few minutes, takes a few wrong tries, and is used once.
 */
export const contactCodes = pgTable(
  "contact_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** SHA-256 of the tenant and the normalised contact (+84… or a lower-case e-mail). */
    contactHash: text("contact_hash").notNull(),
    channel: text("channel").notNull(),
    salt: text("salt").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: stampedNow("created_at"),
    expiresAt: at("expires_at").notNull(),
    usedAt: at("used_at"),
  },
  (t) => [index("contact_codes_lookup_idx").on(t.tenantId, t.contactHash, t.createdAt)],
);

/**
 * Fixed-window counters for the limits on citizens' submissions, codes and contact proofs; the
 * bucket names a hash, never an address or number. The table keeps the name it had when only
 * petitions were counted: renaming it would be a migration for nothing.
 */
export const rateCounters = pgTable(
  "petition_rate_counters",
  {
    tenantId: tenantRef(),
    bucket: text("bucket").notNull(),
    windowStart: at("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.bucket, t.windowStart] })],
);

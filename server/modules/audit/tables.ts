import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantRef, tenants } from "../orgs/tables.ts";

/**
 * The audit trail: append-only (a trigger refuses UPDATE and DELETE) and chained per tenant by
 * an HMAC under a key kept outside the database, so that an edit made around the trigger is
 * still found by `audit verify`, even with the chain recomputed.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    tenantId: tenantRef(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
    actorUserId: uuid("actor_user_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    prevHash: text("prev_hash").notNull(),
    /** The id of the audit key the link was computed with (modules/audit/key.ts); null before keying. */
    keyId: text("key_id"),
    hash: text("hash").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index("audit_entity_idx").on(t.tenantId, t.entityType, t.entityId),
  ],
);

/** The last link of each tenant's chain: deleting the newest rows is then detected too. */
export const auditHead = pgTable("audit_head", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});

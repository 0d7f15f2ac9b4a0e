import {
  boolean,
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
import { tenantRef, units } from "../orgs/tables.ts";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    totpSecret: text("totp_secret"),
    totpPendingSecret: text("totp_pending_secret"),
    totpEnabled: boolean("totp_enabled").notNull().default(false),
    disabled: boolean("disabled").notNull().default(false),
    locale: text("locale").notNull().default("vi"),
    version: integer("version").notNull().default(1),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [uniqueIndex("users_tenant_username_idx").on(t.tenantId, t.username)],
);

/** A role held on a unit; it covers the unit's descendants. */
export const roleGrants = pgTable(
  "role_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    createdAt: stampedNow("created_at"),
  },
  (t) => [
    uniqueIndex("role_grants_unique_idx").on(t.userId, t.role, t.unitId),
    index("role_grants_unit_idx").on(t.unitId),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: stampedNow("created_at"),
    lastSeenAt: stampedNow("last_seen_at"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Failed sign-ins counted per account name (as typed, normalised; known or not), per client
 * address and per pair of both (see throttle.ts and docs/decisions/2026-12-07-sign-in-throttling.md).
 * `scope` says which: "name" rows have no address, "address" rows no name ('' for none).
 */
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    tenantId: tenantRef(),
    scope: text("scope").notNull(),
    name: text("name").notNull().default(""),
    address: text("address").notNull().default(""),
    /** Failures since the counter last started (a quiet day restarts it). */
    failures: integer("failures").notNull().default(0),
    lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
    /** No attempt is weighed before this instant. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** A pair only: the last successful sign-in of this name from this address. */
    signedInAt: timestamp("signed_in_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.scope, t.name, t.address] }),
    index("sign_in_throttles_name_idx").on(t.tenantId, t.name),
  ],
);

import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { stampedNow } from "../../db/columns.ts";

/** A province (or any deployment's partition): every province-owned row carries its id. */
export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  createdAt: stampedNow("created_at"),
});

/** The column every province-owned row carries, so tables can later be distributed by it. */
export const tenantRef = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id);

/** A unit of the organisation directory: a committee, department, district, commune, body. */
export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    code: text("code"),
    type: text("type").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => units.id),
    name: text("name").notNull(),
    shortName: text("short_name"),
    aliases: text("aliases").array().notNull().default(sql`'{}'::text[]`),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    version: integer("version").notNull().default(1),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [
    index("units_tenant_parent_idx").on(t.tenantId, t.parentId),
    index("units_tenant_type_idx").on(t.tenantId, t.type),
    index("units_tenant_code_idx").on(t.tenantId, t.code),
  ],
);

/** A named group resolving a collective mention: by unit types, by explicit members, or both. */
export const unitGroups = pgTable(
  "unit_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    aliases: text("aliases").array().notNull().default(sql`'{}'::text[]`),
    unitTypes: text("unit_types").array().notNull().default(sql`'{}'::text[]`),
    memberIds: uuid("member_ids").array().notNull().default(sql`'{}'::uuid[]`),
    description: text("description"),
    version: integer("version").notNull().default(1),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (t) => [uniqueIndex("unit_groups_tenant_name_idx").on(t.tenantId, t.name)],
);

/**
 * The state of a unit before an in-place change (a rename or a move), with the days it held:
 * the directory shown as of an earlier date reads the name and parent the unit had then.
 */
export const unitRevisions = pgTable(
  "unit_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    validFrom: date("valid_from"),
    validTo: date("valid_to").notNull(),
    name: text("name").notNull(),
    shortName: text("short_name"),
    parentId: uuid("parent_id"),
    eventId: uuid("event_id"),
  },
  (t) => [index("unit_revisions_unit_idx").on(t.unitId, t.validTo)],
);

/** A restructuring event as applied: what was asked (spec), what it did (outcome). */
export const unitEvents = pgTable(
  "unit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    title: text("title").notNull(),
    effectiveDate: date("effective_date").notNull(),
    legalBasis: text("legal_basis").notNull(),
    spec: jsonb("spec").notNull(),
    outcome: jsonb("outcome").notNull(),
    appliedBy: text("applied_by").notNull(),
    appliedAt: stampedNow("applied_at"),
  },
  (t) => [index("unit_events_tenant_date_idx").on(t.tenantId, t.effectiveDate)],
);

/** Who carries a closed unit's duties from the effective date on. */
export const unitSuccessions = pgTable(
  "unit_successions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => unitEvents.id),
    predecessorId: uuid("predecessor_id")
      .notNull()
      .references(() => units.id),
    successorId: uuid("successor_id")
      .notNull()
      .references(() => units.id),
    effectiveDate: date("effective_date").notNull(),
    kind: text("kind").notNull(),
  },
  (t) => [
    index("unit_successions_predecessor_idx").on(t.predecessorId),
    index("unit_successions_successor_idx").on(t.successorId),
  ],
);

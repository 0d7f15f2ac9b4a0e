import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ConsolidationDraft, DocumentFields } from "../../../../common/schemas/consolidation.ts";
import { stampedNow } from "../../../db/columns.ts";
import { users } from "../../auth/tables.ts";
import { tenantRef } from "../../orgs/tables.ts";
import { plans } from "../../plans/tables.ts";
import { reportPeriods } from "../tables.ts";

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The consolidated provincial report of one plan and period: the draft drafted from the accepted
 * unit reports, with the coordinator's edits (kept across refreshes), versioned for optimistic
 * concurrency. Finalising freezes it: `status` "final", and no change is accepted after.
 */
export const consolidatedReports = pgTable(
  "consolidated_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    periodId: uuid("period_id")
      .notNull()
      .references(() => reportPeriods.id),
    periodKey: text("period_key").notNull(),
    status: text("status").notNull().default("draft"),
    draft: jsonb("draft").$type<ConsolidationDraft>().notNull(),
    /** number, date and signer's name as the clerk fills them in */
    document: jsonb("document").$type<DocumentFields>().notNull(),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
    finalisedAt: at("finalised_at"),
    finalisedByName: text("finalised_by_name"),
  },
  (t) => [
    uniqueIndex("consolidated_reports_period_idx").on(t.tenantId, t.planId, t.periodKey),
    index("consolidated_reports_tenant_idx").on(t.tenantId, t.updatedAt),
  ],
);

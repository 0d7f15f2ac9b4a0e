import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { authorize } from "../authorize.ts";
import { accessPlan } from "../plans/registry.ts";
import type { Access } from "./access.ts";
import { checkIndicators } from "./form.ts";
import { type FormIndicator, reportForms, reportSchedules } from "./tables.ts";

/**
 * The coordinator's settings of a plan's reporting: the form's indicators (each change a new
 * form version; reports already opened keep theirs) and a schedule's lock and reminder days.
 */

export async function planForm(db: DbOrTx, access: Access, planId: string) {
  await accessPlan(db, access.actor, planId, "read");
  const rows = await db
    .select()
    .from(reportForms)
    .where(eq(reportForms.planId, planId))
    .orderBy(asc(reportForms.version));
  const latest = rows.at(-1);
  if (!latest) throw notFound(both("mẫu báo cáo", "report form"));
  return {
    planId,
    version: latest.version,
    headings: latest.headings,
    indicators: latest.indicators,
    reason: latest.reason,
    createdBy: latest.createdByName,
    createdAt: new Date(latest.createdAt).toISOString(),
    versions: rows.map((r) => ({
      version: r.version,
      createdAt: new Date(r.createdAt).toISOString(),
      reason: r.reason,
    })),
  };
}

export async function setIndicators(
  tx: DbOrTx,
  access: Access,
  author: AuditActor,
  planId: string,
  body: { indicators: FormIndicator[]; reason: string },
) {
  await accessPlan(tx, access.actor, planId, "read");
  authorize(access.actor, "reports.configure", access.actor);
  checkIndicators(body.indicators);
  const [latest] = await tx
    .select()
    .from(reportForms)
    .where(eq(reportForms.planId, planId))
    .orderBy(desc(reportForms.version))
    .limit(1)
    .for("update");
  if (!latest) throw notFound(both("mẫu báo cáo", "report form"));
  await tx.insert(reportForms).values({
    tenantId: latest.tenantId,
    planId,
    version: latest.version + 1,
    headings: latest.headings,
    indicators: body.indicators,
    reason: body.reason,
    createdBy: author.userId,
    createdByName: author.name,
  });
  await recordAudit(tx, {
    tenantId: latest.tenantId,
    actor: author,
    action: "report.form",
    entityType: "plan",
    entityId: planId,
    before: { version: latest.version, indicators: latest.indicators.map((i) => i.code) },
    after: {
      version: latest.version + 1,
      indicators: body.indicators.map((i) => i.code),
      reason: body.reason,
    },
  });
}

export function toSchedule(access: Access, row: typeof reportSchedules.$inferSelect) {
  return {
    id: row.id,
    kind: row.kind as "duty" | "ad_hoc",
    source: row.source,
    frequency: row.frequency,
    clause: row.clause,
    fromMentions: row.fromMentions,
    to: row.toMention,
    via: row.viaMention,
    namedUnits: row.namedUnitIds.map((id) => ({ id, name: access.directory.name(id) })),
    lockDays: row.lockDays,
    reminderDays: row.reminderDays,
    version: row.version,
  };
}

export async function listSchedules(db: DbOrTx, access: Access, planId: string) {
  await accessPlan(db, access.actor, planId, "read");
  const rows = await db
    .select()
    .from(reportSchedules)
    .where(and(eq(reportSchedules.tenantId, access.actor.tenantId), eq(reportSchedules.planId, planId)))
    .orderBy(asc(reportSchedules.kind), asc(reportSchedules.source));
  return { items: rows.map((row) => toSchedule(access, row)) };
}

export async function updateSchedule(
  tx: DbOrTx,
  access: Access,
  author: AuditActor,
  id: string,
  body: { version: number; lockDays?: number; reminderDays?: number[] },
) {
  authorize(access.actor, "reports.configure", access.actor);
  const [row] = await tx
    .select()
    .from(reportSchedules)
    .where(and(eq(reportSchedules.tenantId, access.actor.tenantId), eq(reportSchedules.id, id)))
    .for("update");
  if (!row) throw notFound(both("lịch báo cáo", "reporting schedule"));
  if (row.version !== body.version) {
    throw new AppError(409, "conflict", { current: row.version, yours: body.version }, undefined, {
      currentVersion: row.version,
    });
  }
  const reminderDays = body.reminderDays
    ? [...new Set(body.reminderDays)].sort((a, b) => b - a)
    : row.reminderDays;
  const [saved] = await tx
    .update(reportSchedules)
    .set({
      lockDays: body.lockDays ?? row.lockDays,
      reminderDays,
      version: row.version + 1,
      updatedAt: clock.now(),
    })
    .where(eq(reportSchedules.id, row.id))
    .returning();
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: author,
    action: "report.schedule",
    entityType: "report_schedule",
    entityId: row.id,
    before: { lockDays: row.lockDays, reminderDays: row.reminderDays },
    after: { lockDays: saved.lockDays, reminderDays: saved.reminderDays },
  });
  return toSchedule(access, saved);
}

import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DocumentFields } from "../../../../common/schemas/consolidation.ts";
import type { Config } from "../../../config.ts";
import type { DbOrTx } from "../../../db/connection.ts";
import { clock } from "../../../lib/clock.ts";
import { renderNd30DocxOffThread, renderOffThread } from "../../../lib/documents/off-thread.ts";
import { convertToPdf } from "../../../lib/documents/pdf.ts";
import { AppError, both, conflict, notFound } from "../../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../../audit/service.ts";
import { plans, planVersions } from "../../plans/tables.ts";
import { findPeriod, loadConsolidationInput } from "../consolidation.ts";
import type { ConsolidationInput } from "../consolidation-input.ts";
import { reportPeriods } from "../tables.ts";
import { draftToDocument } from "./document.ts";
import { buildConsolidationDraft, refreshDraft } from "./draft.ts";
import { consolidatedReports } from "./tables.ts";

/**
 * The saved consolidated reports: create or refresh the draft of a plan and period from the
 * accepted unit reports, edit its sections and document fields (each change names the version
 * it read: a stale one is refused with 409), finalise it (frozen from then on), and export it.
 * Every change is audited in the same transaction.
 */

export type ConsolidationRow = typeof consolidatedReports.$inferSelect;

export type Loader = (
  db: DbOrTx,
  tenantId: string,
  query: { planId: string; periodKey: string },
) => Promise<ConsolidationInput>;

const ENTITY = "consolidated_report";

/**
 * The plan a period is consolidated for when none is named: the most recently published
 * top-level plan that has this period, else the most recently published one.
 */
export async function defaultPlanId(db: DbOrTx, tenantId: string, periodKey: string): Promise<string> {
  const latest = sql<Date>`(SELECT max(${planVersions.publishedAt}) FROM ${planVersions} WHERE ${planVersions.planId} = ${plans.id})`;
  const published = and(
    eq(plans.tenantId, tenantId),
    isNull(plans.parentPlanId),
    sql`${plans.currentVersion} > 0`,
  );
  const withPeriod = await db
    .select({ id: plans.id })
    .from(plans)
    .innerJoin(reportPeriods, and(eq(reportPeriods.planId, plans.id), eq(reportPeriods.key, periodKey)))
    .where(published)
    .orderBy(desc(latest))
    .limit(1);
  if (withPeriod[0]) return withPeriod[0].id;
  const [any] = await db.select({ id: plans.id }).from(plans).where(published).orderBy(desc(latest)).limit(1);
  if (!any) throw notFound(both("kế hoạch đã ban hành", "published plan"));
  return any.id;
}

export async function findConsolidation(db: DbOrTx, tenantId: string, id: string): Promise<ConsolidationRow> {
  const [row] = await db
    .select()
    .from(consolidatedReports)
    .where(and(eq(consolidatedReports.tenantId, tenantId), eq(consolidatedReports.id, id)));
  if (!row) throw notFound(both("bản tổng hợp báo cáo", "consolidated report"));
  return row;
}

export async function listConsolidations(db: DbOrTx, tenantId: string, planId?: string) {
  return db
    .select()
    .from(consolidatedReports)
    .where(
      planId
        ? and(eq(consolidatedReports.tenantId, tenantId), eq(consolidatedReports.planId, planId))
        : eq(consolidatedReports.tenantId, tenantId),
    )
    .orderBy(desc(consolidatedReports.updatedAt));
}

const EMPTY_FIELDS: DocumentFields = { number: null, date: null, signerName: null };

/**
 * Drafts the report of a plan and period, or refreshes the existing draft (the coordinator's
 * edited sections are kept). Refused for a finalised report and when no report is accepted.
 */
export async function draftConsolidation(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  query: { planId?: string; periodKey: string },
  load: Loader = loadConsolidationInput,
): Promise<{ row: ConsolidationRow; created: boolean }> {
  const planId = query.planId ?? (await defaultPlanId(tx, tenantId, query.periodKey));
  const period = await findPeriod(tx, tenantId, planId, query.periodKey);
  const input = await load(tx, tenantId, { planId, periodKey: query.periodKey });
  const fresh = buildConsolidationDraft(input);
  const [existing] = await tx
    .select()
    .from(consolidatedReports)
    .where(
      and(
        eq(consolidatedReports.tenantId, tenantId),
        eq(consolidatedReports.planId, planId),
        eq(consolidatedReports.periodKey, query.periodKey),
      ),
    )
    .for("update");
  if (!existing) {
    const [row] = await tx
      .insert(consolidatedReports)
      .values({
        tenantId,
        planId,
        periodId: period.id,
        periodKey: query.periodKey,
        draft: fresh,
        document: EMPTY_FIELDS,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      tenantId,
      actor,
      action: "consolidation.draft",
      entityType: ENTITY,
      entityId: row.id,
      after: { planId, periodKey: query.periodKey, counts: fresh.counts },
    });
    return { row, created: true };
  }
  if (existing.status === "final") throw new AppError(409, "consolidation_finalised");
  const draft = refreshDraft(existing.draft, fresh);
  const [row] = await tx
    .update(consolidatedReports)
    .set({ draft, version: existing.version + 1, updatedAt: clock.now() })
    .where(eq(consolidatedReports.id, existing.id))
    .returning();
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "consolidation.refresh",
    entityType: ENTITY,
    entityId: row.id,
    before: { counts: existing.draft.counts, version: existing.version },
    after: {
      counts: draft.counts,
      version: row.version,
      kept: draft.sections.filter((s) => s.edited).map((s) => s.key),
    },
  });
  return { row, created: false };
}

/** Locks the row and checks it may change at the version the editor read. */
async function editable(
  tx: DbOrTx,
  tenantId: string,
  id: string,
  version: number,
): Promise<ConsolidationRow> {
  const [row] = await tx
    .select()
    .from(consolidatedReports)
    .where(and(eq(consolidatedReports.tenantId, tenantId), eq(consolidatedReports.id, id)))
    .for("update");
  if (!row) throw notFound(both("bản tổng hợp báo cáo", "consolidated report"));
  if (row.status === "final") throw new AppError(409, "consolidation_finalised");
  if (row.version !== version) throw conflict(row.version, version);
  return row;
}

export async function editSection(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  id: string,
  key: string,
  change: { version: number; text: string },
): Promise<ConsolidationRow> {
  const row = await editable(tx, tenantId, id, change.version);
  const section = row.draft.sections.find((s) => s.key === key);
  if (!section) throw new AppError(404, "consolidation_section_unknown", { section: key });
  const text = change.text.replace(/\r\n/g, "\n").trim();
  const sections = row.draft.sections.map((s) =>
    s.key === key
      ? {
          ...s,
          text,
          edited: text !== s.generated,
          sourceChanged: text === s.generated ? false : s.sourceChanged,
        }
      : s,
  );
  const [updated] = await tx
    .update(consolidatedReports)
    .set({ draft: { ...row.draft, sections }, version: row.version + 1, updatedAt: clock.now() })
    .where(eq(consolidatedReports.id, row.id))
    .returning();
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "consolidation.edit_section",
    entityType: ENTITY,
    entityId: row.id,
    before: { key, text: section.text },
    after: { key, text },
  });
  return updated;
}

export async function editDocumentFields(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  id: string,
  change: Partial<DocumentFields> & { version: number },
): Promise<ConsolidationRow> {
  const row = await editable(tx, tenantId, id, change.version);
  const { version: _version, ...fields } = change;
  const document = { ...row.document, ...fields };
  const [updated] = await tx
    .update(consolidatedReports)
    .set({ document, version: row.version + 1, updatedAt: clock.now() })
    .where(eq(consolidatedReports.id, row.id))
    .returning();
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "consolidation.edit_document",
    entityType: ENTITY,
    entityId: row.id,
    before: row.document,
    after: document,
  });
  return updated;
}

/** Freezes the report; its next year's directions must be written first. */
export async function finaliseConsolidation(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  id: string,
  version: number,
): Promise<ConsolidationRow> {
  const row = await editable(tx, tenantId, id, version);
  const directions = row.draft.sections.find((s) => s.kind === "directions");
  if (directions && !directions.text.trim())
    throw new AppError(422, "consolidation_directions_empty", {}, "directions");
  const [updated] = await tx
    .update(consolidatedReports)
    .set({
      status: "final",
      version: row.version + 1,
      updatedAt: clock.now(),
      finalisedAt: clock.now(),
      finalisedByName: actor.name,
    })
    .where(eq(consolidatedReports.id, row.id))
    .returning();
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "consolidation.finalise",
    entityType: ENTITY,
    entityId: row.id,
    after: { version: updated.version, document: row.document },
  });
  return updated;
}

// ---------------------------------------------------------------------------------------------
// Files

function documentOf(row: Pick<ConsolidationRow, "draft" | "document">) {
  const fields = row.document;
  return draftToDocument(row.draft, {
    number: fields.number,
    // The date as the clerk set it, at noon in Vietnam so that no time zone moves the day.
    date: fields.date ? new Date(`${fields.date}T05:00:00Z`) : null,
    signer: fields.signerName ? { name: fields.signerName } : undefined,
  });
}

type RenderLimits = Pick<Config, "parseTimeLimitSeconds" | "parseMemoryMb">;

// The files are packed in a worker thread (lib/documents/off-thread.ts): a province's report
// takes seconds to pack, and the server goes on answering meanwhile.
export const consolidationDocx = (row: Pick<ConsolidationRow, "draft" | "document">, limits: RenderLimits) =>
  renderNd30DocxOffThread(documentOf(row), limits);
export const consolidationXlsx = (row: Pick<ConsolidationRow, "draft">, limits: RenderLimits) =>
  renderOffThread(ANNEX, "annexWorkbook", [row.draft], limits);
export const consolidationPdf = async (
  row: Pick<ConsolidationRow, "draft" | "document">,
  limits: RenderLimits,
) => convertToPdf(await consolidationDocx(row, limits));

const ANNEX = new URL("./annex.ts", import.meta.url);

/** "bao-cao-tong-hop-2024" (ASCII, for file names). */
export function fileStem(row: Pick<ConsolidationRow, "periodKey" | "status">): string {
  const key = row.periodKey.replace(/[^\w.-]+/g, "-");
  return `bao-cao-tong-hop-${key}${row.status === "final" ? "" : "-du-thao"}`;
}

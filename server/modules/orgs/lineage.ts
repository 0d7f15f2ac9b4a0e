import { and, asc, eq, inArray } from "drizzle-orm";
import type { Locale } from "../../../common/enums.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { inForceOn, outcomeIn, type StoredOutcome } from "./restructure.ts";
import { unitEvents, unitRevisions, unitSuccessions, units } from "./tables.ts";

/** Reading the directory's history: names on a date, who carries a closed unit's duties, events. */

/** The names and parents units had on a date, where a rename or a move changed them since. */
export async function revisionsOn(db: DbOrTx, tenantId: string, unitIds: string[], asOf: string) {
  if (unitIds.length === 0) return new Map<string, typeof unitRevisions.$inferSelect>();
  const rows = await db
    .select()
    .from(unitRevisions)
    .where(and(eq(unitRevisions.tenantId, tenantId), inArray(unitRevisions.unitId, unitIds)))
    .orderBy(asc(unitRevisions.validTo));
  const result = new Map<string, typeof unitRevisions.$inferSelect>();
  // The state on a date is the earliest revision that was still in force then.
  for (const row of rows) if (row.validTo >= asOf && !result.has(row.unitId)) result.set(row.unitId, row);
  return result;
}

export interface LineageStep {
  unitId: string;
  name: string;
  since: string;
  eventTitle: string;
  legalBasis: string;
}

/**
 * Who carries a unit's duties on a date: the unit itself while in force, else its successors,
 * followed through later events ("Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ").
 */
export async function carriersOn(
  db: DbOrTx,
  tenantId: string,
  unitId: string,
  asOf: string,
): Promise<LineageStep[][]> {
  const paths: LineageStep[][] = [];
  const walk = async (id: string, path: LineageStep[], depth: number) => {
    const [unit] = await db
      .select()
      .from(units)
      .where(and(eq(units.tenantId, tenantId), eq(units.id, id)));
    if (!unit) return;
    if (inForceOn(unit, asOf) || depth > 10) {
      paths.push(path);
      return;
    }
    const next = await db
      .select({
        successorId: unitSuccessions.successorId,
        since: unitSuccessions.effectiveDate,
        title: unitEvents.title,
        legalBasis: unitEvents.legalBasis,
        name: units.name,
      })
      .from(unitSuccessions)
      .innerJoin(unitEvents, eq(unitEvents.id, unitSuccessions.eventId))
      .innerJoin(units, eq(units.id, unitSuccessions.successorId))
      .where(and(eq(unitSuccessions.tenantId, tenantId), eq(unitSuccessions.predecessorId, id)));
    if (next.length === 0) {
      paths.push(path);
      return;
    }
    for (const step of next) {
      if (step.since > asOf) continue;
      await walk(
        step.successorId,
        [
          ...path,
          {
            unitId: step.successorId,
            name: step.name,
            since: step.since,
            eventTitle: step.title,
            legalBasis: step.legalBasis,
          },
        ],
        depth + 1,
      );
    }
  };
  await walk(unitId, [], 0);
  return paths;
}

/** The events applied, oldest first, each outcome in the reader's language. */
export async function listEvents(db: DbOrTx, tenantId: string, locale: Locale) {
  const rows = await db
    .select({
      id: unitEvents.id,
      title: unitEvents.title,
      effectiveDate: unitEvents.effectiveDate,
      legalBasis: unitEvents.legalBasis,
      outcome: unitEvents.outcome,
      appliedBy: unitEvents.appliedBy,
      appliedAt: unitEvents.appliedAt,
    })
    .from(unitEvents)
    .where(eq(unitEvents.tenantId, tenantId))
    .orderBy(asc(unitEvents.effectiveDate), asc(unitEvents.appliedAt));
  return rows.map((row) => ({ ...row, outcome: outcomeIn(row.outcome as StoredOutcome, locale) }));
}

export async function predecessorsOf(db: DbOrTx, tenantId: string, unitId: string) {
  return db
    .select({
      unitId: unitSuccessions.predecessorId,
      name: units.name,
      since: unitSuccessions.effectiveDate,
      kind: unitSuccessions.kind,
      eventTitle: unitEvents.title,
    })
    .from(unitSuccessions)
    .innerJoin(units, eq(units.id, unitSuccessions.predecessorId))
    .innerJoin(unitEvents, eq(unitEvents.id, unitSuccessions.eventId))
    .where(and(eq(unitSuccessions.tenantId, tenantId), eq(unitSuccessions.successorId, unitId)));
}

import { eq, inArray, sql } from "drizzle-orm";
import type { DirectoryEvent } from "../../../common/schemas/restructure.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { type EventDraft, inForceOn, type UnitRow } from "./restructure-check.ts";
import { unitRevisions, unitSuccessions, units } from "./tables.ts";

// Writing a checked restructuring event, one kind of change at a time, inside the event's
// transaction. Units are never rewritten into their successors: a renamed or moved unit keeps
// its earlier state as a revision, a closed one keeps its rows and gets an end date.

/** Units the event creates, in force from the effective date. */
export async function writeCreated(tx: DbOrTx, tenantId: string, draft: EventDraft) {
  if (draft.created.length === 0) return;
  // One statement: PostgreSQL checks the parent links at its end, so a new unit may hang
  // under another new unit of the same event.
  await tx.insert(units).values(
    draft.created.map((planned) => ({
      id: planned.id,
      tenantId,
      type: planned.spec.type,
      parentId: planned.parentId,
      name: planned.spec.name,
      code: planned.spec.code ?? null,
      shortName: planned.spec.shortName ?? null,
      aliases: planned.spec.aliases ?? [],
      validFrom: draft.effective,
    })),
  );
}

/** Renamed units: the old name stays among the unit's other names. */
export async function writeRenames(
  tx: DbOrTx,
  tenantId: string,
  draft: EventDraft,
  event: DirectoryEvent,
  eventId: string,
) {
  for (const change of draft.renamed) {
    const unit = draft.byId.get(change.id)!;
    const spec = event.changes.find(
      (c) =>
        c.kind === "rename" &&
        resolveSilently(c.unit, draft.all, draft.before, draft.effective) === change.id,
    );
    await keepRevision(tx, tenantId, unit, draft.before, eventId);
    await tx
      .update(units)
      .set({
        name: change.to,
        shortName:
          spec && spec.kind === "rename" && spec.shortName !== undefined ? spec.shortName : unit.shortName,
        aliases: [
          ...new Set([
            ...(spec && spec.kind === "rename" && spec.aliases ? spec.aliases : []),
            unit.name,
            ...unit.aliases,
          ]),
        ],
        version: unit.version + 1,
        updatedAt: clock.now(),
      })
      .where(eq(units.id, unit.id));
  }
}

/** Units moved under another parent. */
export async function writeMoves(tx: DbOrTx, tenantId: string, draft: EventDraft, eventId: string) {
  for (const move of draft.moved) {
    const unit = draft.byId.get(move.id)!;
    await keepRevision(tx, tenantId, unit, draft.before, eventId);
    await tx
      .update(units)
      .set({ parentId: move.parentId, version: unit.version + 1, updatedAt: clock.now() })
      .where(eq(units.id, unit.id));
  }
}

/** Units that a merge, a split or a dissolution closes, and the links to their successors. */
export async function writeClosures(tx: DbOrTx, tenantId: string, draft: EventDraft, eventId: string) {
  const closureList = [...draft.closures.values()];
  if (closureList.length === 0) return;
  await tx
    .update(units)
    .set({ validTo: draft.before, version: sql`${units.version} + 1`, updatedAt: clock.now() })
    .where(
      inArray(
        units.id,
        closureList.map((closure) => closure.unitId),
      ),
    );
  const links = closureList.flatMap((closure) =>
    closure.successorIds.map((successorId) => ({
      tenantId,
      eventId,
      predecessorId: closure.unitId,
      successorId,
      effectiveDate: draft.effective,
      kind: closure.kind,
    })),
  );
  if (links.length > 0) await tx.insert(unitSuccessions).values(links);
}

function resolveSilently(ref: string, all: UnitRow[], before: string, effective: string): string | null {
  if (all.some((unit) => unit.id === ref)) return ref;
  for (const day of [before, effective]) {
    const matches = all.filter((unit) => unit.code === ref && inForceOn(unit, day));
    if (matches.length === 1) return matches[0].id;
  }
  return null;
}

async function keepRevision(tx: DbOrTx, tenantId: string, unit: UnitRow, validTo: string, eventId: string) {
  await tx.insert(unitRevisions).values({
    tenantId,
    unitId: unit.id,
    validFrom: null,
    validTo,
    name: unit.name,
    shortName: unit.shortName,
    parentId: unit.parentId,
    eventId,
  });
}

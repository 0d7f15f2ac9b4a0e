import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { UnitType } from "../../../common/enums.ts";
import type { Unit, UnitGroup } from "../../../common/schemas/units.ts";
import { type DbOrTx, queryRows } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, conflict, notFound } from "../../lib/errors.ts";
import { nameKey } from "../../lib/vi-text.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { listUnits, toUnit, validOn } from "./service.ts";
import { unitGroups, units } from "./tables.ts";

/** Named groups of units, and the resolution of a document's mentions to units and groups. */

type GroupRow = typeof unitGroups.$inferSelect;

function toGroup(row: GroupRow): UnitGroup {
  return {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    unitTypes: row.unitTypes as UnitType[],
    memberIds: row.memberIds,
    description: row.description,
    version: row.version,
  };
}

// ---- Groups -------------------------------------------------------------------------------

export async function listGroups(db: DbOrTx, tenantId: string): Promise<UnitGroup[]> {
  const rows = await db
    .select()
    .from(unitGroups)
    .where(eq(unitGroups.tenantId, tenantId))
    .orderBy(asc(unitGroups.name));
  return rows.map(toGroup);
}

async function getGroupRow(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(unitGroups)
    .where(and(eq(unitGroups.tenantId, tenantId), eq(unitGroups.id, id)));
  if (!row) throw notFound(both("nhóm đơn vị", "unit group"));
  return row;
}

async function checkMembers(db: DbOrTx, tenantId: string, memberIds: string[]) {
  if (memberIds.length === 0) return;
  const found = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, memberIds)));
  if (found.length !== new Set(memberIds).size) {
    throw new AppError(
      400,
      "validation",
      { field: "memberIds", detail: both("đơn vị không tồn tại", "unknown unit") },
      "memberIds",
    );
  }
}

export interface GroupInput {
  name: string;
  aliases: string[];
  unitTypes: UnitType[];
  memberIds: string[];
  description?: string | null;
}

export async function createGroup(tx: DbOrTx, tenantId: string, actor: AuditActor, input: GroupInput) {
  await checkMembers(tx, tenantId, input.memberIds);
  const [existing] = await tx
    .select({ id: unitGroups.id })
    .from(unitGroups)
    .where(and(eq(unitGroups.tenantId, tenantId), eq(unitGroups.name, input.name)));
  if (existing) throw new AppError(409, "duplicate", { what: `“${input.name}”` }, "name");
  const [row] = await tx
    .insert(unitGroups)
    .values({ tenantId, ...input, description: input.description ?? null })
    .returning();
  const group = toGroup(row);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "unit_group.create",
    entityType: "unit_group",
    entityId: group.id,
    after: group,
  });
  return group;
}

export async function updateGroup(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  id: string,
  input: Partial<GroupInput> & { version: number },
) {
  const current = await getGroupRow(tx, tenantId, id);
  if (current.version !== input.version) throw conflict(current.version, input.version);
  if (input.memberIds) await checkMembers(tx, tenantId, input.memberIds);
  const { version, ...changes } = input;
  const [row] = await tx
    .update(unitGroups)
    .set({ ...changes, version: version + 1, updatedAt: clock.now() })
    .where(and(eq(unitGroups.id, id), eq(unitGroups.version, version)))
    .returning();
  if (!row) throw conflict((await getGroupRow(tx, tenantId, id)).version, version);
  const after = toGroup(row);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "unit_group.update",
    entityType: "unit_group",
    entityId: id,
    before: toGroup(current),
    after,
  });
  return after;
}

export async function deleteGroup(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  id: string,
  version: number,
) {
  const current = await getGroupRow(tx, tenantId, id);
  if (current.version !== version) throw conflict(current.version, version);
  await tx.delete(unitGroups).where(eq(unitGroups.id, id));
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "unit_group.delete",
    entityType: "unit_group",
    entityId: id,
    before: toGroup(current),
  });
}

/** A group's members on a date: every unit of its types valid then, plus its named members. */
export async function groupMembers(db: DbOrTx, tenantId: string, id: string, asOf?: string): Promise<Unit[]> {
  const group = await getGroupRow(db, tenantId, id);
  const byType = group.unitTypes.length > 0 ? inArray(units.type, group.unitTypes) : undefined;
  const byId = group.memberIds.length > 0 ? inArray(units.id, group.memberIds) : undefined;
  if (!byType && !byId) return [];
  const rows = await db
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), validOn(asOf), or(byType, byId)))
    .orderBy(asc(units.name));
  return rows.map(toUnit);
}

// ---- Mention resolution --------------------------------------------------------------------

export interface MentionSuggestion {
  kind: "unit" | "group";
  id: string;
  name: string;
  confidence: number;
  reason: "exact" | "alias" | "similar";
}

/**
 * Suggests what a mention in a plan's text ("Sở TT&TT", "UBND các huyện, thành phố") names:
 * exact names and aliases after folding and expanding abbreviations first, then groups, then
 * similar names. The coordinator confirms; nothing is resolved silently.
 */
export async function suggestForMention(
  db: DbOrTx,
  tenantId: string,
  mention: string,
  asOf?: string,
): Promise<MentionSuggestion[]> {
  const key = nameKey(mention);
  const candidates = await listUnits(db, tenantId, { asOf });
  const groups = await listGroups(db, tenantId);
  const suggestions: MentionSuggestion[] = [];
  for (const group of groups) {
    if (nameKey(group.name) === key)
      suggestions.push({ kind: "group", id: group.id, name: group.name, confidence: 1, reason: "exact" });
    else if (group.aliases.some((alias) => nameKey(alias) === key))
      suggestions.push({ kind: "group", id: group.id, name: group.name, confidence: 0.95, reason: "alias" });
  }
  for (const unit of candidates) {
    if (nameKey(unit.name) === key)
      suggestions.push({ kind: "unit", id: unit.id, name: unit.name, confidence: 1, reason: "exact" });
    else if ([unit.shortName, ...unit.aliases].some((alias) => alias && nameKey(alias) === key))
      suggestions.push({ kind: "unit", id: unit.id, name: unit.name, confidence: 0.95, reason: "alias" });
  }
  if (suggestions.length === 0) {
    const rows = await queryRows<{ id: string; name: string; score: number }>(
      db,
      sql`
      SELECT id, name, similarity(vi_fold(name), ${key}) AS score FROM units
      WHERE tenant_id = ${tenantId} AND similarity(vi_fold(name), ${key}) > 0.3
      ORDER BY score DESC LIMIT 5`,
    );
    for (const row of rows) {
      if (!candidates.some((unit) => unit.id === row.id)) continue;
      suggestions.push({
        kind: "unit",
        id: row.id,
        name: row.name,
        confidence: Math.round(Number(row.score) * 100) / 100,
        reason: "similar",
      });
    }
  }
  return suggestions.sort((a, b) => b.confidence - a.confidence);
}

import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { UnitType } from "../../../common/enums.ts";
import type { Unit, UnitCreate, UnitGroup, UnitTreeNode, UnitUpdate } from "../../../common/schemas/units.ts";
import { type DbOrTx, queryRows } from "../../db/connection.ts";
import { AppError, conflict, notFound } from "../../lib/errors.ts";
import { nameKey } from "../../lib/vi-text.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { revisionsOn } from "./restructure.ts";
import { tenants, unitGroups, units } from "./tables.ts";

type UnitRow = typeof units.$inferSelect;
type GroupRow = typeof unitGroups.$inferSelect;

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    code: row.code,
    type: row.type as UnitType,
    parentId: row.parentId,
    name: row.name,
    shortName: row.shortName,
    aliases: row.aliases,
    validFrom: row.validFrom,
    validTo: row.validTo,
    version: row.version,
  };
}

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

export async function findTenant(db: DbOrTx, code: string) {
  const [row] = await db.select().from(tenants).where(eq(tenants.code, code));
  return row ?? null;
}

export async function ensureTenant(db: DbOrTx, code: string, name: string) {
  await db.insert(tenants).values({ code, name }).onConflictDoNothing();
  return (await findTenant(db, code))!;
}

/** Valid on a date: `validFrom` and `validTo` are both inclusive; null means open-ended. */
function validOn(asOf: string | undefined) {
  if (!asOf) return undefined;
  return and(
    or(isNull(units.validFrom), sql`${units.validFrom} <= ${asOf}`),
    or(isNull(units.validTo), sql`${units.validTo} >= ${asOf}`),
  );
}

export interface UnitQuery {
  asOf?: string;
  q?: string;
  type?: UnitType;
  parentId?: string;
  limit?: number;
}

export async function listUnits(db: DbOrTx, tenantId: string, query: UnitQuery = {}): Promise<Unit[]> {
  const conditions = [eq(units.tenantId, tenantId), validOn(query.asOf)];
  if (query.type) conditions.push(eq(units.type, query.type));
  if (query.parentId) conditions.push(eq(units.parentId, query.parentId));
  if (query.q) {
    // Diacritic-insensitive on names, short names and aliases: "so noi vu" finds "Sở Nội vụ".
    const needle = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    conditions.push(
      sql`(vi_fold(${units.name}) LIKE vi_fold(${needle})
        OR vi_fold(coalesce(${units.shortName}, '')) LIKE vi_fold(${needle})
        OR vi_fold(array_to_string(${units.aliases}, ' | ')) LIKE vi_fold(${needle})
        OR ${units.code} = ${query.q})`,
    );
  }
  const rows = await db
    .select()
    .from(units)
    .where(and(...conditions))
    .orderBy(
      query.q ? sql`similarity(vi_fold(${units.name}), vi_fold(${query.q})) DESC` : asc(units.name),
      asc(units.name),
    )
    .limit(query.limit ?? 5000);
  const list = rows.map(toUnit);
  if (!query.asOf) return list;
  // Renamed or moved since: show the name and parent the unit had on that date.
  const revisions = await revisionsOn(
    db,
    tenantId,
    list.map((unit) => unit.id),
    query.asOf,
  );
  return list.map((unit) => {
    const revision = revisions.get(unit.id);
    return revision
      ? { ...unit, name: revision.name, shortName: revision.shortName, parentId: revision.parentId }
      : unit;
  });
}

const TYPE_ORDER: UnitType[] = [
  "province",
  "province_committee",
  "department",
  "district",
  "commune",
  "front",
  "mass_org",
  "party",
  "armed_forces",
  "media",
  "central",
  "other",
];

/** The directory as a tree, as of a date; units whose parent is not valid then become roots. */
export async function unitTree(db: DbOrTx, tenantId: string, asOf?: string): Promise<UnitTreeNode[]> {
  const all = await listUnits(db, tenantId, { asOf });
  const nodes = new Map<string, UnitTreeNode>(all.map((unit) => [unit.id, { ...unit, children: [] }]));
  const roots: UnitTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: UnitTreeNode, b: UnitTreeNode) =>
    TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) ||
    (a.code ?? "").localeCompare(b.code ?? "") ||
    a.name.localeCompare(b.name, "vi");
  const sortDeep = (list: UnitTreeNode[]) => {
    list.sort(order);
    for (const node of list) sortDeep(node.children);
  };
  sortDeep(roots);
  return roots;
}

export async function getUnitRow(db: DbOrTx, tenantId: string, id: string): Promise<UnitRow> {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id)));
  if (!row) throw notFound("đơn vị / unit");
  return row;
}

/** The unit and its ancestors, root first. */
export async function unitPath(db: DbOrTx, tenantId: string, id: string): Promise<Unit[]> {
  const rows = await queryRows<UnitRow & { depth: number }>(
    db,
    sql`
    WITH RECURSIVE chain AS (
      SELECT u.*, 0 AS depth FROM units u WHERE u.id = ${id} AND u.tenant_id = ${tenantId}
      UNION ALL
      SELECT p.*, chain.depth + 1 FROM units p JOIN chain ON p.id = chain.parent_id
      WHERE chain.depth < 50
    )
    SELECT id, code, type, parent_id AS "parentId", name, short_name AS "shortName", aliases,
           valid_from::text AS "validFrom", valid_to::text AS "validTo", version, depth
    FROM chain ORDER BY depth DESC`,
  );
  return rows.map(toUnit);
}

export async function ancestorIds(db: DbOrTx, tenantId: string, id: string): Promise<string[]> {
  return (await unitPath(db, tenantId, id)).map((unit) => unit.id);
}

export async function getUnitDetail(db: DbOrTx, tenantId: string, id: string) {
  const row = await getUnitRow(db, tenantId, id);
  const path = await unitPath(db, tenantId, id);
  const [{ count }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.parentId, id)));
  return { ...toUnit(row), path: path.slice(0, -1), childCount: count };
}

function checkDates(validFrom: string | null | undefined, validTo: string | null | undefined) {
  if (validFrom && validTo && validTo < validFrom) throw new AppError(400, "invalid_dates", {}, "validTo");
}

async function checkParent(db: DbOrTx, tenantId: string, parentId: string | null, selfId?: string) {
  if (!parentId) return;
  const path = await unitPath(db, tenantId, parentId);
  if (path.length === 0)
    throw new AppError(
      400,
      "validation",
      { field: "parentId", detail: "không tồn tại / does not exist" },
      "parentId",
    );
  if (selfId && path.some((unit) => unit.id === selfId)) throw new AppError(400, "cycle", {}, "parentId");
}

export async function createUnit(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  input: UnitCreate,
): Promise<Unit> {
  checkDates(input.validFrom, input.validTo);
  await checkParent(tx, tenantId, input.parentId);
  const [row] = await tx
    .insert(units)
    .values({
      tenantId,
      type: input.type,
      parentId: input.parentId,
      name: input.name,
      code: input.code ?? null,
      shortName: input.shortName ?? null,
      aliases: input.aliases ?? [],
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
    })
    .returning();
  const unit = toUnit(row);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "unit.create",
    entityType: "unit",
    entityId: unit.id,
    after: unit,
  });
  return unit;
}

export async function updateUnit(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  id: string,
  input: UnitUpdate,
): Promise<Unit> {
  const current = await getUnitRow(tx, tenantId, id);
  if (current.version !== input.version) throw conflict(current.version, input.version);
  const { version, ...changes } = input;
  checkDates(
    changes.validFrom === undefined ? current.validFrom : changes.validFrom,
    changes.validTo === undefined ? current.validTo : changes.validTo,
  );
  if (changes.parentId !== undefined && changes.parentId !== current.parentId) {
    await checkParent(tx, tenantId, changes.parentId, id);
  }
  // The version in the WHERE clause makes the check and the write one step: of two
  // concurrent editors of the same version, exactly one succeeds.
  const [row] = await tx
    .update(units)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id), eq(units.version, version)))
    .returning();
  if (!row) {
    const latest = await getUnitRow(tx, tenantId, id);
    throw conflict(latest.version, version);
  }
  const before = toUnit(current);
  const after = toUnit(row);
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "unit.update",
    entityType: "unit",
    entityId: id,
    before,
    after,
  });
  return after;
}

/** Checks other modules register: a unit they still reference cannot be deleted. */
export type UnitUsageCheck = (db: DbOrTx, tenantId: string, unitId: string) => Promise<string | null>;
const usageChecks: UnitUsageCheck[] = [];
export function registerUnitUsageCheck(check: UnitUsageCheck) {
  if (!usageChecks.includes(check)) usageChecks.push(check);
}

export async function deleteUnit(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  id: string,
  version: number,
) {
  const current = await getUnitRow(tx, tenantId, id);
  if (current.version !== version) throw conflict(current.version, version);
  const [{ count }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.parentId, id)));
  if (count > 0) throw new AppError(409, "has_children", { count });
  for (const check of usageChecks) {
    const usage = await check(tx, tenantId, id);
    if (usage) throw new AppError(409, "in_use", { detail: usage });
  }
  await tx.delete(units).where(and(eq(units.tenantId, tenantId), eq(units.id, id)));
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "unit.delete",
    entityType: "unit",
    entityId: id,
    before: toUnit(current),
  });
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
  if (!row) throw notFound("nhóm đơn vị / unit group");
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
      { field: "memberIds", detail: "đơn vị không tồn tại / unknown unit" },
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
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
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

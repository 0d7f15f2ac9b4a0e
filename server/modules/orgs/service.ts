import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { UnitType } from "../../../common/enums.ts";
import type { Unit, UnitCreate, UnitTreeNode, UnitUpdate } from "../../../common/schemas/units.ts";
import { Rank, rankMatches } from "../../../common/search.ts";
import { byUnitType } from "../../../common/unit-types.ts";
import { type DbOrTx, queryRows } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, conflict, type Localized, notFound } from "../../lib/errors.ts";
import { wordsMatch } from "../../lib/vi-text.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { revisionsOn } from "./lineage.ts";
import { tenants, units } from "./tables.ts";

type UnitRow = typeof units.$inferSelect;

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

export async function findTenant(db: DbOrTx, code: string) {
  const [row] = await db.select().from(tenants).where(eq(tenants.code, code));
  return row ?? null;
}

export async function ensureTenant(db: DbOrTx, code: string, name: string) {
  await db.insert(tenants).values({ code, name }).onConflictDoNothing();
  return (await findTenant(db, code))!;
}

/** Valid on a date: `validFrom` and `validTo` are both inclusive; null means open-ended. */
export function validOn(asOf: string | undefined) {
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
  const q = query.q?.trim();
  const code = q && q.length <= 64 ? q : undefined;
  if (q) {
    // Every word typed begins a word of the name, short name or an alias, in any order,
    // without diacritics or punctuation (common/search.ts): "van hoa the thao" finds
    // "Sở Văn hóa, Thể thao và Du lịch". Or the code, exactly.
    const words = wordsMatch(
      [
        sql`vi_fold(${units.name})`,
        sql`vi_fold(coalesce(${units.shortName}, ''))`,
        sql`vi_fold(array_to_string(${units.aliases}, ' | '))`,
      ],
      q,
    );
    const byCode = code ? sql`${units.code} = ${code}` : undefined;
    const match = words && byCode ? or(words, byCode) : (words ?? byCode);
    if (!match) return [];
    conditions.push(match);
  }
  const limit = query.limit ?? 5000;
  const rows = await db
    .select()
    .from(units)
    .where(and(...conditions))
    .orderBy(asc(units.name))
    // A search ranks all its matches before cutting the list: the exact name must not be cut.
    .limit(q ? Math.max(limit, 5000) : limit);
  let list = rows.map(toUnit);
  if (query.asOf) {
    // Renamed or moved since: show the name and parent the unit had on that date.
    const revisions = await revisionsOn(
      db,
      tenantId,
      list.map((unit) => unit.id),
      query.asOf,
    );
    list = list.map((unit) => {
      const revision = revisions.get(unit.id);
      return revision
        ? { ...unit, name: revision.name, shortName: revision.shortName, parentId: revision.parentId }
        : unit;
    });
  }
  if (!q) return list;
  const current = new Map(rows.map((row) => [row.id, row]));
  return rankMatches(list, q, {
    // The name shown first (as of the date asked), then today's name, short name and aliases.
    fields: (unit) => {
      const row = current.get(unit.id);
      return [unit.name, unit.shortName, row?.name, row?.shortName, ...(row?.aliases ?? unit.aliases)];
    },
    force: (unit) => (code && unit.code === code ? Rank.exact : undefined),
  }).slice(0, limit);
}

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
    byUnitType(a.type, b.type) ||
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
  if (!row) throw notFound(both("đơn vị", "unit"));
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
      { field: "parentId", detail: both("không tồn tại", "does not exist") },
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
    .set({ ...changes, version: version + 1, updatedAt: clock.now() })
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

/** Checks other modules register: a unit they still reference cannot be deleted. They say what refers to it. */
export type UnitUsageCheck = (db: DbOrTx, tenantId: string, unitId: string) => Promise<Localized | null>;
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

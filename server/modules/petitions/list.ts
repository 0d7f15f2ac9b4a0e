import { and, desc, eq, gt, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import {
  type DuplicateCandidate,
  PETITION_STATUSES,
  type PetitionChannel,
  type PetitionKind,
  type PetitionListQuery,
  type PetitionStatus,
  type PetitionSummary,
} from "../../../common/schemas/petitions.ts";
import { parseQuery } from "../../../common/search.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { defaultWorkingCalendar, type WorkingCalendar } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { wordsMatch } from "../../lib/vi-text.ts";
import type { Actor } from "../auth/actor.ts";
import { maskPersonalData } from "../intake/public.ts";
import type { PetitionRow } from "./access.ts";
import { allUnits, withDescendants } from "./directory.ts";
import { DUPLICATE_MIN_SIMILARITY } from "./duplicates.ts";
import { scopeFor } from "./policy.ts";
import { petitionClocks, petitions } from "./tables.ts";

/**
 * The staff list and its side views (duplicates, overdue): every one filtered by the same
 * `scopeFor(actor)`, so that no side door shows more than the list does. The list never shows
 * who wrote; excerpts are masked.
 */

/** The WHERE clause of an actor's scope, or null when it sees nothing. */
export async function scopeCondition(db: DbOrTx, actor: Actor): Promise<SQL | null> {
  const scope = scopeFor(actor);
  if (scope.kind === "none") return null;
  const tenant = eq(petitions.tenantId, actor.tenantId);
  if (scope.kind === "all") return tenant;
  const unitIds = await withDescendants(db, actor.tenantId, scope.unitIds);
  return and(tenant, inArray(petitions.assignedUnitId, unitIds))!;
}

/** Running clocks of the unit that are past due: the matter is late now. */
const overdueNow = (today: string) =>
  sql`EXISTS (SELECT 1 FROM ${petitionClocks} c WHERE c.petition_id = ${petitions.id}
    AND c.status = 'running' AND c.purpose <> 'appeal' AND c.due_date < ${today})`;

export function excerptOf(row: Pick<PetitionRow, "text" | "contactName">, length = 200): string {
  const masked = maskPersonalData(row.text.slice(0, length * 2), { knownNames: [row.contactName] });
  return masked.length > length ? `${masked.slice(0, length - 1)}…` : masked;
}

/**
 * How the list reads a deadline: working days left on the calendar the clocks use, and how
 * many working days before it the unit is warned (the largest of `PETITION_WARNING_DAYS`).
 */
export interface ClockView {
  calendar: WorkingCalendar;
  warnWithin: number;
}
const defaultClockView = (): ClockView => ({ calendar: defaultWorkingCalendar(), warnWithin: 3 });

/** How many petitions of each status the list's filters (all but the status) match. */
export type StatusCounts = Record<PetitionStatus, number>;

/** 0 for a title equal to the query, 1 for one starting with it, 2 for the rest (SQL). */
function titleRank(q: string): SQL {
  const query = parseQuery(q);
  if (!query) return sql`(0)`;
  const key = sql`btrim(regexp_replace(vi_fold(coalesce(${petitions.title}, '')), '[^a-z0-9]+', ' ', 'g'))`;
  const prefix = `${query.key.replace(/[%_\\]/g, "\\$&")}%`;
  return sql`CASE WHEN ${key} = ${query.key} THEN 0 WHEN ${key} LIKE ${prefix} THEN 1 ELSE 2 END`;
}

export async function listPetitions(
  db: DbOrTx,
  actor: Actor,
  query: PetitionListQuery,
  today: string,
  clockView: ClockView = defaultClockView(),
): Promise<{ items: PetitionSummary[]; total: number; counts: StatusCounts }> {
  const counts = Object.fromEntries(PETITION_STATUSES.map((s) => [s, 0])) as StatusCounts;
  const scope = await scopeCondition(db, actor);
  if (!scope) return { items: [], total: 0, counts };
  const conditions: (SQL | undefined)[] = [scope];
  if (query.kind) conditions.push(eq(petitions.kind, query.kind));
  if (query.communeId) conditions.push(eq(petitions.communeId, query.communeId));
  if (query.unitId) {
    conditions.push(
      inArray(petitions.assignedUnitId, await withDescendants(db, actor.tenantId, [query.unitId])),
    );
  }
  if (query.unassigned === "true") conditions.push(isNull(petitions.assignedUnitId));
  if (query.overdue === "true") conditions.push(overdueNow(today));
  const q = query.q?.trim();
  if (q) {
    // Searching the text would tell someone who may not read it whether a name or a number
    // is in it: only those who handle petitions search their words.
    const byText = scopeFor(actor).kind === "units" || actor.grants.some((g) => g.role === "coordinator");
    // Every word typed begins a word of the title (or the text), in any order, without
    // diacritics or punctuation (common/search.ts); or the tracking code, exactly.
    const words = wordsMatch(
      [sql`vi_fold(coalesce(${petitions.title}, ''))`, ...(byText ? [sql`vi_fold(${petitions.text})`] : [])],
      q,
    );
    conditions.push(or(words, sql`${petitions.trackingCode} = upper(${q})`));
  }
  const byStatus = await db
    .select({ status: petitions.status, count: sql<number>`count(*)::int` })
    .from(petitions)
    .where(and(...conditions))
    .groupBy(petitions.status);
  for (const row of byStatus) counts[row.status as PetitionStatus] = Number(row.count);
  if (query.status) conditions.push(eq(petitions.status, query.status));
  const where = and(...conditions);
  const total = query.status
    ? counts[query.status]
    : Object.values(counts).reduce((sum, count) => sum + count, 0);
  const rows = await db
    .select()
    .from(petitions)
    .where(where)
    .orderBy(
      // A title equal to the query, then titles starting with it, then the rest; newest first.
      ...(q && parseQuery(q) ? [titleRank(q)] : []),
      desc(petitions.receivedDate),
      desc(petitions.receivedAt),
    )
    .limit(query.limit)
    .offset(query.offset);
  return { items: await summarize(db, actor.tenantId, rows, today, clockView), total, counts };
}

export async function summarize(
  db: DbOrTx,
  tenantId: string,
  rows: PetitionRow[],
  today: string,
  clockView: ClockView = defaultClockView(),
): Promise<PetitionSummary[]> {
  if (rows.length === 0) return [];
  const units = await allUnits(db, tenantId);
  const clocks = await db
    .select({
      petitionId: petitionClocks.petitionId,
      dueDate: petitionClocks.dueDate,
      purpose: petitionClocks.purpose,
    })
    .from(petitionClocks)
    .where(
      and(
        inArray(
          petitionClocks.petitionId,
          rows.map((row) => row.id),
        ),
        eq(petitionClocks.status, "running"),
        ne(petitionClocks.purpose, "appeal"),
      ),
    );
  return rows.map((row) => {
    const running = clocks.filter((clock) => clock.petitionId === row.id).map((clock) => clock.dueDate);
    const due = running.sort()[0] ?? null;
    const unit = row.assignedUnitId ? units.get(row.assignedUnitId) : undefined;
    return {
      id: row.id,
      trackingCode: row.trackingCode,
      kind: row.kind as PetitionKind,
      channel: row.channel as PetitionChannel,
      status: row.status as PetitionStatus,
      title: row.title,
      category: row.category,
      commune: row.communeId ? (units.get(row.communeId)?.name ?? null) : null,
      assignedUnit: unit ? { id: unit.id, name: unit.name } : null,
      receivedDate: row.receivedDate,
      dueDate: due,
      overdue: due !== null && due < today,
      workingDaysLeft: due === null ? null : clockView.calendar.workingDaysBetween(today, due),
      dueSoon:
        due !== null &&
        due >= today &&
        clockView.calendar.workingDaysBetween(today, due) <= clockView.warnWithin,
      excerpt: excerptOf(row),
    };
  });
}

/**
 * Likely duplicates: a text that reads alike once folded (pg_trgm similarity on `vi_fold`, served
 * by the trigram index), at least DUPLICATE_MIN_SIMILARITY alike (see duplicates.ts: below it
 * most offers are wrong); the same phone or e-mail puts a candidate first but never makes a
 * different matter a duplicate. Only within the actor's scope, only open or recent ones, never
 * one that was itself merged.
 */
export async function findDuplicates(
  db: DbOrTx,
  actor: Actor,
  petition: { id: string | null; text: string; phone: string | null; email: string | null },
  limit = 5,
): Promise<DuplicateCandidate[]> {
  const scope = await scopeCondition(db, actor);
  if (!scope) return [];
  const sameContact = or(
    petition.phone ? eq(petitions.contactPhone, petition.phone) : undefined,
    petition.email ? eq(petitions.contactEmail, petition.email) : undefined,
  );
  // `%` (pg_trgm's own threshold, 0.3) lets the index narrow the rows; the bar is then ours.
  const alike = sql<number>`similarity(vi_fold(${petitions.text}), vi_fold(${petition.text}))`;
  const similar = sql`(vi_fold(${petitions.text}) % vi_fold(${petition.text}) AND ${alike} >= ${DUPLICATE_MIN_SIMILARITY})`;
  const rows = await db
    .select({
      row: petitions,
      similarity: alike,
      sameContact: sameContact ? sql<boolean>`(${sameContact})` : sql<boolean>`false`,
    })
    .from(petitions)
    .where(
      and(
        scope,
        petition.id ? ne(petitions.id, petition.id) : undefined,
        ne(petitions.status, "merged"),
        gt(petitions.receivedAt, clock.fromNow(-365 * 86_400_000)),
        similar,
      ),
    )
    .orderBy(desc(sql`(${sameContact ?? sql`false`})`), desc(alike))
    .limit(limit);
  const units = await allUnits(db, actor.tenantId);
  return rows.map(({ row, similarity, sameContact: same }) => ({
    id: row.id,
    trackingCode: row.trackingCode,
    kind: row.kind as PetitionKind,
    status: row.status as PetitionStatus,
    receivedDate: row.receivedDate,
    commune: row.communeId ? (units.get(row.communeId)?.name ?? null) : null,
    excerpt: excerptOf(row, 160),
    sameContact: same === true,
    similarity: Math.round(Number(similarity) * 100) / 100,
  }));
}

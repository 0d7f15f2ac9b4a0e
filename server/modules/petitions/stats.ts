import { sql } from "drizzle-orm";
import type { Locale } from "../../../common/enums.ts";
import { type DbOrTx, queryRows } from "../../db/connection.ts";
import { label } from "../../lib/labels.ts";
import type { Actor } from "../auth/actor.ts";
import { allUnits } from "./directory.ts";
import { scopeCondition } from "./list.ts";
import { petitionClocks, petitions } from "./tables.ts";

/**
 * Per unit, for petitions received in [from, to]: received, answered, answered on time, late
 * (a clock run out now, or met after its day), closed resolved and closed not resolved
 * (counted apart), the average rating, and the share the citizens themselves said was resolved
 * when asked again weeks later. Merged duplicates are not counted twice.
 */
export async function petitionStats(
  db: DbOrTx,
  actor: Actor,
  from: string,
  to: string,
  today: string,
  locale: Locale = "vi",
) {
  const scope = await scopeCondition(db, actor);
  if (!scope) return [];
  const rows = await queryRows<{
    unit_id: string | null;
    received: number;
    answered: number;
    on_time: number;
    overdue: number;
    closed_resolved: number;
    closed_unresolved: number;
    avg_rating: number | null;
    ratings: number;
    follow_ups: number;
    resolved_follow_ups: number;
  }>(
    db,
    sql`
    SELECT ${petitions.assignedUnitId} AS unit_id,
      count(*)::int AS received,
      count(*) FILTER (WHERE ${petitions.answerPublishedAt} IS NOT NULL)::int AS answered,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM ${petitionClocks} c WHERE c.petition_id = ${petitions.id}
          AND c.purpose IN ('answer', 'resolve') AND c.status = 'met' AND c.met_date <= c.due_date))::int AS on_time,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM ${petitionClocks} c WHERE c.petition_id = ${petitions.id} AND c.purpose <> 'appeal'
          AND ((c.status = 'running' AND c.due_date < ${today}) OR (c.status = 'met' AND c.met_date > c.due_date))))::int AS overdue,
      count(*) FILTER (WHERE ${petitions.status} = 'closed_resolved')::int AS closed_resolved,
      count(*) FILTER (WHERE ${petitions.status} = 'closed_unresolved')::int AS closed_unresolved,
      avg(${petitions.ratingScore})::float AS avg_rating,
      count(${petitions.ratingScore})::int AS ratings,
      count(${petitions.followUpResolved})::int AS follow_ups,
      count(*) FILTER (WHERE ${petitions.followUpResolved})::int AS resolved_follow_ups
    FROM ${petitions}
    WHERE ${scope} AND ${petitions.status} <> 'merged'
      AND ${petitions.receivedDate} BETWEEN ${from} AND ${to}
    GROUP BY ${petitions.assignedUnitId}`,
  );
  const units = await allUnits(db, actor.tenantId);
  return rows
    .map((row) => ({
      unitId: row.unit_id,
      unitName: row.unit_id
        ? (units.get(row.unit_id)?.name ?? row.unit_id)
        : label(locale, "petitions.stats.unassigned"),
      received: Number(row.received),
      answered: Number(row.answered),
      answeredOnTime: Number(row.on_time),
      overdue: Number(row.overdue),
      closedResolved: Number(row.closed_resolved),
      closedUnresolved: Number(row.closed_unresolved),
      averageRating: row.avg_rating === null ? null : Math.round(Number(row.avg_rating) * 100) / 100,
      ratings: Number(row.ratings),
      followUps: Number(row.follow_ups),
      resolvedOnFollowUpShare:
        Number(row.follow_ups) > 0
          ? Math.round((100 * Number(row.resolved_follow_ups)) / Number(row.follow_ups)) / 100
          : null,
    }))
    .sort((a, b) => b.received - a.received || a.unitName.localeCompare(b.unitName, "vi"));
}

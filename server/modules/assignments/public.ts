/**
 * What other modules may read of the assignments module: its services, never its tables.
 */
import { and, asc, eq, gte, inArray, isNotNull, lte, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { assignments, assignmentUpdates } from "./tables.ts";

export interface ProgressNote {
  itemCode: string;
  reportedOn: string;
  text: string | null;
  figures: Record<string, number>;
}

/**
 * The progress notes (updates with text, not bare status changes) that the given units reported
 * on a plan's tasks within a window, oldest first: what a unit's report is pre-filled from.
 */
export async function progressNotesOf(
  db: DbOrTx,
  input: { tenantId: string; planId: string; unitIds: readonly string[]; from: string; to: string },
): Promise<ProgressNote[]> {
  if (input.unitIds.length === 0) return [];
  return db
    .select({
      itemCode: assignments.itemCode,
      reportedOn: assignmentUpdates.reportedOn,
      text: assignmentUpdates.text,
      figures: assignmentUpdates.figures,
    })
    .from(assignmentUpdates)
    .innerJoin(assignments, eq(assignments.id, assignmentUpdates.assignmentId))
    .where(
      and(
        eq(assignments.tenantId, input.tenantId),
        eq(assignments.planId, input.planId),
        inArray(assignments.unitId, [...input.unitIds]),
        ne(assignmentUpdates.kind, "status"),
        isNotNull(assignmentUpdates.text),
        gte(assignmentUpdates.reportedOn, input.from),
        lte(assignmentUpdates.reportedOn, input.to),
      ),
    )
    .orderBy(asc(assignmentUpdates.reportedOn), asc(assignmentUpdates.createdAt));
}

import { and, eq, inArray, ne } from "drizzle-orm";
import type { ClockFlag, ClockPurpose, ClockStart, PetitionKind } from "../../../common/schemas/petitions.ts";
import type { DbOrTx } from "../../db/connection.ts";
import type { WorkingCalendar } from "../../lib/calendar/index.ts";
import type { AuditActor } from "../audit/service.ts";
import { clockRules, planClock } from "./clocks.ts";
import type { PetitionSettings } from "./settings.ts";
import { petitionClocks, petitionEvents } from "./tables.ts";

/** Steps shown on the citizen's status page; the others (drafts, notes) are internal. */
const PUBLIC_EVENTS = new Set([
  "received",
  "assigned",
  "transferred",
  "accepted",
  "refused",
  "extended",
  "answer_published",
  "closed",
  "merged",
  "rated",
  "follow_up",
]);

export interface EventInput {
  tenantId: string;
  petitionId: string;
  type: string;
  actor: AuditActor;
  fromUnitId?: string | null;
  toUnitId?: string | null;
  note?: string | null;
}

export async function recordEvent(tx: DbOrTx, event: EventInput): Promise<void> {
  await tx.insert(petitionEvents).values({
    tenantId: event.tenantId,
    petitionId: event.petitionId,
    type: event.type,
    actorUserId: event.actor.userId,
    actorName: event.actor.name,
    fromUnitId: event.fromUnitId ?? null,
    toUnitId: event.toUnitId ?? null,
    note: event.note ?? null,
    public: PUBLIC_EVENTS.has(event.type),
  });
}

/** Starts the clocks of a kind that run from an event (received, accepted, decision). */
export async function startClocks(
  tx: DbOrTx,
  petition: { id: string; tenantId: string; kind: PetitionKind; flags: readonly ClockFlag[] },
  from: ClockStart,
  date: string,
  settings: PetitionSettings,
  calendar: WorkingCalendar,
): Promise<void> {
  const rules = clockRules(petition.kind, settings).filter((rule) => rule.startsFrom === from);
  for (const rule of rules) {
    const planned = planClock(rule, date, petition.flags, calendar);
    await tx
      .insert(petitionClocks)
      .values({
        tenantId: petition.tenantId,
        petitionId: petition.id,
        ruleKey: planned.ruleKey,
        purpose: planned.purpose,
        startsFrom: planned.startsFrom,
        startDate: planned.startDate,
        unit: planned.unit,
        baseDays: planned.baseDays,
        dueDate: planned.dueDate,
        flags: planned.flags,
        basis: planned.basis,
        checkNote: planned.check,
      })
      .onConflictDoNothing();
  }
}

/** The act a clock waits for happened on `date`: it stops, met (in time or late: compare). */
export async function meetClocks(tx: DbOrTx, petitionId: string, purposes: ClockPurpose[], date: string) {
  await tx
    .update(petitionClocks)
    .set({ status: "met", metDate: date })
    .where(
      and(
        eq(petitionClocks.petitionId, petitionId),
        eq(petitionClocks.status, "running"),
        inArray(petitionClocks.purpose, purposes),
      ),
    );
}

/**
 * The matter ended another way (refused, merged, closed): the unit's running clocks stop. The
 * citizen's own window to appeal keeps running.
 */
export async function stopClocks(tx: DbOrTx, petitionId: string, date: string) {
  await tx
    .update(petitionClocks)
    .set({ status: "stopped", metDate: date })
    .where(
      and(
        eq(petitionClocks.petitionId, petitionId),
        eq(petitionClocks.status, "running"),
        ne(petitionClocks.purpose, "appeal"),
      ),
    );
}

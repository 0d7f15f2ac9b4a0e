import { eq } from "drizzle-orm";
import { dayBefore } from "../../../common/dates.ts";
import type { Locale } from "../../../common/enums.ts";
import { inLocale, type Localized, splitGlued } from "../../../common/localized.ts";
import type { DirectoryEvent, EventOutcome, SplitPlan } from "../../../common/schemas/restructure.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { AppError } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { checkChange, checkClosures, EventDraft, planNewUnits } from "./restructure-check.ts";
import { writeClosures, writeCreated, writeMoves, writeRenames } from "./restructure-write.ts";
import { unitEvents, units } from "./tables.ts";

export { inForceOn } from "./restructure-check.ts";

/** A successor as a split's mapping names it: `ref` resolves to it (null: a new unit with no key). */
export interface SuccessorRef {
  id: string;
  ref: string | null;
  name: string;
  /** Its name, short name and other names, to recognise it in a task's text. */
  names: string[];
}

/** One entry of a split's mapping, its successors resolved to ids. */
export interface ResolvedMapping {
  assignmentId?: string;
  planId?: string;
  code?: string;
  successorIds: string[];
}

/** A unit that an event closes, and who carries its duties from the effective date. */
export interface Closure {
  unitId: string;
  unitName: string;
  successorIds: string[];
  kind: "merge" | "split" | "dissolve";
  /** For a split: the change's place in the event, its successors and its mapping (null: none given). */
  split?: { changeIndex: number; successors: SuccessorRef[]; mapping: ResolvedMapping[] | null };
}

export interface Transfer {
  module: string;
  /** What passes, in both languages: the outcome is stored, and read in the reader's language. */
  description: Localized;
  fromUnitId: string;
  toUnitIds: string[];
}

/**
 * Modules that hold obligations of units (assignments, pending reports …) register here:
 * `plan` says what would pass to successors and what cannot pass (which blocks the event),
 * `apply` moves it inside the event's transaction. Completed work never moves.
 */
export interface SuccessionHandler {
  module: string;
  plan(
    tx: DbOrTx,
    tenantId: string,
    closures: Closure[],
    effectiveDate: string,
  ): Promise<{
    transfers: Transfer[];
    /** Obligations that cannot pass (a unit closed with no successor), in both languages. */
    problems: Localized[];
    /** For each split that closes a unit holding obligations of the module: what to map. */
    splits?: SplitPlan[];
    /** Mapping entries that name nothing the split unit holds open. */
    invalid?: string[];
  }>;
  apply(
    tx: DbOrTx,
    tenantId: string,
    closures: Closure[],
    effectiveDate: string,
    eventId: string,
  ): Promise<void>;
}

const handlers: SuccessionHandler[] = [];
export function registerSuccessionHandler(handler: SuccessionHandler) {
  if (!handlers.some((h) => h.module === handler.module)) handlers.push(handler);
}

/** An event's outcome as stored in `unit_events`: each transfer described in both languages. */
export type StoredOutcome = Omit<EventOutcome, "transfers"> & {
  transfers: (Omit<EventOutcome["transfers"][number], "description"> & { description: Localized | string })[];
};

/**
 * An outcome in one language. Outcomes stored before descriptions were kept per language glued
 * both into one string: one " / " splits it, anything else reads as it was written.
 */
export function outcomeIn(outcome: StoredOutcome, locale: Locale): EventOutcome {
  return {
    ...outcome,
    transfers: outcome.transfers.map(({ description, ...transfer }) => ({
      ...transfer,
      description: inLocale(
        typeof description === "string" ? (splitGlued(description) ?? description) : description,
        locale,
      ),
    })),
  };
}

/**
 * Applies (or, with `dryRun`, only plans) a restructuring event. Units are never rewritten
 * into their successors: a closed unit keeps its rows and history and gets an end date; its
 * successors are new or existing units linked to it from the effective date. Every change of
 * the event is checked before anything is written; a problem anywhere refuses the whole event.
 */
export async function applyDirectoryEvent(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  event: DirectoryEvent,
  options: { dryRun: boolean; locale?: Locale },
): Promise<EventOutcome> {
  const locale = options.locale ?? "vi";
  const effective = event.effectiveDate;
  const all = await tx.select().from(units).where(eq(units.tenantId, tenantId));
  const draft = new EventDraft(all, effective, dayBefore(effective));
  planNewUnits(draft, event);
  for (const [index, change] of event.changes.entries()) checkChange(draft, change, index);
  checkClosures(draft);
  const { errors, created, renamed, moved } = draft;
  if (errors.length > 0) {
    throw new AppError(400, "event_invalid", { count: errors.length, first: errors[0] }, undefined, {
      problems: errors,
    });
  }

  const closureList = [...draft.closures.values()];
  const transfers: Transfer[] = [];
  const problems: Localized[] = [];
  const splits: SplitPlan[] = [];
  const invalid: string[] = [];
  for (const handler of handlers) {
    const result = await handler.plan(tx, tenantId, closureList, effective);
    transfers.push(...result.transfers);
    problems.push(...result.problems);
    splits.push(...(result.splits ?? []));
    invalid.push(...(result.invalid ?? []));
  }
  if (invalid.length > 0) {
    throw new AppError(400, "event_invalid", { count: invalid.length, first: invalid[0] }, undefined, {
      problems: invalid,
    });
  }
  const nameOf = (id: string) => draft.nameOf(id);
  const outcome: StoredOutcome = {
    dryRun: options.dryRun,
    eventId: null,
    created: created.map((p) => ({ key: p.key, name: p.spec.name, type: p.spec.type })),
    closed: closureList.map((c) => ({
      id: c.unitId,
      name: c.unitName,
      successors: c.successorIds.map(nameOf),
    })),
    renamed,
    moved: moved.map((m) => ({ id: m.id, name: m.name, parent: nameOf(m.parentId) })),
    transfers: transfers.map((t) => ({
      module: t.module,
      description: t.description,
      from: nameOf(t.fromUnitId),
      to: t.toUnitIds.map(nameOf),
    })),
    splits: splits.sort((a, b) => a.changeIndex - b.changeIndex),
  };
  // A split moves open obligations only as the coordinator mapped them: every one of them.
  const unmapped = splits.flatMap((split) =>
    split.items
      .filter((item) => item.mapped === null)
      .map(
        (item) =>
          `“${split.from.name}”: ${item.code} (${item.planTitle.length > 60 ? `${item.planTitle.slice(0, 57)}…` : item.planTitle}, ${item.role}${item.occurrence === "once" ? "" : `, ${item.occurrence}`})`,
      ),
  );
  if (!options.dryRun && unmapped.length > 0) {
    throw new AppError(400, "split_unmapped", { count: unmapped.length, first: unmapped[0] }, undefined, {
      unmapped,
      outcome: outcomeIn(outcome, locale),
    });
  }
  if (problems.length > 0) {
    throw new AppError(409, "event_blocked", { count: problems.length, first: problems[0] }, undefined, {
      problems: problems.map((problem) => problem[locale]),
      outcome: outcomeIn(outcome, locale),
    });
  }
  if (options.dryRun) return outcomeIn(outcome, locale);

  const [row] = await tx
    .insert(unitEvents)
    .values({
      tenantId,
      title: event.title,
      effectiveDate: effective,
      legalBasis: event.legalBasis,
      spec: event,
      outcome,
      appliedBy: actor.name,
    })
    .returning({ id: unitEvents.id });
  const eventId = row.id;
  await writeCreated(tx, tenantId, draft);
  await writeRenames(tx, tenantId, draft, event, eventId);
  await writeMoves(tx, tenantId, draft, eventId);
  await writeClosures(tx, tenantId, draft, eventId);
  for (const handler of handlers) await handler.apply(tx, tenantId, closureList, effective, eventId);
  const result: StoredOutcome = { ...outcome, eventId };
  await tx.update(unitEvents).set({ outcome: result }).where(eq(unitEvents.id, eventId));
  await recordAudit(tx, {
    tenantId,
    actor,
    action: "directory.event",
    entityType: "unit_event",
    entityId: eventId,
    after: {
      title: event.title,
      effectiveDate: effective,
      legalBasis: event.legalBasis,
      created: created.length,
      closed: closureList.length,
      renamed: renamed.length,
      moved: moved.length,
      transfers: transfers.length,
    },
  });
  return outcomeIn(result, locale);
}

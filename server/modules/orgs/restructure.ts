import { eq, inArray, sql } from "drizzle-orm";
import { dayBefore } from "../../../common/dates.ts";
import type { Locale } from "../../../common/enums.ts";
import { inLocale, type Localized, splitGlued } from "../../../common/localized.ts";
import type {
  DirectoryEvent,
  EventOutcome,
  NewUnit,
  SplitMappingEntry,
  SplitPlan,
} from "../../../common/schemas/restructure.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { unitEvents, unitRevisions, unitSuccessions, units } from "./tables.ts";

type UnitRow = typeof units.$inferSelect;

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

export const inForceOn = (unit: Pick<UnitRow, "validFrom" | "validTo">, day: string) =>
  (!unit.validFrom || unit.validFrom <= day) && (!unit.validTo || unit.validTo >= day);

interface PlannedUnit {
  id: string;
  key: string | null;
  spec: NewUnit;
  parentId: string | null;
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
  const before = dayBefore(effective);
  const all = await tx.select().from(units).where(eq(units.tenantId, tenantId));
  const byId = new Map(all.map((unit) => [unit.id, unit]));
  const errors: string[] = [];
  const created: PlannedUnit[] = [];
  const keyed = new Map<string, PlannedUnit>();

  /** Existing units resolve among those in force the day before, then on the day itself. */
  const resolve = (ref: string, where: string): string | null => {
    if (ref.startsWith("@")) {
      const planned = keyed.get(ref.slice(1));
      if (!planned) errors.push(`${where}: no unit of this event has the key "${ref}"`);
      return planned?.id ?? null;
    }
    const direct = byId.get(ref);
    if (direct) return direct.id;
    for (const day of [before, effective]) {
      const matches = all.filter((unit) => unit.code === ref && inForceOn(unit, day));
      if (matches.length === 1) return matches[0].id;
      if (matches.length > 1) {
        errors.push(`${where}: the code "${ref}" names ${matches.length} units on ${day}; use an id`);
        return null;
      }
    }
    errors.push(`${where}: no unit has the id or code "${ref}"`);
    return null;
  };

  // New units first, so that later changes may name them by "@key".
  const plan = (spec: NewUnit): PlannedUnit => {
    const planned: PlannedUnit = { id: crypto.randomUUID(), key: spec.key ?? null, spec, parentId: null };
    if (spec.key) {
      if (keyed.has(spec.key)) errors.push(`the key "${spec.key}" is used twice`);
      keyed.set(spec.key, planned);
    }
    created.push(planned);
    return planned;
  };
  for (const change of event.changes) {
    if (change.kind === "create") plan(change.unit);
    if (change.kind === "merge" && typeof change.into !== "string") plan(change.into);
    if (change.kind === "split")
      for (const target of change.into) if (typeof target !== "string") plan(target);
  }
  for (const planned of created) {
    planned.parentId = planned.spec.parent
      ? resolve(planned.spec.parent, `parent of “${planned.spec.name}”`)
      : null;
  }
  const targetId = (target: string | NewUnit, where: string) =>
    typeof target === "string" ? resolve(target, where) : created.find((p) => p.spec === target)!.id;

  /** A mapping may only name the split's own successors. */
  const resolveMapping = (
    entries: SplitMappingEntry[],
    successors: SuccessorRef[],
    where: string,
  ): ResolvedMapping[] =>
    entries.map((entry, n) => {
      const successorIds: string[] = [];
      for (const ref of entry.to) {
        const id = resolve(ref, `${where}, mapping ${n + 1}`);
        if (!id) continue;
        if (!successors.some((s) => s.id === id)) {
          errors.push(
            `${where}, mapping ${n + 1}: “${byId.get(id)?.name ?? ref}” is not a successor of this split`,
          );
          continue;
        }
        if (!successorIds.includes(id)) successorIds.push(id);
      }
      return {
        assignmentId: entry.assignmentId,
        planId: entry.planId,
        code: entry.code,
        successorIds,
      };
    });

  const closures = new Map<string, Closure>();
  const close = (
    unitId: string | null,
    successorIds: (string | null)[],
    kind: Closure["kind"],
    where: string,
  ) => {
    if (!unitId) return;
    const unit = byId.get(unitId);
    if (!unit) return errors.push(`${where}: a unit this event creates cannot be closed by it`);
    if (!inForceOn(unit, before)) return errors.push(`${where}: “${unit.name}” is not in force on ${before}`);
    if (unit.validTo && unit.validTo < effective) {
      return errors.push(`${where}: “${unit.name}” is already closed (last day ${unit.validTo})`);
    }
    if (closures.has(unitId)) return errors.push(`${where}: “${unit.name}” is closed twice`);
    closures.set(unitId, {
      unitId,
      unitName: unit.name,
      successorIds: successorIds.filter((id): id is string => !!id),
      kind,
    });
  };
  const renamed: EventOutcome["renamed"] = [];
  const moved: { id: string; name: string; parentId: string }[] = [];
  for (const [index, change] of event.changes.entries()) {
    const where = `change ${index + 1} (${change.kind})`;
    switch (change.kind) {
      case "create":
        break;
      case "rename": {
        const id = resolve(change.unit, where);
        if (id) renamed.push({ id, from: byId.get(id)?.name ?? "", to: change.name });
        break;
      }
      case "move": {
        const id = resolve(change.unit, where);
        const parentId = resolve(change.parent, where);
        if (id && parentId) moved.push({ id, name: byId.get(id)?.name ?? "", parentId });
        break;
      }
      case "merge": {
        const into = targetId(change.into, where);
        for (const ref of change.from) {
          const id = resolve(ref, where);
          if (id && id !== into) close(id, [into], "merge", where);
        }
        break;
      }
      case "split": {
        const fromId = resolve(change.from, where);
        const successorIds = change.into.map((target) => targetId(target, where));
        close(fromId, successorIds, "split", where);
        const closure = fromId ? closures.get(fromId) : undefined;
        if (closure && closure.kind === "split" && !closure.split) {
          const successors = change.into.flatMap((target, i): SuccessorRef[] => {
            const id = successorIds[i];
            if (!id) return [];
            if (typeof target === "string") {
              const unit = byId.get(id)!;
              return [
                {
                  id,
                  ref: id,
                  name: unit.name,
                  names: [unit.name, unit.shortName ?? "", ...unit.aliases].filter(Boolean),
                },
              ];
            }
            return [
              {
                id,
                ref: target.key ? `@${target.key}` : null,
                name: target.name,
                names: [target.name, target.shortName ?? "", ...(target.aliases ?? [])].filter(Boolean),
              },
            ];
          });
          closure.split = {
            changeIndex: index,
            successors,
            mapping: change.mapping ? resolveMapping(change.mapping, successors, where) : null,
          };
        }
        break;
      }
      case "dissolve":
        close(
          resolve(change.unit, where),
          change.successors.map((ref) => resolve(ref, where)),
          "dissolve",
          where,
        );
        break;
    }
  }
  // A closed unit may not leave sub-units behind: they must close or move in the same event.
  const movedIds = new Set(moved.map((m) => m.id));
  for (const closure of closures.values()) {
    for (const child of all.filter(
      (unit) => unit.parentId === closure.unitId && inForceOn(unit, effective),
    )) {
      if (!closures.has(child.id) && !movedIds.has(child.id)) {
        errors.push(
          `“${closure.unitName}” closes on ${before} but its sub-unit “${child.name}” stays in force: close or move it in the same event`,
        );
      }
    }
    for (const successorId of closure.successorIds) {
      if (closures.has(successorId))
        errors.push(
          `“${closure.unitName}” passes its duties to “${byId.get(successorId)?.name}”, which this event closes too`,
        );
    }
  }
  if (errors.length > 0) {
    throw new AppError(400, "event_invalid", { count: errors.length, first: errors[0] }, undefined, {
      problems: errors,
    });
  }

  const closureList = [...closures.values()];
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
  const nameOf = (id: string) => byId.get(id)?.name ?? created.find((p) => p.id === id)?.spec.name ?? id;
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
  if (created.length > 0) {
    // One statement: PostgreSQL checks the parent links at its end, so a new unit may hang
    // under another new unit of the same event.
    await tx.insert(units).values(
      created.map((planned) => ({
        id: planned.id,
        tenantId,
        type: planned.spec.type,
        parentId: planned.parentId,
        name: planned.spec.name,
        code: planned.spec.code ?? null,
        shortName: planned.spec.shortName ?? null,
        aliases: planned.spec.aliases ?? [],
        validFrom: effective,
      })),
    );
  }
  for (const change of renamed) {
    const unit = byId.get(change.id)!;
    const spec = event.changes.find(
      (c) => c.kind === "rename" && resolveSilently(c.unit, all, before, effective) === change.id,
    );
    await keepRevision(tx, tenantId, unit, before, eventId);
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
  for (const move of moved) {
    const unit = byId.get(move.id)!;
    await keepRevision(tx, tenantId, unit, before, eventId);
    await tx
      .update(units)
      .set({ parentId: move.parentId, version: unit.version + 1, updatedAt: clock.now() })
      .where(eq(units.id, unit.id));
  }
  if (closureList.length > 0) {
    await tx
      .update(units)
      .set({ validTo: before, version: sql`${units.version} + 1`, updatedAt: clock.now() })
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
        effectiveDate: effective,
        kind: closure.kind,
      })),
    );
    if (links.length > 0) await tx.insert(unitSuccessions).values(links);
  }
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

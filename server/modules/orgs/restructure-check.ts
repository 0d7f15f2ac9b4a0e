import type {
  DirectoryChange,
  DirectoryEvent,
  EventOutcome,
  NewUnit,
  SplitMappingEntry,
} from "../../../common/schemas/restructure.ts";
import type { Closure, ResolvedMapping, SuccessorRef } from "./restructure.ts";
import type { units } from "./tables.ts";

// Checking a restructuring event before anything is written: every change is resolved against
// the directory and every problem is gathered, so that one refusal names them all.

export type UnitRow = typeof units.$inferSelect;

export const inForceOn = (unit: Pick<UnitRow, "validFrom" | "validTo">, day: string) =>
  (!unit.validFrom || unit.validFrom <= day) && (!unit.validTo || unit.validTo >= day);

export interface PlannedUnit {
  id: string;
  key: string | null;
  spec: NewUnit;
  parentId: string | null;
}

type ChangeOf<K extends DirectoryChange["kind"]> = Extract<DirectoryChange, { kind: K }>;

/** What an event does to the directory, as its changes are checked one by one. */
export class EventDraft {
  readonly before: string;
  readonly byId: Map<string, UnitRow>;
  readonly errors: string[] = [];
  readonly created: PlannedUnit[] = [];
  readonly keyed = new Map<string, PlannedUnit>();
  readonly closures = new Map<string, Closure>();
  readonly renamed: EventOutcome["renamed"] = [];
  readonly moved: { id: string; name: string; parentId: string }[] = [];

  constructor(
    readonly all: UnitRow[],
    readonly effective: string,
    before: string,
  ) {
    this.before = before;
    this.byId = new Map(all.map((unit) => [unit.id, unit]));
  }

  /** Existing units resolve among those in force the day before, then on the day itself. */
  resolve(ref: string, where: string): string | null {
    if (ref.startsWith("@")) {
      const planned = this.keyed.get(ref.slice(1));
      if (!planned) this.errors.push(`${where}: no unit of this event has the key "${ref}"`);
      return planned?.id ?? null;
    }
    const direct = this.byId.get(ref);
    if (direct) return direct.id;
    for (const day of [this.before, this.effective]) {
      const matches = this.all.filter((unit) => unit.code === ref && inForceOn(unit, day));
      if (matches.length === 1) return matches[0].id;
      if (matches.length > 1) {
        this.errors.push(`${where}: the code "${ref}" names ${matches.length} units on ${day}; use an id`);
        return null;
      }
    }
    this.errors.push(`${where}: no unit has the id or code "${ref}"`);
    return null;
  }

  plan(spec: NewUnit): PlannedUnit {
    const planned: PlannedUnit = { id: crypto.randomUUID(), key: spec.key ?? null, spec, parentId: null };
    if (spec.key) {
      if (this.keyed.has(spec.key)) this.errors.push(`the key "${spec.key}" is used twice`);
      this.keyed.set(spec.key, planned);
    }
    this.created.push(planned);
    return planned;
  }

  targetId(target: string | NewUnit, where: string) {
    return typeof target === "string"
      ? this.resolve(target, where)
      : this.created.find((p) => p.spec === target)!.id;
  }

  /** A mapping may only name the split's own successors. */
  resolveMapping(entries: SplitMappingEntry[], successors: SuccessorRef[], where: string): ResolvedMapping[] {
    return entries.map((entry, n) => {
      const successorIds: string[] = [];
      for (const ref of entry.to) {
        const id = this.resolve(ref, `${where}, mapping ${n + 1}`);
        if (!id) continue;
        if (!successors.some((s) => s.id === id)) {
          this.errors.push(
            `${where}, mapping ${n + 1}: “${this.byId.get(id)?.name ?? ref}” is not a successor of this split`,
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
  }

  close(unitId: string | null, successorIds: (string | null)[], kind: Closure["kind"], where: string) {
    if (!unitId) return;
    const unit = this.byId.get(unitId);
    if (!unit) return this.errors.push(`${where}: a unit this event creates cannot be closed by it`);
    if (!inForceOn(unit, this.before)) {
      return this.errors.push(`${where}: “${unit.name}” is not in force on ${this.before}`);
    }
    if (unit.validTo && unit.validTo < this.effective) {
      return this.errors.push(`${where}: “${unit.name}” is already closed (last day ${unit.validTo})`);
    }
    if (this.closures.has(unitId)) return this.errors.push(`${where}: “${unit.name}” is closed twice`);
    this.closures.set(unitId, {
      unitId,
      unitName: unit.name,
      successorIds: successorIds.filter((id): id is string => !!id),
      kind,
    });
  }

  nameOf(id: string) {
    return this.byId.get(id)?.name ?? this.created.find((p) => p.id === id)?.spec.name ?? id;
  }
}

/** New units first, so that later changes may name them by "@key"; then their parents. */
export function planNewUnits(draft: EventDraft, event: DirectoryEvent) {
  for (const change of event.changes) {
    if (change.kind === "create") draft.plan(change.unit);
    if (change.kind === "merge" && typeof change.into !== "string") draft.plan(change.into);
    if (change.kind === "split")
      for (const target of change.into) if (typeof target !== "string") draft.plan(target);
  }
  for (const planned of draft.created) {
    planned.parentId = planned.spec.parent
      ? draft.resolve(planned.spec.parent, `parent of “${planned.spec.name}”`)
      : null;
  }
}

function checkRename(draft: EventDraft, change: ChangeOf<"rename">, where: string) {
  const id = draft.resolve(change.unit, where);
  if (id) draft.renamed.push({ id, from: draft.byId.get(id)?.name ?? "", to: change.name });
}

function checkMove(draft: EventDraft, change: ChangeOf<"move">, where: string) {
  const id = draft.resolve(change.unit, where);
  const parentId = draft.resolve(change.parent, where);
  if (id && parentId) draft.moved.push({ id, name: draft.byId.get(id)?.name ?? "", parentId });
}

function checkMerge(draft: EventDraft, change: ChangeOf<"merge">, where: string) {
  const into = draft.targetId(change.into, where);
  for (const ref of change.from) {
    const id = draft.resolve(ref, where);
    if (id && id !== into) draft.close(id, [into], "merge", where);
  }
}

function checkSplit(draft: EventDraft, change: ChangeOf<"split">, index: number, where: string) {
  const fromId = draft.resolve(change.from, where);
  const successorIds = change.into.map((target) => draft.targetId(target, where));
  draft.close(fromId, successorIds, "split", where);
  const closure = fromId ? draft.closures.get(fromId) : undefined;
  if (closure?.kind !== "split" || closure.split) return;
  const successors = change.into.flatMap((target, i): SuccessorRef[] => {
    const id = successorIds[i];
    if (!id) return [];
    if (typeof target === "string") {
      const unit = draft.byId.get(id)!;
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
    mapping: change.mapping ? draft.resolveMapping(change.mapping, successors, where) : null,
  };
}

function checkDissolve(draft: EventDraft, change: ChangeOf<"dissolve">, where: string) {
  draft.close(
    draft.resolve(change.unit, where),
    change.successors.map((ref) => draft.resolve(ref, where)),
    "dissolve",
    where,
  );
}

/** Checks one change of the event by its kind (a created unit was planned already). */
export function checkChange(draft: EventDraft, change: DirectoryChange, index: number) {
  const where = `change ${index + 1} (${change.kind})`;
  switch (change.kind) {
    case "create":
      return;
    case "rename":
      return checkRename(draft, change, where);
    case "move":
      return checkMove(draft, change, where);
    case "merge":
      return checkMerge(draft, change, where);
    case "split":
      return checkSplit(draft, change, index, where);
    case "dissolve":
      return checkDissolve(draft, change, where);
  }
}

/** A closed unit may not leave sub-units behind: they must close or move in the same event. */
export function checkClosures(draft: EventDraft) {
  const movedIds = new Set(draft.moved.map((m) => m.id));
  for (const closure of draft.closures.values()) {
    for (const child of draft.all.filter(
      (unit) => unit.parentId === closure.unitId && inForceOn(unit, draft.effective),
    )) {
      if (!draft.closures.has(child.id) && !movedIds.has(child.id)) {
        draft.errors.push(
          `“${closure.unitName}” closes on ${draft.before} but its sub-unit “${child.name}” stays in force: close or move it in the same event`,
        );
      }
    }
    for (const successorId of closure.successorIds) {
      if (draft.closures.has(successorId))
        draft.errors.push(
          `“${closure.unitName}” passes its duties to “${draft.byId.get(successorId)?.name}”, which this event closes too`,
        );
    }
  }
}

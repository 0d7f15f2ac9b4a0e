// Converting between a Unit and the form, and working out what a user actually changed,
// so an update sends only those fields and never overwrites someone else's edits to others.
import type { UnitType } from "../../../../common/enums.ts";
import type { Unit, UnitCreate, UnitUpdate } from "../../../../common/schemas/units.ts";

export type UnitFormValues = {
  type: UnitType;
  parentId: string | null;
  name: string;
  shortName: string;
  code: string;
  aliases: string[];
  validFrom: string | null; // YYYY-MM-DD; the DatePicker's dayjs value is converted at the edge
  validTo: string | null;
};

export const UNIT_FIELDS = [
  "type",
  "parentId",
  "name",
  "shortName",
  "code",
  "aliases",
  "validFrom",
  "validTo",
] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

export function unitToForm(unit: Unit): UnitFormValues {
  return {
    type: unit.type,
    parentId: unit.parentId,
    name: unit.name,
    shortName: unit.shortName ?? "",
    code: unit.code ?? "",
    aliases: [...unit.aliases],
    validFrom: unit.validFrom,
    validTo: unit.validTo,
  };
}

const blankToNull = (s: string): string | null => (s.trim() === "" ? null : s.trim());
const cleanAliases = (a: string[]): string[] => [...new Set(a.map((s) => s.trim()).filter(Boolean))];

function normalised(v: UnitFormValues) {
  return {
    type: v.type,
    parentId: v.parentId ?? null,
    name: v.name.trim(),
    shortName: blankToNull(v.shortName ?? ""),
    code: blankToNull(v.code ?? ""),
    aliases: cleanAliases(v.aliases ?? []),
    validFrom: v.validFrom ?? null,
    validTo: v.validTo ?? null,
  };
}

export function formToCreate(v: UnitFormValues): UnitCreate {
  return normalised(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Fields whose value in `next` differs from `base`, normalised as the API expects. */
export function changedFields(
  base: UnitFormValues,
  next: UnitFormValues,
): Partial<ReturnType<typeof normalised>> {
  const a = normalised(base);
  const b = normalised(next);
  const out: Record<string, unknown> = {};
  for (const field of UNIT_FIELDS) {
    if (!same(a[field], b[field])) out[field] = b[field];
  }
  return out as Partial<ReturnType<typeof normalised>>;
}

export function buildUpdate(version: number, base: UnitFormValues, next: UnitFormValues): UnitUpdate {
  return { version, ...changedFields(base, next) };
}

export type ConflictRow = { field: UnitField; mine: unknown; theirs: unknown; otherChanged: boolean };

/**
 * After a 409: for each field, what the user wants, what the server holds now, and whether
 * the other person touched it (so the user sees exactly where the two edits meet).
 */
export function conflictRows(
  base: UnitFormValues,
  mine: UnitFormValues,
  current: UnitFormValues,
): ConflictRow[] {
  const minePatch = changedFields(base, mine);
  const theirsPatch = changedFields(base, current);
  const b = normalised(current);
  const m = normalised(mine);
  return UNIT_FIELDS.filter((f) => f in minePatch || f in theirsPatch).map((field) => ({
    field,
    mine: m[field],
    theirs: b[field],
    otherChanged: field in theirsPatch,
  }));
}

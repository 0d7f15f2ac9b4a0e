import type { UnitType } from "./enums.ts";

/**
 * The one order in which kinds of unit are listed: the directory's tree, a period's completeness
 * by kind and the consolidated report's units. The province and its People's Committee, then the
 * departments, the districts and the communes, as a Nghị định 30/2020 report lists them; then the
 * Front and the mass organisations, the Party's bodies, the armed forces, the press, the central
 * bodies and the rest. Why this order: docs/decisions/2026-12-07-one-unit-type-order.md.
 */
export const UNIT_TYPE_ORDER = [
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
] as const satisfies readonly UnitType[];

const RANKS = new Map<string, number>(UNIT_TYPE_ORDER.map((type, index) => [type, index]));

/** A kind's place in `UNIT_TYPE_ORDER`; a kind the list does not know comes after all of them. */
export function unitTypeRank(type: string): number {
  return RANKS.get(type) ?? UNIT_TYPE_ORDER.length;
}

/** Sorts kinds of unit (or anything with a kind) into that order, keeping ties as they were. */
export function byUnitType(a: string, b: string): number {
  return unitTypeRank(a) - unitTypeRank(b);
}

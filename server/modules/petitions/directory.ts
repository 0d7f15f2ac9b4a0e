import type { Unit } from "../../../common/schemas/units.ts";
import { foldText, searchKey } from "../../../common/search.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { AppError } from "../../lib/errors.ts";
import { ancestorIds, listUnits } from "../orgs/service.ts";

/**
 * The directory as this module needs it, read through the orgs module's service: the communes
 * in force today (the portal's picker and the intake's check), unit names, and a unit with
 * the units below it (the staff list's scope). Kept for a minute: the directory changes by
 * recorded events, a few times a year, and intake must not read 100 rows per petition.
 */
const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: unknown }>();

async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as T;
  const value = await load();
  cache.set(key, { at: Date.now(), value });
  return value;
}

export interface Commune {
  id: string;
  name: string;
  folded: string;
  /** Folded forms it may be typed as: "phuong rach gia", "ubnd phuong rach gia", "rach gia". */
  keys: string[];
}

const PREFIXES = /^(uy ban nhan dan|ubnd)\s+/;
const ABBREVIATED: Record<string, string> = { p: "phuong", x: "xa", tt: "thi tran", dk: "dac khu" };
const KINDS = /^(xa|phuong|dac khu|thi tran)\s+/;

function communeKeys(unit: Unit): string[] {
  const keys = new Set<string>();
  for (const form of [unit.name, ...unit.aliases, unit.shortName ?? ""]) {
    const folded = searchKey(form);
    if (!folded) continue;
    const bare = folded.replace(PREFIXES, "");
    keys.add(folded);
    keys.add(bare);
    keys.add(bare.replace(KINDS, ""));
  }
  return [...keys];
}

export async function communesToday(db: DbOrTx, tenantId: string, today: string): Promise<Commune[]> {
  return cached(`communes:${tenantId}:${today}`, async () => {
    const list = await listUnits(db, tenantId, { asOf: today, type: "commune" });
    return list.map((unit) => {
      const display = unit.aliases[0] ?? unit.name;
      return { id: unit.id, name: display, folded: searchKey(display), keys: communeKeys(unit) };
    });
  });
}

/** "phuong rach gia", "P. Rạch Giá", "Rạch Giá" → Phường Rạch Giá; null when none or several. */
export function matchCommune(communes: readonly Commune[], typed: string): Commune | null {
  // Folded words, punctuation dropped (common/search.ts); "P." is "phường", "X." is "xã" …
  const folded = searchKey(
    typed.replace(
      /^\s*(p|x|tt|dk)\.\s*/i,
      (prefix) => `${ABBREVIATED[foldText(prefix).replace(/[.\s]/g, "")]} `,
    ),
  ).replace(PREFIXES, "");
  if (!folded) return null;
  const exact = communes.filter((commune) => commune.keys.includes(folded));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) {
    const full = exact.filter((commune) => commune.folded === folded);
    return full.length === 1 ? full[0] : null;
  }
  return null;
}

/** The commune named somewhere in a free-text address ("12 Mạc Cửu, phường Rạch Giá"). */
export function findCommuneInAddress(communes: readonly Commune[], address: string): Commune | null {
  const folded = ` ${searchKey(address)} `;
  const hits = communes.filter((commune) =>
    commune.keys.some((key) => KINDS.test(key) && folded.includes(` ${key} `)),
  );
  return hits.length === 1 ? hits[0] : null;
}

export async function resolveCommune(
  db: DbOrTx,
  tenantId: string,
  today: string,
  input: { communeId?: string; communeName?: string },
): Promise<Commune> {
  const communes = await communesToday(db, tenantId, today);
  if (input.communeId) {
    const found = communes.find((commune) => commune.id === input.communeId);
    if (!found) throw new AppError(400, "petition_commune_unknown", { name: input.communeId }, "communeId");
    return found;
  }
  if (!input.communeName) throw new AppError(400, "petition_commune_missing", {}, "communeName");
  const found = matchCommune(communes, input.communeName);
  if (!found) throw new AppError(400, "petition_commune_unknown", { name: input.communeName }, "communeName");
  return found;
}

export interface UnitInfo {
  id: string;
  code: string | null;
  /** As people say it: "Phường Rạch Giá" for a commune's People's Committee. */
  name: string;
  type: string;
  parentId: string | null;
}

/** Every unit of the tenant, whatever its dates (history keeps closed units' names). */
export async function allUnits(db: DbOrTx, tenantId: string): Promise<Map<string, UnitInfo>> {
  return cached(`units:${tenantId}`, async () => {
    const list = await listUnits(db, tenantId, {});
    return new Map(
      list.map((unit) => [
        unit.id,
        {
          id: unit.id,
          code: unit.code,
          name: unit.type === "commune" ? (unit.aliases[0] ?? unit.name) : unit.name,
          type: unit.type,
          parentId: unit.parentId,
        },
      ]),
    );
  });
}

/** Units in force today, by code: the classifier's seed names units by code. */
export async function unitsInForceByCode(
  db: DbOrTx,
  tenantId: string,
  today: string,
): Promise<Map<string, Unit>> {
  return cached(`codes:${tenantId}:${today}`, async () => {
    const list = await listUnits(db, tenantId, { asOf: today });
    return new Map(list.filter((unit) => unit.code).map((unit) => [unit.code!, unit]));
  });
}

export async function unitInForce(
  db: DbOrTx,
  tenantId: string,
  id: string,
  today: string,
): Promise<Unit | null> {
  const list = await listUnits(db, tenantId, { asOf: today });
  return list.find((unit) => unit.id === id) ?? null;
}

/** The units and every unit below them. */
export async function withDescendants(
  db: DbOrTx,
  tenantId: string,
  roots: readonly string[],
): Promise<string[]> {
  const units = await allUnits(db, tenantId);
  const children = new Map<string, string[]>();
  for (const unit of units.values()) {
    if (unit.parentId) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit.id]);
  }
  const out = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}

export const unitAncestors = (db: DbOrTx, tenantId: string, unitId: string | null) =>
  unitId ? ancestorIds(db, tenantId, unitId) : Promise.resolve([]);

/** Forget cached directory reads (tests that change the directory). */
export function clearDirectoryCache() {
  cache.clear();
}

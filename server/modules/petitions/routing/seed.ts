import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The labelled seed set: realistic petitions per unit, as plain text files under `seed/`, one
 * petition a line (`category|text`), the unit's code on the first line (`# @unit SXD — …`).
 * `@commune` stands for the commune the petition is about: local matters go to its People's
 * Committee, whichever commune that is.
 */
export interface SeedPetition {
  unit: string;
  category: string;
  text: string;
}

export interface Mandate {
  unit: string;
  text: string;
}

export const COMMUNE_LABEL = "@commune";
const seedFolder = fileURLToPath(new URL("./seed/", import.meta.url));

let cached: { petitions: SeedPetition[]; mandates: Mandate[] } | null = null;

export function loadSeed(): SeedPetition[] {
  return readSeed().petitions;
}

/** Each unit's key phrases (the `@keywords` line): what it is competent for. */
export function loadMandates(): Mandate[] {
  return readSeed().mandates;
}

function readSeed() {
  if (cached) return cached;
  const list: SeedPetition[] = [];
  const mandates: Mandate[] = [];
  for (const file of readdirSync(seedFolder)
    .filter((name) => name.endsWith(".txt"))
    .sort()) {
    const lines = readFileSync(`${seedFolder}${file}`, "utf8").split("\n");
    const unit = /@unit (\S+)/.exec(lines[0] ?? "")?.[1];
    if (!unit) throw new Error(`Seed file ${file} does not name its unit on its first line`);
    for (const line of lines.slice(1)) {
      if (!line.trim() || line.startsWith("#")) continue;
      if (line.startsWith("@keywords ")) {
        mandates.push({ unit, text: line.slice("@keywords ".length).trim() });
        continue;
      }
      const bar = line.indexOf("|");
      list.push({ unit, category: line.slice(0, bar).trim(), text: line.slice(bar + 1).trim() });
    }
  }
  cached = { petitions: list, mandates };
  return cached;
}

/** A deterministic pseudo-random generator (mulberry32): the same split on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stratified split: about `testShare` of each unit's petitions held out. */
export function stratifiedSplit<T extends { unit: string }>(
  items: readonly T[],
  testShare: number,
  seed: number,
) {
  const random = seededRandom(seed);
  const byUnit = new Map<string, T[]>();
  for (const item of items) byUnit.set(item.unit, [...(byUnit.get(item.unit) ?? []), item]);
  const train: T[] = [];
  const test: T[] = [];
  for (const unit of [...byUnit.keys()].sort()) {
    const group = [...byUnit.get(unit)!];
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j], group[i]];
    }
    const held = Math.max(1, Math.round(group.length * testShare));
    test.push(...group.slice(0, held));
    train.push(...group.slice(held));
  }
  return { train, test };
}

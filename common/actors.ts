import type { Locale } from "./enums.ts";
import { type Localized, splitGlued } from "./localized.ts";

/**
 * Who did something when it was not a signed-in user. The name stored for such an actor (in the
 * audit trail, a petition's timeline, a report's history …) is one of these codes, never a
 * sentence in one language or both; whoever reads it back shows it in the reader's language with
 * `actorLabel`. (A user's stored name is "Display Name (username)", shown as it is.)
 *
 *   portal         a citizen writing through the public portal: a petition, a question, a comment
 *   citizen        the citizen a petition belongs to: rating it, following it up, reading its data
 *   system         the scheduled jobs: reporting periods, urging letters, reports passed on
 *   restructuring  a restructuring passing open petitions and dialogue commitments to a successor
 *   directory      a directory event handing open assignments over to successor units
 *
 * The audit trail hashes the name as stored: rows are never rewritten, old names are read.
 */
export const ACTOR_CODES = ["portal", "citizen", "system", "restructuring", "directory"] as const;
export type ActorCode = (typeof ACTOR_CODES)[number];

/** Each code as a sentence's subject (the home page says "{{actor}} received a petition"). */
export const ACTOR_LABELS: Record<ActorCode, Localized> = {
  portal: { vi: "Công dân (qua cổng thông tin)", en: "A citizen (through the portal)" },
  citizen: { vi: "Công dân", en: "The citizen" },
  system: { vi: "Hệ thống", en: "The system" },
  restructuring: { vi: "Sắp xếp tổ chức bộ máy", en: "The restructuring" },
  directory: { vi: "Sự kiện sắp xếp tổ chức", en: "The restructuring event" },
};

/** The names these actors were stored under before the codes. */
const LEGACY_NAMES = new Map<string, ActorCode>([
  ["công dân (cổng thông tin) / citizen (portal)", "portal"],
  ["công dân / citizen", "citizen"],
  ["công dân (chủ hồ sơ) / the citizen", "citizen"],
  ["hệ thống / system", "system"],
  ["sắp xếp tổ chức bộ máy / restructuring", "restructuring"],
  ["directory event", "directory"],
]);

/** The audit actor for a code: no user, the code as the name. */
export const systemActor = (code: ActorCode) => ({ userId: null, name: code });

export const isActorCode = (name: string): name is ActorCode =>
  (ACTOR_CODES as readonly string[]).includes(name);

/** The code of a stored name: the code itself, or the name it had before the codes; else null. */
export const actorCodeOf = (name: string): ActorCode | null =>
  isActorCode(name) ? name : (LEGACY_NAMES.get(name) ?? null);

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);

/**
 * A stored actor name that is not a user's in one language, or null for any other name: a code,
 * one of the old names of a code, or an old name that glued both languages ("x / y").
 */
export function knownActorLabel(name: string, locale: Locale): string | null {
  const code = actorCodeOf(name);
  if (code) return ACTOR_LABELS[code][locale];
  const glued = splitGlued(name);
  return glued ? capitalised(glued[locale]) : null;
}

/** A stored actor name as the reader sees it: the label of a code, else the name as stored. */
export function actorLabel(name: string, locale: Locale): string {
  return knownActorLabel(name, locale) ?? name;
}

/**
 * What a row that stores both the actor's user id and name shows: a user's name as it is (a
 * display name may hold " / "), anyone else's per language.
 */
export const shownActor = (userId: string | null | undefined, name: string, locale: Locale) =>
  userId ? name : actorLabel(name, locale);

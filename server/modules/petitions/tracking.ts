import { createHash, randomInt } from "node:crypto";

/**
 * Tracking codes: `PA-XXXXX-XXXXX`, nine random characters and a check character.
 *
 * - The alphabet leaves out 0/O and 1/I/L, which are read and typed one for another.
 * - 31 symbols, 9 drawn by `crypto.randomInt`: 31^9 ≈ 2^44.6, so a code is not guessed.
 * - Nothing sequential: codes say nothing about when or how many petitions came in.
 * - The check character is a weighted sum modulo 31; 31 is prime, so any single wrong
 *   character and any swap of two neighbours changes it.
 * - One prefix for every kind: the code of a denunciation must not say it is one.
 */
export const TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const RANDOM_LENGTH = 9;
const PREFIX = "PA";

function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * TRACKING_ALPHABET.indexOf(body[i]);
  return TRACKING_ALPHABET[sum % TRACKING_ALPHABET.length];
}

function format(body: string): string {
  const full = body + checkCharacter(body);
  return `${PREFIX}-${full.slice(0, 5)}-${full.slice(5)}`;
}

/** A new code from the operating system's random source. */
export function newTrackingCode(): string {
  let body = "";
  for (let i = 0; i < RANDOM_LENGTH; i++) body += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return format(body);
}

/** A well-formed code derived from a seed (the honeypot's answer to a retry, the demo data). */
export function trackingCodeFrom(seed: string): string {
  const digest = createHash("sha256").update(seed).digest();
  let body = "";
  for (let i = 0; i < RANDOM_LENGTH; i++) body += TRACKING_ALPHABET[digest[i] % TRACKING_ALPHABET.length];
  return format(body);
}

/**
 * The canonical form of what someone typed: upper case, separators and the prefix dropped.
 * Any string gives some form, so a lookup runs the same way for a typo as for a real code.
 */
export function normalizeTrackingCode(input: string): string {
  const compact = input.toUpperCase().replace(/[^0-9A-Z]/g, "");
  const body = compact.startsWith(PREFIX) && compact.length > 10 ? compact.slice(PREFIX.length) : compact;
  return body.slice(0, 40);
}

/** True when the check character matches: a typo is told apart without a database lookup. */
export function isWellFormedTrackingCode(input: string): boolean {
  const body = normalizeTrackingCode(input);
  if (body.length !== RANDOM_LENGTH + 1) return false;
  if ([...body].some((c) => !TRACKING_ALPHABET.includes(c))) return false;
  return checkCharacter(body.slice(0, RANDOM_LENGTH)) === body[RANDOM_LENGTH];
}

/** What is stored and looked up. */
export function trackingHash(input: string): string {
  return createHash("sha256")
    .update(`petition:${normalizeTrackingCode(input)}`)
    .digest("hex");
}

import { type IsoDate, todayInVietnam } from "./calendar/iso-date.ts";

/**
 * The one clock of the server. Every "now" and "today" of the domain — deadlines, reminders,
 * sessions, rate windows, stamps written to the database — is read here, so a test or a demo can
 * set the time and every part of the system agrees on it.
 *
 * By default it is the machine's clock. `DONGTHUAN_NOW` (an ISO instant, or a date meaning 09:00
 * in Vietnam that day) pins it for a demo or a test run: the clock starts at that instant and then
 * runs on at the real pace, so durations and orderings still behave. The server refuses a pinned
 * clock in production (see config.ts) and says on start when the clock is pinned.
 */

let offsetMs = 0;
let frozenAt: number | null = null;
let pinnedFrom: string | null = null;

/** Parses the forms `DONGTHUAN_NOW` and `setClock` accept; throws a RangeError on anything else. */
export function parseClockInstant(value: string): Date {
  const text = value.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const instant = new Date(dateOnly ? `${text}T09:00:00+07:00` : text);
  if (Number.isNaN(instant.getTime()) || (!dateOnly && !/^\d{4}-\d{2}-\d{2}T/.test(text))) {
    throw new RangeError(
      `Not a date or an instant: "${value}" (use 2026-12-10 or 2026-12-10T08:30:00+07:00)`,
    );
  }
  return instant;
}

/** The current instant. */
export function now(): Date {
  return new Date(nowMs());
}

/** The current instant in milliseconds since the epoch. */
export function nowMs(): number {
  return frozenAt ?? Date.now() + offsetMs;
}

/** Today's date in Vietnam (UTC+7), whatever the machine's time zone. */
export function today(): IsoDate {
  return todayInVietnam(now());
}

/** An instant `ms` milliseconds from now (negative for the past). */
export function fromNow(ms: number): Date {
  return new Date(nowMs() + ms);
}

/**
 * Sets the clock to `at`. It runs on from there unless `frozen`, when it stays at `at` until set
 * again. Tests call it (and `resetClock` after); the demo and `DONGTHUAN_NOW` use it too.
 */
export function setClock(at: Date | string, options: { frozen?: boolean } = {}): void {
  const instant = typeof at === "string" ? parseClockInstant(at) : at;
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid Date");
  if (options.frozen) {
    frozenAt = instant.getTime();
    offsetMs = 0;
  } else {
    frozenAt = null;
    offsetMs = instant.getTime() - Date.now();
  }
  pinnedFrom = instant.toISOString();
}

/** Moves the clock by `ms` (a frozen clock stays frozen at the new instant). */
export function advanceClock(ms: number): void {
  if (frozenAt !== null) frozenAt += ms;
  else offsetMs += ms;
  pinnedFrom = now().toISOString();
}

/** Back to the time this process started with: `DONGTHUAN_NOW` when set, else the machine's. */
export function resetClock(): void {
  frozenAt = null;
  offsetMs = 0;
  pinnedFrom = null;
  if (initial) setClock(initial);
}

/**
 * Runs `work` with the clock moved by `ms`, then puts the clock back exactly as it was (pinned or
 * not, frozen or running): the tests' demo template is written ten minutes in the past this way.
 */
export async function withClockShifted<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const saved = { frozenAt, offsetMs, pinnedFrom };
  if (frozenAt !== null) frozenAt += ms;
  else offsetMs += ms;
  try {
    return await work();
  } finally {
    ({ frozenAt, offsetMs, pinnedFrom } = saved);
  }
}

/** The instant the clock was last pinned to, or null when it is the machine's clock. */
export function clockPinnedAt(): string | null {
  return pinnedFrom;
}

// The environment is read here once, not in config.ts, so that unit tests which never build a
// server see the same pinned clock as those that do.
// A value that does not parse is left to config.ts, which refuses it with a clear message.
const initial = pinnedFromEnvironment(process.env.DONGTHUAN_NOW);
if (initial) setClock(initial);

function pinnedFromEnvironment(value: string | undefined): Date | null {
  if (!value?.trim()) return null;
  try {
    return parseClockInstant(value);
  } catch {
    return null;
  }
}

/** The clock as one object, for modules that read it in many places: `clock.now()`, `clock.today()`. */
export const clock = { now, nowMs, today, fromNow } as const;

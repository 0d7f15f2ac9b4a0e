import { and, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { signInThrottles } from "./tables.ts";

/**
 * Sign-in throttling (docs/decisions/2026-12-07-sign-in-throttling.md). Failed sign-ins are
 * counted per account name as typed (known or not), per client address, and per pair of both.
 * Each counter lets a few failures through, then makes the next attempt wait, twice as long
 * after each further failure, up to a cap. An attempt is counted *before* its password is
 * weighed, in one atomic statement per counter (INSERT … ON CONFLICT DO UPDATE … WHERE the wait
 * is over … RETURNING), so parallel attempts cannot all slip in before the first is counted; an
 * attempt that turns out right gives its count back.
 */

export type Scope = "pair" | "address" | "name";

export interface ThrottlePolicy {
  /** Failures of one name from one address before waits begin (LOGIN_MAX_FAILURES). */
  maxFailures: number;
  /** The longest wait between attempts, in minutes (LOGIN_LOCK_MINUTES). */
  lockMinutes: number;
}

interface Key {
  scope: Scope;
  name: string;
  address: string;
}

export interface Claimed extends Key {
  /** The counter's failures, this attempt included. */
  failures: number;
  /** Failures this counter lets through before waits begin. */
  free: number;
}

export type Claim =
  | { allowed: true; claimed: Claimed[] }
  | { allowed: false; retryAfterSeconds: number; until: Date };

/** The name alone and the address alone allow this many times the pair's failures. */
export const SHARED_FACTOR = 4;
/** The first wait; each further failure doubles it, up to the policy's cap. */
export const FIRST_WAIT_SECONDS = 30;
/** A counter without a failure for this long starts again from nothing. */
export const FORGET_AFTER_MS = 24 * 3600_000;
/** A pair that signed in this recently is not held back by its name's counter. */
export const KNOWN_PAIR_MS = 90 * 24 * 3600_000;

export function freeFailures(scope: Scope, policy: ThrottlePolicy): number {
  return scope === "pair" ? policy.maxFailures : policy.maxFailures * SHARED_FACTOR;
}

/** The wait after a counter's `failures`-th failure, in seconds (0 while failures are free). */
export function waitSeconds(failures: number, free: number, policy: ThrottlePolicy): number {
  if (failures < free) return 0;
  return Math.min(policy.lockMinutes * 60, FIRST_WAIT_SECONDS * 2 ** Math.min(failures - free, 20));
}

/** The account name as the throttle keys it: what was typed, trimmed and in lower case. */
export function throttleName(username: string): string {
  return username.trim().toLowerCase();
}

const keyOf = (tenantId: string, key: Key) =>
  and(
    eq(signInThrottles.tenantId, tenantId),
    eq(signInThrottles.scope, key.scope),
    eq(signInThrottles.name, key.name),
    eq(signInThrottles.address, key.address),
  );

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

class Refused extends Error {}

/**
 * Counts one attempt on each of its counters, or refuses it when one of them is still waiting
 * (nothing is counted then). The counters are taken in one order (pair, address, name), in one
 * short transaction committed before the password is weighed, so concurrent attempts see it.
 */
export async function claimAttempt(
  db: Db,
  tenantId: string,
  rawName: string,
  address: string,
  policy: ThrottlePolicy,
): Promise<Claim> {
  const name = throttleName(rawName);
  const now = clock.now();
  const pair: Key = { scope: "pair", name, address };
  const keys: Key[] = [pair, { scope: "address", name: "", address }];
  const [known] = await db
    .select({ signedInAt: signInThrottles.signedInAt })
    .from(signInThrottles)
    .where(
      and(keyOf(tenantId, pair), gt(signInThrottles.signedInAt, new Date(now.getTime() - KNOWN_PAIR_MS))),
    );
  if (!known) keys.push({ scope: "name", name, address: "" });
  try {
    const claimed = await db.transaction(async (tx) => {
      const rows: Claimed[] = [];
      for (const key of keys) {
        const free = freeFailures(key.scope, policy);
        const row = await countFailure(tx, tenantId, key, free, policy, now);
        if (!row) throw new Refused();
        rows.push({ ...key, failures: row.failures, free });
      }
      return rows;
    });
    return { allowed: true, claimed };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
  }
  const [row] = await db
    .select({ until: sql<string>`max(${signInThrottles.nextAttemptAt})` })
    .from(signInThrottles)
    .where(and(or(...keys.map((key) => keyOf(tenantId, key))), gt(signInThrottles.nextAttemptAt, now)));
  // Refused means a wait was in force a moment ago; if it has just ended, a second is enough.
  const until = row?.until ? new Date(row.until) : new Date(now.getTime() + 1000);
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return { allowed: false, retryAfterSeconds, until };
}

/** One counter, one statement: raised only when its wait is over, the new wait set with it. */
async function countFailure(
  tx: DbOrTx,
  tenantId: string,
  key: Key,
  free: number,
  policy: ThrottlePolicy,
  now: Date,
) {
  const t = signInThrottles;
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  const counted = sql`(CASE WHEN ${t.lastFailureAt} IS NULL OR ${t.lastFailureAt} < ${at(forgetBefore)}
    THEN 1 ELSE ${t.failures} + 1 END)`;
  const capSeconds = policy.lockMinutes * 60;
  const firstWait = waitSeconds(1, free, policy);
  const [row] = await tx
    .insert(t)
    .values({
      tenantId,
      ...key,
      failures: 1,
      lastFailureAt: now,
      nextAttemptAt: firstWait > 0 ? new Date(now.getTime() + firstWait * 1000) : null,
    })
    .onConflictDoUpdate({
      target: [t.tenantId, t.scope, t.name, t.address],
      set: {
        failures: counted,
        lastFailureAt: now,
        nextAttemptAt: sql`CASE WHEN ${counted} >= ${free}
          THEN ${at(now)} + interval '1 second' * least(${capSeconds}::float8,
            ${FIRST_WAIT_SECONDS}::float8 * power(2::float8, least(${counted} - ${free}, 20)))
          ELSE NULL END`,
      },
      setWhere: or(isNull(t.nextAttemptAt), sql`${t.nextAttemptAt} <= ${at(now)}`),
    })
    .returning({ failures: t.failures });
  return row;
}

/** Gives back the counts of an attempt that was not a failure (right password, second step due). */
export async function giveBack(tx: DbOrTx, tenantId: string, claimed: Claimed[]): Promise<void> {
  const t = signInThrottles;
  for (const c of claimed) {
    await tx
      .update(t)
      .set({
        failures: sql`greatest(${t.failures} - 1, 0)`,
        nextAttemptAt: sql`CASE WHEN ${t.failures} - 1 >= ${c.free} THEN ${t.nextAttemptAt} ELSE NULL END`,
      })
      .where(keyOf(tenantId, c));
  }
}

/**
 * A successful sign-in: the pair starts again and is known from now on (its name's counter no
 * longer holds it back); the address and the name only get this attempt's count back, so that
 * signing in to one's own account does not wipe out failures on others or from elsewhere.
 */
export async function signedIn(tx: DbOrTx, tenantId: string, claimed: Claimed[]): Promise<void> {
  const pair = claimed.find((c) => c.scope === "pair");
  if (pair) {
    await tx
      .update(signInThrottles)
      .set({ failures: 0, lastFailureAt: null, nextAttemptAt: null, signedInAt: clock.now() })
      .where(keyOf(tenantId, pair));
  }
  await giveBack(
    tx,
    tenantId,
    claimed.filter((c) => c.scope !== "pair"),
  );
}

/** Until when sign-in is held back for each of these account names (by its name or a pair). */
export async function heldBackUntil(
  db: DbOrTx,
  tenantId: string,
  names: string[],
): Promise<Map<string, Date>> {
  const held = new Map<string, Date>();
  if (names.length === 0) return held;
  const rows = await db
    .select({ name: signInThrottles.name, until: signInThrottles.nextAttemptAt })
    .from(signInThrottles)
    .where(
      and(
        eq(signInThrottles.tenantId, tenantId),
        inArray(signInThrottles.name, names),
        inArray(signInThrottles.scope, ["name", "pair"]),
        gt(signInThrottles.nextAttemptAt, clock.now()),
      ),
    );
  for (const row of rows) {
    const previous = held.get(row.name);
    if (row.until && (!previous || row.until > previous)) held.set(row.name, row.until);
  }
  return held;
}

/** Every account name held back now, with until when (for the administrator's home page). */
export async function heldBackNames(db: DbOrTx, tenantId: string): Promise<Map<string, Date>> {
  const rows = await db
    .selectDistinct({ name: signInThrottles.name })
    .from(signInThrottles)
    .where(
      and(
        eq(signInThrottles.tenantId, tenantId),
        inArray(signInThrottles.scope, ["name", "pair"]),
        gt(signInThrottles.nextAttemptAt, clock.now()),
      ),
    );
  return heldBackUntil(
    db,
    tenantId,
    rows.map((row) => row.name),
  );
}

/**
 * An administrator lets a name sign in again: its own counter and every pair with it start over
 * (a pair that signed in before stays known). An address's counter is left as it is.
 */
export async function releaseName(tx: DbOrTx, tenantId: string, name: string): Promise<void> {
  const t = signInThrottles;
  const named = and(eq(t.tenantId, tenantId), eq(t.name, throttleName(name)));
  await tx.delete(t).where(and(named, eq(t.scope, "name")));
  await tx
    .update(t)
    .set({ failures: 0, lastFailureAt: null, nextAttemptAt: null })
    .where(and(named, eq(t.scope, "pair")));
}

/** Counters with nothing left to say: no wait in force, quiet for a day, not a known pair. */
export async function purgeStaleThrottles(db: DbOrTx): Promise<void> {
  const now = clock.now();
  const t = signInThrottles;
  await db
    .delete(t)
    .where(
      and(
        or(isNull(t.nextAttemptAt), lt(t.nextAttemptAt, now)),
        or(isNull(t.lastFailureAt), lt(t.lastFailureAt, new Date(now.getTime() - FORGET_AFTER_MS))),
        or(isNull(t.signedInAt), lt(t.signedInAt, new Date(now.getTime() - KNOWN_PAIR_MS))),
      ),
    );
}

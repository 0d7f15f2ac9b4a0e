import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { rateCounters } from "./tables.ts";

/**
 * Fixed one-hour windows counted in the database, so that every app server of a province
 * shares them. The bucket names a salted hash of the address or number, never the value.
 * The count is raised inside the request's transaction: a request that fails for another
 * reason does not use up the citizen's allowance.
 */
export const WINDOW_MS = 3600_000;
/** Daily budgets (bytes uploaded from one address) use the province's calendar day, UTC+7. */
export const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3600_000;
/** Buckets of daily budgets start with this, so purging keeps them for their whole day. */
export const DAILY = "day-";

function windowStartOf(now: Date, windowMs: number): Date {
  if (windowMs === DAY_MS) {
    const local = now.getTime() + VIETNAM_OFFSET_MS;
    return new Date(Math.floor(local / DAY_MS) * DAY_MS - VIETNAM_OFFSET_MS);
  }
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

export function bucket(kind: string, tenantId: string, value: string): string {
  return `${kind}:${createHash("sha256").update(`${tenantId}\u0000${kind}\u0000${value}`).digest("hex").slice(0, 32)}`;
}

export async function consume(
  tx: DbOrTx,
  tenantId: string,
  name: string,
  limit: number,
  now = clock.now(),
): Promise<void> {
  await consumeAmount(tx, tenantId, name, 1, limit, WINDOW_MS, now);
}

/**
 * Adds `amount` to the bucket's count for the window holding `now` (an hour, or with `DAY_MS` the
 * province's day, for a bucket named with `DAILY`), refusing with 429 once it passes `limit`.
 */
export async function consumeAmount(
  tx: DbOrTx,
  tenantId: string,
  name: string,
  amount: number,
  limit: number,
  windowMs: number,
  now = clock.now(),
): Promise<void> {
  const windowStart = windowStartOf(now, windowMs);
  const [row] = await tx
    .insert(rateCounters)
    .values({ tenantId, bucket: name, windowStart, count: amount })
    .onConflictDoUpdate({
      target: [rateCounters.tenantId, rateCounters.bucket, rateCounters.windowStart],
      set: { count: sql`${rateCounters.count} + ${amount}` },
    })
    .returning({ count: rateCounters.count });
  if (row.count > limit) {
    const seconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    throw rateLimited(seconds);
  }
}

/** Gives back one count taken by `consume` in the same window (`now` as given to it). */
export async function giveBack(tx: DbOrTx, tenantId: string, name: string, now = clock.now()): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  await tx
    .update(rateCounters)
    .set({ count: sql`greatest(${rateCounters.count} - 1, 0)` })
    .where(
      and(
        eq(rateCounters.tenantId, tenantId),
        eq(rateCounters.bucket, name),
        eq(rateCounters.windowStart, windowStart),
      ),
    );
}

export function rateLimited(seconds: number): AppError {
  const minutes = Math.ceil(seconds / 60);
  return new AppError(429, "petition_rate_limited", { minutes, seconds }, undefined, {
    retryAfterSeconds: seconds,
  });
}

export async function purgeOldCounters(tx: DbOrTx, now = clock.now()): Promise<void> {
  await tx.delete(rateCounters).where(
    sql`(${rateCounters.windowStart} < ${new Date(now.getTime() - 2 * WINDOW_MS)} AND ${rateCounters.bucket} NOT LIKE ${`${DAILY}%`})
        OR ${rateCounters.windowStart} < ${new Date(now.getTime() - 2 * DAY_MS)}`,
  );
}

import { createHash } from "node:crypto";
import type { FastifyReply } from "fastify";
import { AppError } from "../../lib/errors.ts";
import { canonicalJson } from "../audit/service.ts";
import type { SubmissionKind } from "./contact.ts";

/**
 * What every citizen's submission from the portal goes through before its module stores it: the
 * hidden honeypot field, the Idempotency-Key header and the hash of the body it is kept with, and
 * the Retry-After header on a refusal by the limits. Each module keeps its own table of keys.
 */

const KEY_FORMAT = /^[A-Za-z0-9_.:-]{8,200}$/;

const KEY_ERRORS = {
  petition: "petition_idempotency_key",
  civic: "civic_idempotency_key",
} as const satisfies Record<SubmissionKind, string>;

/** The Idempotency-Key header, when sent: 8–200 of A-Za-z0-9_.:- or a 400. */
export function checkIdempotencyKey(raw: string | string[] | undefined, kind: SubmissionKind): string | null {
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!KEY_FORMAT.test(key)) throw new AppError(400, KEY_ERRORS[kind], {}, "Idempotency-Key");
  return key;
}

/** The hidden field (`website`) is filled in: a robot, answered like a success, with nothing written. */
export function isHoneypot(body: { website?: string }): boolean {
  return body.website !== undefined && body.website.trim() !== "";
}

/**
 * What a retry with the same key must match: the body without the honeypot, in a canonical form,
 * prefixed with the scope where one table of keys serves several kinds of post.
 */
export function submissionBodyHash<T extends { website?: string }>(body: T, scope?: string): string {
  const { website: _honeypot, ...rest } = body;
  return createHash("sha256")
    .update(`${scope ? `${scope}:` : ""}${canonicalJson(rest)}`)
    .digest("hex");
}

/** Counted, never logged with content: how often the hidden field caught a robot, per kind of post. */
const honeypotCatches = new Map<string, number>();

export function countHoneypot(log: { info(obj: object, msg: string): void }, what: string): void {
  const count = (honeypotCatches.get(what) ?? 0) + 1;
  honeypotCatches.set(what, count);
  log.info({ honeypotCatches: count }, `${what} honeypot filled`);
}

/** A 429 from the database-backed limits carries Retry-After, as the global limiter's does. */
export async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.status === 429) {
      const details = error.details as { retryAfterSeconds?: number } | undefined;
      reply.header("retry-after", String(details?.retryAfterSeconds ?? 3600));
    }
    throw error;
  }
}

import { createHash, randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/connection.ts";
import { AppError } from "../../lib/errors.ts";
import {
  bucket,
  type ContactInput,
  type ContactKeys,
  checkIdempotencyKey as checkKey,
  consume,
  isHoneypot,
  normalizeContact as normalizeContactOf,
  type SpendContactCode,
  submissionBodyHash,
} from "../intake/public.ts";
import type { CivicDeps } from "./deps.ts";
import { civicIdempotency } from "./tables.ts";

/**
 * What a citizen's post to a dialogue or a consultation goes through, in one transaction:
 * the Idempotency-Key (a retry answers the first post's code, writing nothing), the hourly
 * limits per client address and per phone or e-mail (the intake's database-backed counters, so
 * every app server shares them), then the caller's insert. A filled honeypot is
 * answered like a success and writes nothing at all.
 */

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** "CH-7K3QP-M9XWA" (a question) or "GY-…" (a comment): ten random characters. */
export function newSubmissionCode(prefix: "CH" | "GY"): string {
  let body = "";
  for (let i = 0; i < 10; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${body.slice(0, 5)}-${body.slice(5)}`;
}

/** What is stored and looked up: the code in upper case without separators, hashed. */
export function submissionHash(code: string): string {
  const compact = code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "")
    .slice(0, 40);
  return createHash("sha256").update(`civic:${compact}`).digest("hex");
}

/** The Idempotency-Key header, when sent (the intake's rule, with the civic error code). */
export const checkIdempotencyKey = (raw: string | string[] | undefined) => checkKey(raw, "civic");

/** Name plus a phone (stored E.164) or an e-mail (lower case): at least one of the two. */
export const normalizeContact = (contact: ContactInput) => normalizeContactOf(contact, "civic");

export interface PublicPost {
  scope: "question" | "comment";
  ip: string;
  key: string | null;
  body: { website?: string } & Record<string, unknown>;
  contact: ContactKeys;
  /**
   * Spends the contact's one-time code inside the post's transaction, where the province requires
   * one (CONTACT_CONFIRMATION=on): the intake's `contactProof`, the same code as a petition's.
   */
  confirm?: SpendContactCode;
}

export interface PostOutcome {
  trackingCode: string;
  replayed: boolean;
  honeypot: boolean;
}

export async function publicPost(
  deps: CivicDeps,
  post: PublicPost,
  insert: (tx: Tx, trackingCode: string) => Promise<void>,
): Promise<PostOutcome> {
  const prefix = post.scope === "question" ? "CH" : "GY";
  if (isHoneypot(post.body))
    return { trackingCode: newSubmissionCode(prefix), replayed: false, honeypot: true };
  const tenantId = deps.tenant.id;
  const hash = submissionBodyHash(post.body, post.scope);
  const trackingCode = newSubmissionCode(prefix);
  return deps.database.db.transaction(async (raw) => {
    const tx = raw as Tx;
    if (post.key) {
      const stored = await tx
        .insert(civicIdempotency)
        .values({ tenantId, key: post.key, bodyHash: hash, trackingCode })
        .onConflictDoNothing()
        .returning({ key: civicIdempotency.key });
      if (stored.length === 0) {
        const [previous] = await tx
          .select()
          .from(civicIdempotency)
          .where(and(eq(civicIdempotency.tenantId, tenantId), eq(civicIdempotency.key, post.key)));
        if (!previous || previous.bodyHash !== hash) throw new AppError(409, "idempotency_mismatch");
        return { trackingCode: previous.trackingCode, replayed: true, honeypot: false };
      }
    }
    if (post.confirm) await post.confirm(tx);
    try {
      await consume(
        tx,
        tenantId,
        bucket(`${post.scope}-ip`, tenantId, post.ip),
        deps.settings.rateLimitIp,
        deps.now(),
      );
      const who = post.contact.phone ?? post.contact.email ?? "";
      await consume(
        tx,
        tenantId,
        bucket(`${post.scope}-contact`, tenantId, who),
        deps.settings.rateLimitContact,
        deps.now(),
      );
    } catch (error) {
      if (error instanceof AppError && error.status === 429) {
        throw new AppError(429, "civic_rate_limited", error.params, undefined, error.details);
      }
      throw error;
    }
    await insert(tx, trackingCode);
    return { trackingCode, replayed: false, honeypot: false };
  });
}

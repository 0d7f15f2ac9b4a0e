import { createHash, randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/connection.ts";
import type { AppContext } from "../../http/context.ts";
import { AppError } from "../../lib/errors.ts";
import { canonicalJson } from "../audit/service.ts";
import { normalizeVietnamesePhone } from "../petitions/contact.ts";
import { petitionDeps } from "../petitions/deps.ts";
import { contactConfirmation, useContactCode, verifyContactCode } from "../petitions/otp.ts";
import { bucket, consume } from "../petitions/rate-limit.ts";
import type { CivicDeps } from "./deps.ts";
import { civicIdempotency } from "./tables.ts";

/**
 * What a citizen's post to a dialogue or a consultation goes through, in one transaction:
 * the Idempotency-Key (a retry answers the first post's code, writing nothing), the hourly
 * limits per client address and per phone or e-mail (the petitions module's database-backed
 * counters, so every app server shares them), then the caller's insert. A filled honeypot is
 * answered like a success and writes nothing at all.
 */

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const KEY_FORMAT = /^[A-Za-z0-9_.:-]{8,200}$/;

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

export function checkIdempotencyKey(raw: string | string[] | undefined): string | null {
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!KEY_FORMAT.test(key)) throw new AppError(400, "civic_idempotency_key", {}, "Idempotency-Key");
  return key;
}

export interface CivicContactInput {
  name: string;
  phone?: string;
  email?: string;
}

/** Name plus a phone (stored E.164) or an e-mail (lower case): at least one of the two. */
export function normalizeContact(contact: CivicContactInput) {
  const phone = contact.phone ? normalizeVietnamesePhone(contact.phone) : null;
  if (contact.phone && !phone) throw new AppError(400, "civic_phone_invalid", {}, "contact.phone");
  const email = contact.email ?? null;
  if (!phone && !email) throw new AppError(400, "civic_contact_missing", {}, "contact.phone");
  return { name: contact.name.normalize("NFC"), phone, email };
}

export interface PublicPost {
  scope: "question" | "comment";
  ip: string;
  key: string | null;
  body: { website?: string } & Record<string, unknown>;
  contact: { phone: string | null; email: string | null };
  /** Spends the contact's one-time code inside the post's transaction, where one is required. */
  confirm?: (tx: DbOrTx) => Promise<void>;
}

/**
 * Where the province requires it (CONTACT_CONFIRMATION=on), a question or a comment needs the same
 * one-time code as a petition: checked here, spent in the post's transaction. A robot filling the
 * honeypot is not asked for one (it gets its usual silent answer).
 */
export async function contactProof(
  ctx: AppContext,
  logger: Parameters<typeof contactConfirmation>[1],
  body: { website?: string; contactCode?: string },
  contact: { phone: string | null; email: string | null },
): Promise<PublicPost["confirm"]> {
  const confirmation = contactConfirmation(ctx, logger);
  if (!confirmation.settings.required || isHoneypot(body)) return undefined;
  const codeId = await verifyContactCode(petitionDeps(ctx), confirmation, contact, body.contactCode);
  return (tx) => useContactCode(tx, codeId);
}

export interface PostOutcome {
  trackingCode: string;
  replayed: boolean;
  honeypot: boolean;
}

export function isHoneypot(body: { website?: string }): boolean {
  return body.website !== undefined && body.website.trim() !== "";
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
  const { website: _hidden, ...rest } = post.body;
  const hash = createHash("sha256")
    .update(`${post.scope}:${canonicalJson(rest)}`)
    .digest("hex");
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

import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { ContactConfirmationSettings } from "../../config-sections.ts";
import type { DbOrTx } from "../../db/connection.ts";
import type { AppContext } from "../../http/context.ts";
import { clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { type ContactKeys, normalizeVietnamesePhone } from "./contact.ts";
import { type IntakeDeps, intakeDeps } from "./deps.ts";
import { bucket, consume } from "./rate-limit.ts";
import { maskPhone, type SmsLogger, type SmsSender, smsSender } from "./sms.ts";
import { isHoneypot } from "./submission.ts";
import { contactCodes } from "./tables.ts";

/**
 * Confirmation of a citizen's phone number or e-mail by a one-time code, before a petition (from
 * the portal or Open311), a dialogue question or a consultation comment is received — when the
 * province turns it on (CONTACT_CONFIRMATION=on), as it should in production. The code goes by
 * SMS (sms.ts) or e-mail (the server's mailer), is stored only as a salted hash, expires, takes a
 * few wrong tries, and is used once: inside the submission's transaction, so a submission refused
 * for another reason leaves the code usable.
 */

export interface ContactConfirmation {
  settings: ContactConfirmationSettings;
  sms: SmsSender;
}

const built = new WeakMap<AppContext, ContactConfirmation>();

/** Built once per app, at start, from the server's configuration (CONTACT_CONFIRMATION, SMS_GATEWAY_URL …). */
export function contactConfirmation(ctx: AppContext, logger: SmsLogger): ContactConfirmation {
  let found = built.get(ctx);
  if (!found) {
    const { settings } = intakeDeps(ctx);
    found = { settings: settings.confirmation, sms: smsSender(settings.sms, logger) };
    built.set(ctx, found);
  }
  return found;
}

type Channel = "sms" | "email";

/** The contact as the intake stores it: +84… or a lower-case e-mail. */
function contactOf(input: { phone?: string | null; email?: string | null }): {
  value: string;
  channel: Channel;
} {
  if (input.phone) {
    const phone = normalizeVietnamesePhone(input.phone);
    if (!phone) throw new AppError(400, "petition_phone_invalid", {}, "phone");
    return { value: phone, channel: "sms" };
  }
  if (input.email) return { value: input.email.trim().toLowerCase(), channel: "email" };
  throw new AppError(400, "petition_contact_missing", {}, "phone");
}

const contactHash = (tenantId: string, value: string) =>
  createHash("sha256").update(`contact-code\u0000${tenantId}\u0000${value}`).digest("hex");
const codeHash = (salt: string, code: string) =>
  createHash("sha256").update(`${salt}\u0000${code}`).digest("hex");

function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}

export function codeMessage(code: string, minutes: number) {
  return {
    subject: `Mã xác nhận Đồng Thuận: ${code}`,
    text: [
      `Mã xác nhận của ông/bà là ${code}, có hiệu lực ${minutes} phút. Không chia sẻ mã này với ai.`,
      "Nếu ông/bà không gửi phản ánh, kiến nghị, xin bỏ qua thư này.",
      "",
      `Your confirmation code is ${code}, valid for ${minutes} minutes. Do not share it.`,
    ].join("\n"),
    sms: `Dong Thuan: ma xac nhan ${code}, hieu luc ${minutes} phut. Khong chia se ma nay.`,
  };
}

/**
 * Sends a fresh code to a phone or an e-mail. The limits per client address and per contact are
 * counted in the database with the code, before sending; a code that could not be sent is
 * removed, and the citizen is told to try again.
 */
export async function issueContactCode(
  deps: Pick<IntakeDeps, "database" | "tenant" | "mailer">,
  confirmation: ContactConfirmation,
  input: { phone?: string; email?: string },
  ip: string,
  now = clock.now(),
): Promise<{ channel: Channel; sentTo: string; expiresInMinutes: number }> {
  const { settings } = confirmation;
  if (!settings.required) throw new AppError(409, "contact_confirmation_off");
  const tenantId = deps.tenant.id;
  const contact = contactOf(input);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const salt = randomBytes(16).toString("hex");
  const id = await deps.database.db.transaction(async (tx) => {
    await consume(tx, tenantId, bucket("code-ip", tenantId, ip), settings.rateLimitIp, now);
    await consume(
      tx,
      tenantId,
      bucket("code-contact", tenantId, contact.value),
      settings.rateLimitContact,
      now,
    );
    const [row] = await tx
      .insert(contactCodes)
      .values({
        tenantId,
        contactHash: contactHash(tenantId, contact.value),
        channel: contact.channel,
        salt,
        codeHash: codeHash(salt, code),
        createdAt: now,
        expiresAt: new Date(now.getTime() + settings.ttlMinutes * 60_000),
      })
      .returning({ id: contactCodes.id });
    return row.id;
  });
  const message = codeMessage(code, settings.ttlMinutes);
  try {
    if (contact.channel === "email") {
      await deps.mailer.send({ to: contact.value, subject: message.subject, text: message.text });
    } else {
      await confirmation.sms.send(contact.value, message.sms);
    }
  } catch (error) {
    await deps.database.db.delete(contactCodes).where(eq(contactCodes.id, id));
    throw new AppError(502, "contact_code_send_failed", {}, undefined, { cause: (error as Error).message });
  }
  return {
    channel: contact.channel,
    sentTo: contact.channel === "sms" ? maskPhone(contact.value) : maskEmail(contact.value),
    expiresInMinutes: settings.ttlMinutes,
  };
}

/**
 * Checks the code against the latest one sent to the submission's phone or e-mail, and answers
 * its id for `useContactCode` inside the submission's transaction. A wrong code is counted at once
 * (its own statement, committed whatever the intake does), so guessing stops after a few tries.
 */
export async function verifyContactCode(
  deps: Pick<IntakeDeps, "database" | "tenant">,
  confirmation: ContactConfirmation,
  contact: ContactKeys,
  code: string | undefined,
  now = clock.now(),
): Promise<string> {
  const max = confirmation.settings.attempts;
  const tenantId = deps.tenant.id;
  if (!code || !/^\d{6}$/.test(code.trim()))
    throw new AppError(400, "contact_code_required", {}, "contactCode");
  const hashes = [contact.phone, contact.email]
    .filter((value): value is string => !!value)
    .map((value) => contactHash(tenantId, value));
  const db = deps.database.db;
  const [row] = await db
    .select()
    .from(contactCodes)
    .where(
      and(
        eq(contactCodes.tenantId, tenantId),
        inArray(contactCodes.contactHash, hashes),
        gt(contactCodes.expiresAt, now),
      ),
    )
    .orderBy(desc(contactCodes.createdAt))
    .limit(1);
  if (!row) throw new AppError(400, "contact_code_expired", {}, "contactCode");
  if (row.attempts >= max) throw new AppError(400, "contact_code_attempts", {}, "contactCode");
  const given = Buffer.from(codeHash(row.salt, code.trim()), "hex");
  if (!timingSafeEqual(given, Buffer.from(row.codeHash, "hex"))) {
    const [counted] = await db
      .update(contactCodes)
      .set({ attempts: sql`${contactCodes.attempts} + 1` })
      .where(and(eq(contactCodes.id, row.id), lt(contactCodes.attempts, max)))
      .returning({ attempts: contactCodes.attempts });
    const left = counted ? max - counted.attempts : 0;
    if (left <= 0) throw new AppError(400, "contact_code_attempts", {}, "contactCode");
    throw new AppError(400, "contact_code_wrong", { left }, "contactCode");
  }
  return row.id;
}

/** Spends the code inside the submission's transaction: a second submission with it is refused. */
export async function useContactCode(tx: DbOrTx, id: string, now = clock.now()): Promise<void> {
  const used = await tx
    .update(contactCodes)
    .set({ usedAt: now })
    .where(and(eq(contactCodes.id, id), isNull(contactCodes.usedAt)))
    .returning({ id: contactCodes.id });
  if (used.length === 0) throw new AppError(400, "contact_code_used", {}, "contactCode");
}

/** Codes are worth nothing after they expire; the daily clean-up may drop them a day later. */
export async function purgeContactCodes(db: DbOrTx, now = clock.now()): Promise<void> {
  await db.delete(contactCodes).where(lt(contactCodes.expiresAt, new Date(now.getTime() - 24 * 3600_000)));
}

/** Spends a checked code inside the submission's transaction. */
export type SpendContactCode = (tx: DbOrTx) => Promise<void>;

/**
 * Where the province requires it, checks the code sent with a submission and answers how to spend
 * it in the submission's transaction; undefined where none is needed. A robot filling the
 * honeypot is not asked for one (it gets its usual silent answer), and `contact` is only read
 * when a code is checked.
 */
export async function contactProof(
  ctx: AppContext,
  logger: SmsLogger,
  body: { website?: string; contactCode?: string },
  contact: () => ContactKeys,
): Promise<SpendContactCode | undefined> {
  const confirmation = contactConfirmation(ctx, logger);
  if (!confirmation.settings.required || isHoneypot(body)) return undefined;
  const codeId = await verifyContactCode(intakeDeps(ctx), confirmation, contact(), body.contactCode);
  return (tx) => useContactCode(tx, codeId);
}

import { AppError } from "../../lib/errors.ts";

/**
 * Vietnamese phone numbers, normalised to E.164 (+84…) so that one person's "0912 345 678",
 * "+84 912.345.678" and "84912345678" are the same number for limits and duplicate checks.
 *
 * Accepted: mobile numbers (0 + 3|5|7|8|9 + 8 digits, the plan of Thông tư 22/2014/TT-BTTTT
 * after the 2018 change of prefixes) and landlines (02 + 9 digits, after the 2017 change of
 * area codes).
 */
export function normalizeVietnamesePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, "");
  let national: string;
  if (/^\+84\d+$/.test(compact)) national = `0${compact.slice(3)}`;
  else if (/^0084\d+$/.test(compact)) national = `0${compact.slice(4)}`;
  else if (/^84\d{9,10}$/.test(compact)) national = `0${compact.slice(2)}`;
  else if (/^0\d+$/.test(compact)) national = compact;
  else return null;
  // A national number written after +84 sometimes keeps its leading 0: "+84 0912…".
  if (national.startsWith("00")) national = national.slice(1);
  const mobile = /^0[35789]\d{8}$/.test(national);
  const landline = /^02\d{9}$/.test(national);
  if (!mobile && !landline) return null;
  return `+84${national.slice(1)}`;
}

/** The number as Vietnamese readers write it: 0912 345 678. */
export function formatVietnamesePhone(e164: string): string {
  const national = `0${e164.replace(/^\+84/, "")}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
}

/** Does what the citizen typed now name the contact they gave at intake? */
export function contactMatches(
  proof: string,
  stored: { phone: string | null; email: string | null },
): boolean {
  const trimmed = proof.trim();
  if (trimmed.includes("@")) return stored.email !== null && trimmed.toLowerCase() === stored.email;
  const phone = normalizeVietnamesePhone(trimmed);
  return phone !== null && stored.phone !== null && phone === stored.phone;
}

/** The name and the ways to answer a citizen, as a petition, a question or a comment carries them. */
export interface ContactInput {
  name: string;
  phone?: string;
  email?: string;
}

/** The ways to answer as stored: a phone in E.164, an e-mail in lower case. */
export interface ContactKeys {
  phone: string | null;
  email: string | null;
}

/**
 * Each kind of submission keeps its own error codes (its messages and the portal's handling were
 * written for them), while the rules are one.
 */
const CONTACT_ERRORS = {
  petition: { phone: "petition_phone_invalid", missing: "petition_contact_missing" },
  civic: { phone: "civic_phone_invalid", missing: "civic_contact_missing" },
} as const;

export type SubmissionKind = keyof typeof CONTACT_ERRORS;

/** Name plus a phone (stored E.164) or an e-mail: at least one of the two. */
export function normalizeContact(
  contact: ContactInput,
  kind: SubmissionKind,
): ContactKeys & { name: string } {
  const codes = CONTACT_ERRORS[kind];
  const phone = contact.phone ? normalizeVietnamesePhone(contact.phone) : null;
  if (contact.phone && !phone) throw new AppError(400, codes.phone, {}, "contact.phone");
  const email = contact.email ?? null;
  if (!phone && !email) throw new AppError(400, codes.missing, {}, "contact.phone");
  return { name: contact.name.normalize("NFC"), phone, email };
}

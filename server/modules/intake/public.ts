// What other modules use of the intake: import from here, not from the files behind it.

export {
  type ContactInput,
  type ContactKeys,
  contactMatches,
  formatVietnamesePhone,
  normalizeContact,
  normalizeVietnamesePhone,
  type SubmissionKind,
} from "./contact.ts";
export { type IntakeDeps, type IntakeSettings, intakeDeps } from "./deps.ts";
export { MASK, type MaskOptions, maskPersonalData } from "./mask.ts";
export {
  type ContactConfirmation,
  contactConfirmation,
  contactProof,
  purgeContactCodes,
  type SpendContactCode,
  useContactCode,
  verifyContactCode,
} from "./otp.ts";
export {
  bucket,
  consume,
  consumeAmount,
  DAILY,
  DAY_MS,
  giveBack,
  purgeOldCounters,
  rateLimited,
  WINDOW_MS,
} from "./rate-limit.ts";
export {
  checkIdempotencyKey,
  countHoneypot,
  isHoneypot,
  submissionBodyHash,
  withRetryAfter,
} from "./submission.ts";

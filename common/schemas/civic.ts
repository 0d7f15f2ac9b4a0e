import { z } from "zod";

/**
 * What dialogues and public consultations share: the moderation of what citizens send (a
 * question for a dialogue, a comment on a draft) and the public contact they give.
 */

/** Why a question or comment is not published (PRODUCT.md, "moderation queue with reasons"). */
export const MODERATION_REASONS = ["offensive", "off_topic", "personal_data", "duplicate", "other"] as const;
export type ModerationReason = (typeof MODERATION_REASONS)[number];

export const MODERATION_STATUSES = ["pending", "published", "rejected"] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

/** Name plus a phone number or an e-mail: at least one of the two is checked by the service. */
export const CivicContact = z.strictObject({
  name: z.string().trim().min(1).max(200),
  phone: z.string().trim().min(6).max(30).optional(),
  email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
});

/** The one-time code sent to the contact, where the province requires one (as for petitions). */
export const ContactCode = z.string().trim().max(20).optional();

/** A reason from the list; "other" needs a note (checked by the service, which names the field). */
export const ModerationBody = z.strictObject({
  decision: z.enum(["publish", "reject"]),
  reason: z.enum(MODERATION_REASONS).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type ModerationBody = z.infer<typeof ModerationBody>;

/** What the author of a question or comment sees with the code they were given. */
export const SubmissionStatus = z.object({
  trackingCode: z.string(),
  status: z.enum(MODERATION_STATUSES),
  reason: z.enum(MODERATION_REASONS).nullable(),
  answered: z.boolean(),
  submittedAt: z.string(),
});
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

export const SubmitResult = z.object({ trackingCode: z.string(), status: z.enum(MODERATION_STATUSES) });

export const Moderation = z.object({
  status: z.enum(MODERATION_STATUSES),
  reason: z.enum(MODERATION_REASONS).nullable(),
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string().nullable(),
});

import { z } from "zod";
import { CivicContact, ContactCode, Moderation } from "./civic.ts";

/** Public consultation on draft policies (PRODUCT.md, module 8; the plan's II.7). */

/** Stored: draft or published. Shown: draft, upcoming (published, not yet open), open, closed. */
export const CONSULTATION_PHASES = ["draft", "upcoming", "open", "closed"] as const;
export type ConsultationPhase = (typeof CONSULTATION_PHASES)[number];

/** Who a comment comes from: a citizen, a unit (sở, xã …), or the Fatherland Front. */
export const AUTHOR_KINDS = ["citizen", "unit", "front"] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

/** The drafting agency's answer to a comment (tiếp thu / tiếp thu một phần / không tiếp thu). */
export const RESPONSE_RESULTS = ["accepted", "partly", "not_accepted"] as const;
export type ResponseResult = (typeof RESPONSE_RESULTS)[number];

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const isoDate = z.iso.date();

export const SectionInput = z.strictObject({ heading: text(1, 500), text: z.string().trim().max(50_000) });

const consultationFields = {
  title: text(5, 500),
  summary: z.string().trim().max(10_000),
  draftingUnitId: z.string().uuid(),
  opensOn: isoDate,
  closesOn: isoDate,
  sections: z.array(SectionInput).min(1).max(300),
};

export const ConsultationInput = z.strictObject({
  ...consultationFields,
  summary: consultationFields.summary.default(""),
});
export type ConsultationInput = z.infer<typeof ConsultationInput>;

/** Only what is sent changes; `sections`, when sent, replace the draft's sections. */
export const ConsultationPatch = z
  .strictObject(consultationFields)
  .partial()
  .extend({ version: z.number().int().min(1) });
export type ConsultationPatch = z.infer<typeof ConsultationPatch>;

export const ConsultationSummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  summary: z.string(),
  draftingUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  opensOn: z.string(),
  closesOn: z.string(),
  phase: z.enum(CONSULTATION_PHASES),
  comments: z.object({
    pending: z.number().int(),
    published: z.number().int(),
    answered: z.number().int(),
    rejected: z.number().int(),
  }),
});
export type ConsultationSummary = z.infer<typeof ConsultationSummary>;

export const Section = z.object({
  id: z.string().uuid(),
  position: z.number().int(),
  heading: z.string(),
  text: z.string(),
});
export type Section = z.infer<typeof Section>;

export const CommentResponse = z.object({
  result: z.enum(RESPONSE_RESULTS),
  explanation: z.string(),
  by: z.string().nullable(),
  at: z.string(),
});

export const Comment = z.object({
  id: z.string().uuid(),
  sectionId: z.string().uuid(),
  authorKind: z.enum(AUTHOR_KINDS),
  /** A person's name for citizens (managers only), the body's name for units and the Front. */
  authorName: z.string().nullable(),
  authorPhone: z.string().nullable(),
  authorEmail: z.string().nullable(),
  channel: z.enum(["portal", "staff"]),
  text: z.string(),
  moderation: Moderation,
  response: CommentResponse.nullable(),
  submittedAt: z.string(),
});
export type Comment = z.infer<typeof Comment>;

export const CONSULTATION_ACTIONS = ["edit", "publish", "moderate", "answer", "comment", "report"] as const;

export const ConsultationDetail = ConsultationSummary.extend({
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  sections: z.array(Section),
  commentList: z.array(Comment),
  actions: z.array(z.enum(CONSULTATION_ACTIONS)),
});
export type ConsultationDetail = z.infer<typeof ConsultationDetail>;

export const ConsultationListQuery = z.strictObject({
  phase: z.enum(CONSULTATION_PHASES).optional(),
});

/** A comment a unit or the Front sent in writing, entered by staff: published at once. */
export const StaffCommentCreate = z.strictObject({
  sectionId: z.string().uuid(),
  authorKind: z.enum(AUTHOR_KINDS),
  authorName: text(2, 300),
  text: text(5, 10_000),
});

export const PublicCommentCreate = z.strictObject({
  sectionId: z.string().uuid(),
  text: text(10, 5000),
  /** A citizen writes as themself; a body (a union, an association) may name itself. */
  organisation: text(2, 300).optional(),
  contact: CivicContact,
  contactCode: ContactCode,
  website: z.string().max(500).optional(),
});
export type PublicCommentCreate = z.infer<typeof PublicCommentCreate>;

export const ResponseBody = z.strictObject({
  result: z.enum(RESPONSE_RESULTS),
  explanation: text(5, 10_000),
});

export const SplitBody = z.strictObject({ text: z.string().max(500_000) });

// --- The public portal ------------------------------------------------------------------------

export const PublicConsultation = z.object({
  id: z.string().uuid(),
  title: z.string(),
  summary: z.string(),
  draftingUnit: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  phase: z.enum(["upcoming", "open", "closed"]),
  publishedComments: z.number().int(),
});
export type PublicConsultation = z.infer<typeof PublicConsultation>;

export const PublicComment = z.object({
  id: z.string().uuid(),
  authorKind: z.enum(AUTHOR_KINDS),
  /** The body's name for units and the Front; null for citizens (their names are not shown). */
  authorName: z.string().nullable(),
  /** Personal data masked. */
  text: z.string(),
  submittedAt: z.string(),
  response: z
    .object({ result: z.enum(RESPONSE_RESULTS), explanation: z.string(), at: z.string() })
    .nullable(),
});

export const PublicConsultationDetail = PublicConsultation.extend({
  sections: z.array(
    z.object({
      id: z.string().uuid(),
      position: z.number().int(),
      heading: z.string(),
      text: z.string(),
      comments: z.array(PublicComment),
    }),
  ),
});
export type PublicConsultationDetail = z.infer<typeof PublicConsultationDetail>;

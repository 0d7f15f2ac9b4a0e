import { z } from "zod";
import { CivicContact, ContactCode, MODERATION_STATUSES, Moderation } from "./civic.ts";

/** Dialogues between leaders and citizens (PRODUCT.md, module 7; the plan's II.3, II.4). */

export const DIALOGUE_STATUSES = ["scheduled", "held", "cancelled"] as const;
export type DialogueStatus = (typeof DIALOGUE_STATUSES)[number];

/** Stored: open or done. Shown: open, overdue (open past its due date) or done. */
export const COMMITMENT_STATES = ["open", "overdue", "done"] as const;
export type CommitmentState = (typeof COMMITMENT_STATES)[number];

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const isoDate = z.iso.date();

export const DialogueInput = z.strictObject({
  title: text(3, 300),
  topic: text(3, 4000),
  /** The leader who answers: a position, e.g. "Chủ tịch UBND tỉnh" (a name is optional). */
  leader: text(2, 300),
  place: text(2, 300),
  startsAt: z.iso.datetime({ offset: true }),
  /** The unit that organises it and answers for it. */
  hostUnitId: z.string().uuid(),
  /** The communes (or other units) concerned. */
  communeIds: z.array(z.string().uuid()).max(100).default([]),
});
export type DialogueInput = z.infer<typeof DialogueInput>;

export const DialoguePatch = DialogueInput.partial().extend({
  status: z.enum(DIALOGUE_STATUSES).optional(),
  /** The minutes (biên bản): what was asked and answered, recorded after the dialogue. */
  minutes: z.string().trim().max(100_000).optional(),
  version: z.number().int().min(1),
});
export type DialoguePatch = z.infer<typeof DialoguePatch>;

export const DialogueSummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  topic: z.string(),
  leader: z.string(),
  place: z.string(),
  startsAt: z.string(),
  status: z.enum(DIALOGUE_STATUSES),
  hostUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  communes: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  questions: z.object({ pending: z.number().int(), published: z.number().int(), total: z.number().int() }),
  commitments: z.object({ open: z.number().int(), overdue: z.number().int(), done: z.number().int() }),
});
export type DialogueSummary = z.infer<typeof DialogueSummary>;

export const Question = z.object({
  id: z.string().uuid(),
  text: z.string(),
  channel: z.enum(["portal", "staff"]),
  /** Only for the dialogue's managers; masked fields stay null for others. */
  askerName: z.string().nullable(),
  askerPhone: z.string().nullable(),
  askerEmail: z.string().nullable(),
  commune: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  moderation: Moderation,
  answer: z.string().nullable(),
  submittedAt: z.string(),
});
export type Question = z.infer<typeof Question>;

export const Commitment = z.object({
  id: z.string().uuid(),
  dialogueId: z.string().uuid(),
  dialogueTitle: z.string(),
  questionId: z.string().uuid().nullable(),
  text: z.string(),
  ownerUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  dueDate: z.string(),
  state: z.enum(COMMITMENT_STATES),
  closingNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  actions: z.array(z.enum(["close", "reopen"])),
});
export type Commitment = z.infer<typeof Commitment>;

export const DIALOGUE_ACTIONS = ["edit", "moderate", "answer", "commit"] as const;

export const DialogueDetail = DialogueSummary.extend({
  minutes: z.string().nullable(),
  version: z.number().int(),
  questionList: z.array(Question),
  commitmentList: z.array(Commitment),
  actions: z.array(z.enum(DIALOGUE_ACTIONS)),
});
export type DialogueDetail = z.infer<typeof DialogueDetail>;

export const DialogueListQuery = z.strictObject({
  when: z.enum(["upcoming", "past", "all"]).default("all"),
  q: z.string().trim().max(200).optional(),
});

export const StaffQuestionCreate = z.strictObject({
  /** A question raised at the dialogue itself or received by letter, entered by staff. */
  text: text(5, 4000),
  askerName: text(1, 200).optional(),
  communeId: z.string().uuid().optional(),
});

export const PublicQuestionCreate = z.strictObject({
  text: text(10, 4000),
  communeId: z.string().uuid().optional(),
  contact: CivicContact,
  contactCode: ContactCode,
  /** A field people never see: filled in, it marks a robot (a honeypot). */
  website: z.string().max(500).optional(),
});
export type PublicQuestionCreate = z.infer<typeof PublicQuestionCreate>;

export const AnswerQuestionBody = z.strictObject({ answer: text(2, 20_000) });

/** Due on a date, or in N working days from today (the Vietnamese working-day calendar). */
export const CommitmentCreate = z.strictObject({
  text: text(5, 4000),
  ownerUnitId: z.string().uuid(),
  dueDate: isoDate.optional(),
  dueInWorkingDays: z.number().int().min(1).max(750).optional(),
  questionId: z.string().uuid().optional(),
});
export type CommitmentCreate = z.infer<typeof CommitmentCreate>;

export const CommitmentClose = z.strictObject({ note: text(5, 4000) });

export const CommitmentListQuery = z.strictObject({
  ownerUnitId: z.string().uuid().optional(),
  state: z.enum(COMMITMENT_STATES).optional(),
  dialogueId: z.string().uuid().optional(),
});

// --- The public portal ------------------------------------------------------------------------

export const PublicCommitment = z.object({
  id: z.string().uuid(),
  dialogueId: z.string().uuid(),
  dialogueTitle: z.string(),
  text: z.string(),
  ownerUnit: z.string(),
  dueDate: z.string(),
  state: z.enum(COMMITMENT_STATES),
  closingNote: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type PublicCommitment = z.infer<typeof PublicCommitment>;

export const PublicDialogue = z.object({
  id: z.string().uuid(),
  title: z.string(),
  topic: z.string(),
  leader: z.string(),
  place: z.string(),
  startsAt: z.string(),
  status: z.enum(DIALOGUE_STATUSES),
  hostUnit: z.string(),
  communes: z.array(z.string()),
  /** Questions are taken from the portal while the dialogue is scheduled and not yet begun. */
  acceptsQuestions: z.boolean(),
  publishedQuestions: z.number().int(),
});
export type PublicDialogue = z.infer<typeof PublicDialogue>;

export const PublicDialogueDetail = PublicDialogue.extend({
  /** Personal data masked. */
  minutes: z.string().nullable(),
  questions: z.array(
    z.object({
      id: z.string().uuid(),
      text: z.string(),
      answer: z.string().nullable(),
      submittedAt: z.string(),
    }),
  ),
  commitments: z.array(PublicCommitment),
});
export type PublicDialogueDetail = z.infer<typeof PublicDialogueDetail>;

export { MODERATION_STATUSES };

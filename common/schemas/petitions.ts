import { z } from "zod";

/**
 * Citizens' petitions (PRODUCT.md, module 6): phản ánh, kiến nghị, and khiếu nại / tố cáo as
 * kinds with their own legal clocks. Shared by the API, the portal and the staff screens.
 */

export const PETITION_KINDS = ["phan-anh", "kien-nghi", "khieu-nai", "to-cao"] as const;
export type PetitionKind = (typeof PETITION_KINDS)[number];

/** How a petition reached the province; staff choose among the first five. */
export const STAFF_CHANNELS = ["portal", "letter", "reception", "hotline", "email"] as const;
export const PETITION_CHANNELS = [...STAFF_CHANNELS, "open311"] as const;
export type PetitionChannel = (typeof PETITION_CHANNELS)[number];

/**
 * Closing states are separate on purpose: "closed_resolved" and "closed_unresolved" (with its
 * reason) cannot be added up into one flattering closure rate.
 */
export const PETITION_STATUSES = [
  "received",
  "assigned",
  "accepted",
  "answered",
  "closed_resolved",
  "closed_unresolved",
  "refused",
  "merged",
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];
export const CLOSED_STATUSES: readonly PetitionStatus[] = [
  "closed_resolved",
  "closed_unresolved",
  "refused",
  "merged",
];

/** Categories, which are also the Open311 service codes. */
export const PETITION_CATEGORIES = [
  { code: "ha-tang", vi: "Giao thông, xây dựng, hạ tầng đô thị", en: "Roads, construction, urban works" },
  { code: "dat-dai", vi: "Đất đai", en: "Land" },
  { code: "moi-truong", vi: "Môi trường, rác thải", en: "Environment, waste" },
  { code: "nong-nghiep", vi: "Nông nghiệp, thủy lợi", en: "Farming, irrigation" },
  { code: "giao-duc", vi: "Giáo dục", en: "Education" },
  { code: "y-te", vi: "Y tế, bảo hiểm y tế", en: "Health, health insurance" },
  { code: "an-sinh", vi: "Chính sách xã hội, lao động", en: "Social allowances, labour" },
  { code: "an-ninh", vi: "An ninh, trật tự", en: "Public order, security" },
  { code: "van-hoa", vi: "Văn hóa, du lịch, tiếng ồn", en: "Culture, tourism, noise" },
  { code: "dien-nuoc", vi: "Điện, nước sinh hoạt", en: "Electricity, water supply" },
  { code: "hanh-chinh", vi: "Thủ tục hành chính, cán bộ", en: "Administrative procedures, officials" },
  { code: "khac", vi: "Khác", en: "Other" },
] as const;
export const CATEGORY_CODES = PETITION_CATEGORIES.map((c) => c.code) as [string, ...string[]];

export const CLOCK_PURPOSES = ["route", "accept", "resolve", "answer", "appeal"] as const;
export type ClockPurpose = (typeof CLOCK_PURPOSES)[number];
export const CLOCK_STARTS = ["received", "accepted", "decision"] as const;
export type ClockStart = (typeof CLOCK_STARTS)[number];
export const CLOCK_FLAGS = [
  "complex",
  "veryComplex",
  "remoteArea",
  "severalPlaces",
  "secondInstance",
] as const;
export type ClockFlag = (typeof CLOCK_FLAGS)[number];

const text = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.date();

export const PetitionContact = z.strictObject({
  name: z.string().trim().min(1).max(200),
  phone: z.string().trim().min(6).max(30).optional(),
  email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
});

const intakeFields = {
  kind: z.enum(PETITION_KINDS),
  // Kept as written (only surrounding blanks trimmed): markup is text to be escaped where shown.
  text: z.string().trim().min(20).max(10_000),
  communeId: z.string().uuid().optional(),
  communeName: z.string().trim().min(1).max(200).optional(),
  contact: PetitionContact,
  title: text(300).optional(),
  category: z.enum(CATEGORY_CODES).optional(),
  attachments: z.array(z.string().uuid()).max(5).optional(),
};

/** A citizen's petition from the portal; `website` is a field people never see (a honeypot). */
export const PublicPetitionCreate = z.strictObject({
  ...intakeFields,
  website: z.string().max(500).optional(),
  /** The one-time code sent to the phone or e-mail, when the province requires confirmation. */
  contactCode: z.string().trim().max(20).optional(),
});
export type PublicPetitionCreate = z.infer<typeof PublicPetitionCreate>;

/** Entered by staff from a letter, a reception session, a call or an e-mail. */
export const StaffPetitionCreate = z.strictObject({
  ...intakeFields,
  channel: z.enum(STAFF_CHANNELS),
  remoteArea: z.boolean().optional(),
  /** The day it reached the province (a letter's postmark day); defaults to today. */
  receivedDate: isoDate.optional(),
});
export type StaffPetitionCreate = z.infer<typeof StaffPetitionCreate>;

export const IntakeResult = z.object({ trackingCode: z.string() });

export const DuplicateCandidate = z.object({
  id: z.string().uuid(),
  trackingCode: z.string(),
  kind: z.enum(PETITION_KINDS),
  status: z.enum(PETITION_STATUSES),
  receivedDate: isoDate,
  commune: z.string().nullable(),
  excerpt: z.string(),
  sameContact: z.boolean(),
  similarity: z.number(),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

export const StaffIntakeResult = z.object({
  id: z.string().uuid(),
  trackingCode: z.string(),
  duplicates: z.array(DuplicateCandidate),
});

export const PublicClock = z.object({
  purpose: z.enum(CLOCK_PURPOSES),
  startsFrom: z.enum(CLOCK_STARTS),
  startDate: isoDate,
  dueDate: isoDate,
  unit: z.enum(["working-days", "calendar-days"]),
  days: z.number().int(),
  basis: z.string(),
  status: z.enum(["running", "met", "stopped"]),
  metDate: isoDate.nullable(),
  overdue: z.boolean(),
});
export type PublicClock = z.infer<typeof PublicClock>;

export const Clock = PublicClock.extend({
  id: z.string().uuid(),
  ruleKey: z.string(),
  flags: z.array(z.enum(CLOCK_FLAGS)),
  check: z.string().nullable(),
  extensions: z.array(
    z.object({
      days: z.number().int(),
      reason: z.string(),
      decisionNumber: z.string(),
      decidedBy: z.string(),
      at: z.string(),
    }),
  ),
});
export type Clock = z.infer<typeof Clock>;

export const TimelineEntry = z.object({
  at: z.string(),
  type: z.string(),
  fromUnit: z.string().nullable(),
  toUnit: z.string().nullable(),
});

/** What anyone holding the tracking code sees: no name, no phone, no e-mail, no petition text. */
export const PublicPetitionView = z.object({
  trackingCode: z.string(),
  kind: z.enum(PETITION_KINDS),
  category: z.string().nullable(),
  commune: z.string().nullable(),
  receivedDate: isoDate,
  status: z.enum(PETITION_STATUSES),
  handlingUnit: z.string().nullable(),
  clocks: z.array(PublicClock),
  timeline: z.array(TimelineEntry),
  answer: z.object({ text: z.string(), publishedAt: z.string() }).nullable(),
  closeReason: z.string().nullable(),
  rating: z.object({ score: z.number().int(), at: z.string() }).nullable(),
  followUp: z.object({ resolved: z.boolean(), at: z.string() }).nullable(),
});
export type PublicPetitionView = z.infer<typeof PublicPetitionView>;

/** Proves the caller is the citizen: the phone or e-mail given at intake. */
const contactProof = z.string().trim().min(3).max(200);

export const RatingBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: text(2000).optional(),
  contact: contactProof,
});
export const FollowUpBody = z.strictObject({
  resolved: z.boolean(),
  comment: text(2000).optional(),
  contact: contactProof,
});

export const MyData = z.object({
  trackingCode: z.string(),
  kind: z.enum(PETITION_KINDS),
  channel: z.enum(PETITION_CHANNELS),
  receivedAt: z.string(),
  title: z.string().nullable(),
  text: z.string(),
  commune: z.string().nullable(),
  contact: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  attachments: z.array(z.object({ contentType: z.string(), size: z.number().int() })),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  followUp: z.object({ resolved: z.boolean(), comment: z.string().nullable() }).nullable(),
  readBy: z.array(z.object({ at: z.string(), who: z.string(), fields: z.array(z.string()) })),
  retention: z.string(),
});

export const PublicCommune = z.object({ id: z.string().uuid(), name: z.string(), folded: z.string() });

export const UploadResult = z.object({ uploadId: z.string().uuid() });

// ---- Staff ----

export const PetitionListQuery = z.strictObject({
  status: z.enum(PETITION_STATUSES).optional(),
  kind: z.enum(PETITION_KINDS).optional(),
  unitId: z.string().uuid().optional(),
  communeId: z.string().uuid().optional(),
  overdue: z.enum(["true", "false"]).optional(),
  unassigned: z.enum(["true", "false"]).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PetitionListQuery = z.infer<typeof PetitionListQuery>;

export const PetitionSummary = z.object({
  id: z.string().uuid(),
  trackingCode: z.string(),
  kind: z.enum(PETITION_KINDS),
  channel: z.enum(PETITION_CHANNELS),
  status: z.enum(PETITION_STATUSES),
  title: z.string().nullable(),
  category: z.string().nullable(),
  commune: z.string().nullable(),
  assignedUnit: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  receivedDate: isoDate,
  dueDate: isoDate.nullable(),
  overdue: z.boolean(),
  /** Working days from today to `dueDate` on the clocks' calendar; negative once it has passed. */
  workingDaysLeft: z.number().int().nullable(),
  /** Not yet overdue, but within the days before a deadline when the unit is warned. */
  dueSoon: z.boolean(),
  /** Personal data masked: the list never shows who wrote. */
  excerpt: z.string(),
});
export type PetitionSummary = z.infer<typeof PetitionSummary>;

export const PetitionDetail = PetitionSummary.extend({
  text: z.string(),
  flags: z.array(z.enum(CLOCK_FLAGS)),
  communeId: z.string().uuid().nullable(),
  mergedIntoId: z.string().uuid().nullable(),
  personalData: z.boolean(),
  contact: z
    .object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() })
    .nullable(),
  attachments: z.array(z.object({ id: z.string().uuid(), contentType: z.string(), size: z.number().int() })),
  clocks: z.array(Clock),
  events: z.array(
    z.object({
      at: z.string(),
      type: z.string(),
      actor: z.string(),
      fromUnit: z.string().nullable(),
      toUnit: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  answer: z
    .object({
      text: z.string(),
      status: z.enum(["draft", "published"]),
      draftedBy: z.string().nullable(),
      publishedText: z.string().nullable(),
      publishedAt: z.string().nullable(),
    })
    .nullable(),
  closeReason: z.string().nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  followUp: z.object({ resolved: z.boolean(), comment: z.string().nullable() }).nullable(),
  /** What the signed-in user may do next; the web app reads it and never re-derives the rules. */
  allowed: z.array(z.string()),
});
export type PetitionDetail = z.infer<typeof PetitionDetail>;

export const AssignBody = z.strictObject({ unitId: z.string().uuid(), note: text(2000).optional() });
export const MergeBody = z.strictObject({ intoId: z.string().uuid() });
export const AcceptanceBody = z.strictObject({
  accepted: z.boolean(),
  reason: text(2000).optional(),
  decisionNumber: text(100).optional(),
  remoteArea: z.boolean().optional(),
});
export const ExtensionBody = z.strictObject({
  reason: z.string().trim().min(5).max(2000),
  decisionNumber: z.string().trim().min(1).max(100),
  veryComplex: z.boolean().optional(),
});
export const AnswerBody = z.strictObject({ text: z.string().trim().min(20).max(20_000) });
export const CloseBody = z.strictObject({ resolved: z.boolean(), reason: text(2000).optional() });

export const RoutingSuggestion = z.object({
  unitId: z.string().uuid(),
  code: z.string().nullable(),
  name: z.string(),
  score: z.number(),
});

export const StatsQuery = z.strictObject({ from: isoDate, to: isoDate });
export const UnitStats = z.object({
  unitId: z.string().uuid().nullable(),
  unitName: z.string(),
  received: z.number().int(),
  answered: z.number().int(),
  answeredOnTime: z.number().int(),
  overdue: z.number().int(),
  closedResolved: z.number().int(),
  closedUnresolved: z.number().int(),
  averageRating: z.number().nullable(),
  ratings: z.number().int(),
  followUps: z.number().int(),
  resolvedOnFollowUpShare: z.number().nullable(),
});

export const Notice = z.object({
  id: z.string().uuid(),
  petitionId: z.string().uuid(),
  trackingCode: z.string(),
  kind: z.string(),
  threshold: z.number().int().nullable(),
  dueDate: isoDate.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

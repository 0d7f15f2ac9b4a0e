import { z } from "zod";
import { Due, ItemCode, ItemKind, PlanTree, Reference } from "../plan-tree.ts";

/**
 * The plans API: the registry, the review of an imported plan, mention resolution, publishing,
 * amendments and sub-plans. Rules and examples: docs/plans.md.
 */

/** `draft` was never published; `amending` is a published plan with an amendment draft open. */
export const PLAN_STATUSES = ["draft", "published", "amending"] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;

const uuid = z.string().uuid();
const isoDate = z.iso.date();
const revision = z.number().int().positive();

export const UnitRef = z.object({ id: uuid, name: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

export const PlanSummary = z.object({
  id: uuid,
  type: z.string().nullable(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string(),
  status: PlanStatus,
  currentVersion: z.number().int(),
  parentPlanId: uuid.nullable(),
  ownerUnit: UnitRef.nullable(),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PlanListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: PlanStatus.optional(),
  parent: uuid.optional(),
});

export const PlanImportQuery = z.strictObject({
  /** Import a unit's own sub-plan (kế hoạch cụ thể) of this published plan. */
  parent: uuid.optional(),
  /** The unit that owns the sub-plan; by default the unit the importing officer works for. */
  unit: uuid.optional(),
  /**
   * `true`: import it although the tenant seems to have this plan already (a deliberate choice).
   * Without it such an import is refused with 409 and the plans it matches.
   */
  allowDuplicate: z.enum(["true", "false"]).optional(),
});

/** A plan the tenant has already that an import seems to repeat, and why it seems so. */
export const PlanDuplicate = z.object({
  id: uuid,
  title: z.string(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  status: PlanStatus,
  /** The same number, symbol, date and issuer; the same folded text; or a nearly identical text. */
  reason: z.enum(["document", "text", "similar"]),
});
export type PlanDuplicate = z.infer<typeof PlanDuplicate>;

export const PendingAmendment = z.object({
  reason: z.string(),
  amendingNumber: z.string(),
  amendingDate: isoDate.nullable(),
  openedBy: z.string(),
  openedAt: z.string(),
});

export const PlanDetail = PlanSummary.extend({
  revision: z.number().int(),
  source: z.object({
    filename: z.string().nullable(),
    format: z.string().nullable(),
    pages: z.number().int().nullable(),
  }),
  counts: z.object({
    items: z.number().int(),
    tasks: z.number().int(),
    warnings: z.number().int(),
    unresolvedMentions: z.number().int(),
  }),
  parent: z.object({ id: uuid, title: z.string() }).nullable(),
  children: z.array(PlanSummary),
  /** The documents the plan implements: its references with role "basis". */
  implements: z.array(Reference),
  pendingAmendment: PendingAmendment.nullable(),
  /** What the signed-in user may do with it; the web app reads these, never re-derives them. */
  permissions: z.object({ edit: z.boolean(), readWorking: z.boolean() }),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

/** The import's answer: the new draft, and the mentions confirmed at once as exact names. */
export const PlanImportResult = z.object({ plan: PlanDetail, autoConfirmed: z.array(z.string()) });

export const PlanIdParams = z.object({ id: uuid });
export const ItemParams = z.object({ id: uuid, code: ItemCode });

/** `working` is the draft being reviewed or amended; a number is a published version. */
export const TreeQuery = z.strictObject({
  version: z.union([z.literal("working"), z.coerce.number().int().positive()]).optional(),
});

/** A mention's resolution as the tree endpoint serves it (snake_case, as in plan-tree.md). */
export const TreeMention = z.object({
  mention: z.string(),
  unit_ids: z.array(uuid),
  group_id: uuid.nullable(),
  confirmed: z.boolean(),
});
export type TreeMention = z.infer<typeof TreeMention>;

export const PlanTreeResponse = PlanTree.safeExtend({
  version: z.union([z.literal("working"), z.number().int()]),
  mentions: z.array(TreeMention),
});

export const SourceLine = z.object({
  number: z.number().int(),
  text: z.string(),
  /** The deepest item of the working tree whose source lines cover this line. */
  code: z.string().nullable(),
});
export const PlanSourceResponse = z.object({
  filename: z.string().nullable(),
  format: z.string().nullable(),
  pages: z.number().int().nullable(),
  lines: z.array(SourceLine),
});

// ---- Edits ------------------------------------------------------------------------------------

const mentionList = z.array(z.string().trim().min(1).max(300)).max(100);

/** Every edit names the draft revision it was made on: a stale one is refused with 409. */
export const ItemPatch = z.strictObject({
  revision,
  text: z.string().trim().min(1).max(100_000).optional(),
  title: z.string().trim().min(1).max(2000).nullable().optional(),
  kind: ItemKind.optional(),
  actors: z
    .strictObject({
      lead: mentionList,
      coordinating: mentionList,
      implementing: mentionList,
      requested: mentionList,
    })
    .optional(),
  due: Due.nullable().optional(),
});
export type ItemPatch = z.infer<typeof ItemPatch>;

export const SplitBody = z.union([
  z.strictObject({ revision, atParagraph: z.number().int().min(1) }),
  z.strictObject({ revision, atOffset: z.number().int().min(1) }),
]);
export type SplitBody = z.infer<typeof SplitBody>;

export const MergeBody = z.strictObject({ revision });

export const EditOpName = z.enum(["update", "split", "merge"]);

export const PlanEditEntry = z.object({
  seq: z.number().int(),
  op: EditOpName,
  code: z.string(),
  params: z.unknown(),
  before: z.unknown(),
  after: z.unknown(),
  revision: z.number().int(),
  by: z.string(),
  at: z.string(),
});

export const EditResult = z.object({
  revision: z.number().int(),
  /** The items the edit touched, as they are now (one for an update or a merge, two for a split). */
  items: z.array(
    z.object({ code: z.string(), kind: ItemKind, title: z.string().nullable(), text: z.string() }),
  ),
});

// ---- Mentions ---------------------------------------------------------------------------------

export const MentionRole = z.enum([
  "lead",
  "coordinating",
  "implementing",
  "requested",
  "reporting_from",
  "reporting_to",
  "reporting_via",
]);
export type MentionRole = z.infer<typeof MentionRole>;

export const MentionSuggestion = z.object({
  kind: z.enum(["unit", "group"]),
  id: uuid,
  name: z.string(),
  confidence: z.number(),
  reason: z.enum(["exact", "alias", "similar"]),
});

export const MentionResolution = z.object({
  unitIds: z.array(uuid),
  groupId: uuid.nullable(),
  confirmed: z.boolean(),
  /** Confirmed as the exact name of one unit or group (after folding), without a click. */
  byExactName: z.boolean(),
  units: z.array(UnitRef),
  by: z.string(),
  at: z.string(),
});

export const PlanMention = z.object({
  mention: z.string(),
  /** How many items (and reporting duties) name it. */
  uses: z.number().int(),
  codes: z.array(z.string()),
  roles: z.array(MentionRole),
  /** It names many units ("các sở, ban, ngành", "UBND cấp huyện, cấp xã"): a group, never one unit. */
  collective: z.boolean(),
  /** The one-click choices: exact names and aliases only; anything weaker is found by a search. */
  suggestions: z.array(MentionSuggestion),
  resolution: MentionResolution.nullable(),
});
export type PlanMention = z.infer<typeof PlanMention>;

export const MentionPut = z
  .strictObject({
    mention: z.string().trim().min(1).max(300),
    unitIds: z.array(uuid).max(5000).optional(),
    groupId: uuid.optional(),
    confirmed: z.boolean(),
  })
  .refine((body) => (body.unitIds?.length ?? 0) > 0 || body.groupId !== undefined, {
    message: "unitIds or groupId is required",
    path: ["unitIds"],
  });
export type MentionPut = z.infer<typeof MentionPut>;

export const AutoConfirmResult = z.object({ confirmed: z.array(z.string()), remaining: z.array(z.string()) });

// ---- Publishing and versions -------------------------------------------------------------------

export const PublishBody = z.strictObject({
  revision: revision.optional(),
  /**
   * The day the plan was really published, when it is recorded here later (an earlier plan):
   * not in the future, not before the plan's date; its assignments already past due by today
   * are historical, never overdue. Only for the first version.
   */
  publishedOn: isoDate.optional(),
});

/** What publishing the draft today would create, asked before publishing (nothing is written). */
export const PublishCheck = z.object({
  assignments: z.number().int(),
  /** Of those, overdue the day they are made: their due date has passed already. */
  overdue: z.number().int(),
  earliestOverdue: isoDate.nullable(),
  today: isoDate,
  unresolvedMentions: z.number().int(),
  /** The earliest "published on" day allowed: the plan's own date (null when it has none). */
  notBefore: isoDate.nullable(),
  /** Only a first publishing can be recorded on an earlier day. */
  canRecordEarlier: z.boolean(),
});
export type PublishCheck = z.infer<typeof PublishCheck>;

export const AmendmentBody = z.strictObject({
  reason: z.string().trim().min(1).max(4000),
  amendingNumber: z.string().trim().min(1).max(100),
  amendingDate: isoDate.optional(),
});

export const PlanVersion = z.object({
  version: z.number().int(),
  reason: z.string().nullable(),
  amendingNumber: z.string().nullable(),
  amendingDate: z.string().nullable(),
  publishedBy: z.string(),
  publishedAt: z.string(),
  /** Set when the plan was recorded after it was published: the day it was really published. */
  publishedOn: isoDate.nullable(),
  items: z.number().int(),
});
export type PlanVersion = z.infer<typeof PlanVersion>;

export const PublishResult = z.object({ plan: PlanDetail, version: PlanVersion });

export const DiffParams = z.object({
  id: uuid,
  a: z.union([z.literal("working"), z.coerce.number().int().positive()]),
  b: z.union([z.literal("working"), z.coerce.number().int().positive()]),
});

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const PlanDiff = z.object({
  from: z.union([z.literal("working"), z.number().int()]),
  to: z.union([z.literal("working"), z.number().int()]),
  added: z.array(
    z.object({ code: z.string(), kind: ItemKind, title: z.string().nullable(), text: z.string() }),
  ),
  removed: z.array(
    z.object({ code: z.string(), kind: ItemKind, title: z.string().nullable(), text: z.string() }),
  ),
  changed: z.array(z.object({ code: z.string(), changes: z.array(FieldChange) })),
  document: z.array(FieldChange),
  mentions: z.array(
    z.object({ mention: z.string(), before: z.array(uuid).nullable(), after: z.array(uuid).nullable() }),
  ),
});
export type PlanDiff = z.infer<typeof PlanDiff>;

// ---- Sub-plans ----------------------------------------------------------------------------------

export const LinkBody = z.strictObject({ childCode: ItemCode, parentCode: ItemCode });
export const PlanLink = z.object({
  id: uuid,
  childCode: z.string(),
  parentPlanId: uuid,
  parentCode: z.string(),
  by: z.string(),
  at: z.string(),
});
export type PlanLink = z.infer<typeof PlanLink>;

export const SubPlanStatusEntry = z.object({
  unit: UnitRef,
  roles: z.array(MentionRole),
  issued: z.boolean(),
  plan: PlanSummary.nullable(),
});
export type SubPlanStatusEntry = z.infer<typeof SubPlanStatusEntry>;

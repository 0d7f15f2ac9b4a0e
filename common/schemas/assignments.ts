import { z } from "zod";
import { Due } from "../plan-tree.ts";

/**
 * The assignments API: one unit's part in one task of a published plan, its status, progress
 * updates with evidence, and the rollups and classifications built from them.
 * Rules and examples: docs/assignments.md.
 */

/** chủ trì, phối hợp, thực hiện, đề nghị (a body the issuer asks rather than orders). */
export const ASSIGNMENT_ROLES = ["lead", "coordinating", "implementing", "requested"] as const;
export const AssignmentRole = z.enum(ASSIGNMENT_ROLES);
export type AssignmentRole = z.infer<typeof AssignmentRole>;

/**
 * Stored statuses. `cancelled`: its task left the plan by an amendment; `transferred`: its unit
 * closed and the duty passed to a successor. Both are closed records, kept with their history.
 */
export const ASSIGNMENT_STATUSES = [
  "not_started",
  "in_progress",
  "completed",
  "paused",
  "cancelled",
  "transferred",
] as const;
export const AssignmentStatus = z.enum(ASSIGNMENT_STATUSES);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;

/** What is shown: the stored status, with `completed_late` derived from the due date. */
export const ASSIGNMENT_STATES = [...ASSIGNMENT_STATUSES, "completed_late"] as const;
export const AssignmentState = z.enum(ASSIGNMENT_STATES);
export type AssignmentState = z.infer<typeof AssignmentState>;

/** The Government Office's four classes of a tracked task. */
export const CLASSIFICATIONS = [
  "completed_on_time",
  "completed_late",
  "open_within_deadline",
  "open_overdue",
] as const;
export const Classification = z.enum(CLASSIFICATIONS);
export type Classification = z.infer<typeof Classification>;

const uuid = z.string().uuid();
const isoDate = z.iso.date();

export const UnitBrief = z.object({ id: uuid, name: z.string(), validTo: isoDate.nullable() });

export const UpdateFile = z.object({
  id: uuid,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  href: z.string(),
});

export const AssignmentUpdate = z.object({
  id: uuid,
  kind: z.enum(["progress", "status"]),
  statusFrom: AssignmentStatus.nullable(),
  statusTo: AssignmentStatus.nullable(),
  percent: z.number().int().nullable(),
  text: z.string().nullable(),
  reason: z.string().nullable(),
  figures: z.record(z.string(), z.number()),
  author: z.string(),
  reportedOn: isoDate,
  at: z.string(),
  files: z.array(UpdateFile),
});
export type AssignmentUpdate = z.infer<typeof AssignmentUpdate>;

export const AssignmentSummary = z.object({
  id: uuid,
  plan: z.object({ id: uuid, title: z.string() }),
  itemCode: z.string(),
  /** The task's title, or the start of its text; empty when the version in force no longer has it. */
  itemLabel: z.string(),
  /** The plan's version in force no longer has the task: clients say so in their own language. */
  itemRemoved: z.boolean(),
  /** The task heading it counts under (II.1, II.2 …, or the section for a task right under one). */
  headingCode: z.string(),
  unit: UnitBrief,
  role: AssignmentRole,
  occurrence: z.string(),
  occurrenceLabel: z.object({ vi: z.string(), en: z.string() }),
  dueDate: isoDate.nullable(),
  dueText: z.string().nullable(),
  status: AssignmentStatus,
  state: AssignmentState,
  overdue: z.boolean(),
  /** Null for requested, cancelled and transferred assignments, which are not classified. */
  classification: Classification.nullable(),
  percent: z.number().int().nullable(),
  pauseReason: z.string().nullable(),
  completedOn: isoDate.nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  latestUpdate: z
    .object({
      id: uuid,
      reportedOn: isoDate,
      text: z.string().nullable(),
      percent: z.number().int().nullable(),
    })
    .nullable(),
  /** What the signed-in user may do with it; the web app reads these, never re-derives them. */
  permissions: z.object({ update: z.boolean() }),
});
export type AssignmentSummary = z.infer<typeof AssignmentSummary>;

export const TransferLink = z.object({
  assignmentId: uuid,
  unit: UnitBrief,
  effectiveDate: isoDate,
  kind: z.string(),
});

/**
 * An assignment this one continues (directly or through others), with what its unit wrote: a
 * successor's page shows its predecessors' reports and evidence. `passedOn` is the day the duty
 * left that unit. Oldest first.
 */
export const PredecessorHistory = z.object({
  assignmentId: uuid,
  unit: UnitBrief,
  passedOn: isoDate,
  kind: z.string(),
  percent: z.number().int().nullable(),
  updates: z.array(AssignmentUpdate),
});
export type PredecessorHistory = z.infer<typeof PredecessorHistory>;

export const AssignmentDetail = AssignmentSummary.extend({
  itemText: z.string(),
  due: Due.nullable(),
  updates: z.array(AssignmentUpdate),
  transferredFrom: z.array(TransferLink),
  transferredTo: z.array(TransferLink),
  predecessors: z.array(PredecessorHistory),
});
export type AssignmentDetail = z.infer<typeof AssignmentDetail>;

const flag = z.enum(["true", "false"]).transform((value) => value === "true");

export const AssignmentListQuery = z.strictObject({
  /** Only the assignments of the signed-in user's own units (and the units under them). */
  mine: flag.optional(),
  status: z.enum([...ASSIGNMENT_STATES, "open"]).optional(),
  due: z.enum(["overdue", "soon"]).optional(),
  planId: uuid.optional(),
  unitId: uuid.optional(),
  code: z.string().max(100).optional(),
  role: AssignmentRole.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AssignmentListQuery = z.infer<typeof AssignmentListQuery>;

export const AssignmentList = z.object({
  items: z.array(AssignmentSummary),
  total: z.number().int(),
  today: isoDate,
});

export const AssignmentIdParams = z.object({ id: uuid });
export const FileParams = z.object({ id: uuid, updateId: uuid, fileId: uuid });

/** Figures of a progress report ("Số buổi tuyên truyền": 12): a name and a finite number each. */
export const Figures = z
  .record(z.string().trim().min(1).max(120), z.number().finite().min(-1e12).max(1e12))
  .refine((value) => Object.keys(value).length <= 50, "at most 50 figures");

/**
 * A whole number as JSON, or as its digits (a multipart field is text); not `true`, `null` or
 * `[1]`, which `z.coerce.number()` would take for 1, 0 and 1.
 */
const wholeNumber = () =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d+$/)
        .transform(Number),
    ])
    .pipe(z.number().int());

/** A progress report; as JSON, or as multipart fields with evidence files in `files`. */
export const UpdateBody = z.strictObject({
  version: wholeNumber().pipe(z.number().positive()),
  text: z.string().trim().max(10_000).optional(),
  percent: wholeNumber().pipe(z.number().min(0).max(100)).optional(),
  figures: Figures.optional(),
  /** A status change reported with the progress (e.g. completed, with its evidence). */
  status: z.enum(["in_progress", "completed", "paused"]).optional(),
  reason: z.string().trim().min(1).max(2000).optional(),
});
export type UpdateBody = z.infer<typeof UpdateBody>;

export const StatusBody = z.strictObject({
  version: z.number().int().positive(),
  status: z.enum(["in_progress", "completed", "paused"]),
  /** Required for a pause. */
  reason: z.string().trim().min(1).max(2000).optional(),
});
export type StatusBody = z.infer<typeof StatusBody>;

export const UpdateResult = z.object({ assignment: AssignmentSummary, update: AssignmentUpdate });

export const Counts = z.object({
  completed_on_time: z.number().int(),
  completed_late: z.number().int(),
  open_within_deadline: z.number().int(),
  open_overdue: z.number().int(),
});
export type Counts = z.infer<typeof Counts>;

/** Requested bodies are asked, not ordered: counted apart, never overdue against them. */
export const RequestedCounts = z.object({ completed: z.number().int(), open: z.number().int() });
export type RequestedCounts = z.infer<typeof RequestedCounts>;

export const SummaryQuery = z.strictObject({
  planId: uuid.optional(),
  groupBy: z.enum(["unit", "heading", "plan"]).default("unit"),
  mine: flag.optional(),
});

export const SummaryGroup = z.object({
  key: z.string(),
  label: z.string(),
  counts: Counts,
  requested: RequestedCounts,
});

export const SummaryResponse = z.object({
  groupBy: z.enum(["unit", "heading", "plan"]),
  today: isoDate,
  rule: z.string(),
  groups: z.array(SummaryGroup),
  totals: z.object({ counts: Counts, requested: RequestedCounts }),
});

export const PlanCodeParams = z.object({ id: uuid, code: z.string().min(1).max(100) });

export const ActorUnit = z.object({
  id: uuid,
  name: z.string(),
  validTo: isoDate.nullable(),
  /** For a unit closed since: who carries its duties today, step by step, with the dates. */
  carriers: z.array(
    z.array(z.object({ unitId: uuid, name: z.string(), since: isoDate, eventTitle: z.string() })),
  ),
});

export const TaskPage = z.object({
  plan: z.object({ id: uuid, title: z.string(), version: z.number().int() }),
  item: z.object({
    code: z.string(),
    kind: z.string(),
    title: z.string().nullable(),
    text: z.string(),
    due: Due.nullable(),
    source: z
      .object({ lines: z.tuple([z.number().int(), z.number().int()]), text: z.array(z.string()) })
      .nullable(),
    path: z.array(z.object({ code: z.string(), title: z.string().nullable() })),
    children: z.array(z.object({ code: z.string(), kind: z.string(), label: z.string() })),
  }),
  actors: z.array(z.object({ role: AssignmentRole, mention: z.string(), units: z.array(ActorUnit) })),
  assignments: z.array(AssignmentSummary),
  progress: z.number().nullable(),
  rule: z.string(),
});

export const MatrixCell = z.object({
  heading: z.string(),
  unitId: uuid,
  counts: Counts,
  requested: RequestedCounts,
  /** The colour: any overdue → open_overdue; else any open → open_within_deadline; else late or on time. */
  tone: z.enum([...CLASSIFICATIONS, "requested"]),
  progress: z.number().nullable(),
});

export const MatrixResponse = z.object({
  today: isoDate,
  rule: z.string(),
  headings: z.array(z.object({ code: z.string(), title: z.string() })),
  units: z.array(z.object({ id: uuid, name: z.string() })),
  cells: z.array(MatrixCell),
});

export type RollupNode = {
  code: string;
  kind: string;
  label: string;
  weight: number;
  progress: number | null;
  assignments: number;
  children: RollupNode[];
};
export const RollupNode: z.ZodType<RollupNode> = z.object({
  code: z.string(),
  kind: z.string(),
  label: z.string(),
  weight: z.number(),
  progress: z.number().nullable(),
  assignments: z.number().int(),
  get children() {
    return z.array(RollupNode);
  },
});

export const ProgressResponse = z.object({
  planId: uuid,
  version: z.number().int(),
  today: isoDate,
  rule: z.string(),
  progress: z.number().nullable(),
  items: z.array(RollupNode),
  /** What the signed-in user may do: set the weights (the coordinator, the administrator). */
  permissions: z.object({ editWeights: z.boolean() }),
});

export const WeightBody = z.strictObject({
  code: z.string().min(1).max(100),
  /** 0 leaves the item out of its parent's progress; null goes back to the default (1). */
  weight: z.number().min(0).max(1000).nullable(),
});

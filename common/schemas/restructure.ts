import { z } from "zod";
import { UNIT_TYPES } from "../enums.ts";

/** A unit named in an event file: its id, its code, or "@key" for a unit the same file creates. */
export const UnitRef = z.string().trim().min(1).max(300);

export const NewUnit = z.strictObject({
  key: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(300),
  type: z.enum(UNIT_TYPES),
  parent: UnitRef.nullable(),
  code: z.string().trim().min(1).max(50).nullable().optional(),
  shortName: z.string().trim().min(1).max(100).nullable().optional(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
});
export type NewUnit = z.infer<typeof NewUnit>;

const Target = z.union([UnitRef, NewUnit]);

/**
 * For a split: which of its successors take an open obligation of the unit it closes. An entry
 * names one assignment (`assignmentId`), or a task (`code`, in `planId` or in every plan): every
 * open assignment of that task. An assignment's own entry wins over its task's. `to` names units
 * among the split's successors, as in `into` (an id, a code, or "@key" for a unit it creates).
 */
export const SplitMappingEntry = z
  .strictObject({
    assignmentId: z.string().uuid().optional(),
    planId: z.string().uuid().optional(),
    code: z.string().trim().min(1).max(100).optional(),
    to: z.array(UnitRef).min(1).max(50),
  })
  .refine((entry) => !!entry.assignmentId !== !!entry.code, {
    message: "name either an assignment (assignmentId) or a task (code), not both",
  });
export type SplitMappingEntry = z.infer<typeof SplitMappingEntry>;

/**
 * One change to the directory. `merge` closes every `from` unit that is not also the target;
 * `split` closes `from` and names several successors (obligations pass by a mapping the
 * coordinator confirms); `dissolve` closes a unit and names who carries its duties now.
 */
export const DirectoryChange = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("create"), unit: NewUnit }),
  z.strictObject({
    kind: z.literal("rename"),
    unit: UnitRef,
    name: z.string().trim().min(1).max(300),
    shortName: z.string().trim().min(1).max(100).nullable().optional(),
    aliases: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
  }),
  z.strictObject({ kind: z.literal("move"), unit: UnitRef, parent: UnitRef }),
  z.strictObject({
    kind: z.literal("merge"),
    from: z.array(UnitRef).min(1),
    into: Target,
    note: z.string().max(2000).optional(),
  }),
  z.strictObject({
    kind: z.literal("split"),
    from: UnitRef,
    into: z.array(Target).min(2),
    /** Old units transferred only in part, for the record ("xã Vĩnh Châu: một phần"). */
    note: z.string().max(2000).optional(),
    /**
     * Who takes each open obligation, as the coordinator confirmed it (the dry run proposes one
     * in `splits`). Required to apply a split that moves open assignments; all must be mapped.
     */
    mapping: z.array(SplitMappingEntry).max(20_000).optional(),
  }),
  z.strictObject({
    kind: z.literal("dissolve"),
    unit: UnitRef,
    successors: z.array(UnitRef),
    note: z.string().max(2000).optional(),
  }),
]);
export type DirectoryChange = z.infer<typeof DirectoryChange>;

/** A restructuring event: changes that take effect together on one date, on one legal basis. */
export const DirectoryEvent = z.strictObject({
  title: z.string().trim().min(1).max(500),
  effectiveDate: z.iso.date(),
  legalBasis: z.string().trim().min(1).max(1000),
  changes: z.array(DirectoryChange).min(1).max(5000),
});
export type DirectoryEvent = z.infer<typeof DirectoryEvent>;

/** A successor of a split, with the reference a mapping names it by (null: a new unit with no key). */
export const SplitSuccessor = z.object({ ref: z.string().nullable(), name: z.string() });

/** One open obligation of a unit a split closes: who the rule proposes, and who the mapping names. */
export const SplitItem = z.object({
  module: z.string(),
  assignmentId: z.string().uuid(),
  planId: z.string().uuid(),
  planTitle: z.string(),
  code: z.string(),
  label: z.string(),
  role: z.string(),
  occurrence: z.string(),
  status: z.string(),
  /** Refs of the successors proposed: those the task's text names, else every successor. */
  proposed: z.array(z.string()),
  /** `named`: the task's text names them; `all`: nothing narrows it, every successor. */
  reason: z.enum(["named", "all"]),
  /** Refs from the event's mapping; null while the obligation is not mapped. */
  mapped: z.array(z.string()).nullable(),
});
export type SplitItem = z.infer<typeof SplitItem>;

export const SplitPlan = z.object({
  changeIndex: z.number().int(),
  from: z.object({ id: z.string().uuid(), name: z.string() }),
  successors: z.array(SplitSuccessor),
  items: z.array(SplitItem),
});
export type SplitPlan = z.infer<typeof SplitPlan>;

export const EventOutcome = z.object({
  dryRun: z.boolean(),
  eventId: z.string().uuid().nullable(),
  created: z.array(z.object({ key: z.string().nullable(), name: z.string(), type: z.string() })),
  closed: z.array(z.object({ id: z.string().uuid(), name: z.string(), successors: z.array(z.string()) })),
  renamed: z.array(z.object({ id: z.string().uuid(), from: z.string(), to: z.string() })),
  moved: z.array(z.object({ id: z.string().uuid(), name: z.string(), parent: z.string() })),
  /** What other modules would pass to successors (assignments, pending reports …). */
  transfers: z.array(
    z.object({ module: z.string(), description: z.string(), from: z.string(), to: z.array(z.string()) }),
  ),
  /** For each split: the open obligations to map, the proposal and the mapping given. */
  splits: z.array(SplitPlan).default([]),
});
export type EventOutcome = z.infer<typeof EventOutcome>;

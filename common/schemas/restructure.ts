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
});
export type EventOutcome = z.infer<typeof EventOutcome>;

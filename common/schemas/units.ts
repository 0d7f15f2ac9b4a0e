import { z } from "zod";
import { UNIT_TYPES } from "../enums.ts";

const isoDate = z.iso.date();

export const Unit = z.object({
  id: z.string().uuid(),
  code: z.string().nullable(),
  type: z.enum(UNIT_TYPES),
  parentId: z.string().uuid().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  aliases: z.array(z.string()),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;

export type UnitTreeNode = Unit & { children: UnitTreeNode[] };
export const UnitTreeNode: z.ZodType<UnitTreeNode> = Unit.extend({
  children: z.lazy(() => z.array(UnitTreeNode)),
});

export const UnitCreate = z.strictObject({
  type: z.enum(UNIT_TYPES),
  parentId: z.string().uuid().nullable(),
  name: z.string().trim().min(1).max(300),
  code: z.string().trim().min(1).max(50).nullable().optional(),
  shortName: z.string().trim().min(1).max(100).nullable().optional(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
});
export type UnitCreate = z.infer<typeof UnitCreate>;

/** An update names the version it read: a stale version is refused with 409, never overwritten. */
export const UnitUpdate = z.strictObject({
  version: z.number().int().positive(),
  type: z.enum(UNIT_TYPES).optional(),
  parentId: z.string().uuid().nullable().optional(),
  name: z.string().trim().min(1).max(300).optional(),
  code: z.string().trim().min(1).max(50).nullable().optional(),
  shortName: z.string().trim().min(1).max(100).nullable().optional(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
});
export type UnitUpdate = z.infer<typeof UnitUpdate>;

export const UnitListQuery = z.strictObject({
  asOf: isoDate.optional(),
  q: z.string().trim().max(200).optional(),
  type: z.enum(UNIT_TYPES).optional(),
  parentId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** A named group resolves a collective mention ("Các sở, ban, ngành tỉnh") to units valid on a date. */
export const UnitGroup = z.object({
  id: z.string().uuid(),
  name: z.string(),
  aliases: z.array(z.string()),
  unitTypes: z.array(z.enum(UNIT_TYPES)),
  memberIds: z.array(z.string().uuid()),
  description: z.string().nullable(),
  version: z.number().int(),
});
export type UnitGroup = z.infer<typeof UnitGroup>;

export const UnitGroupCreate = z.strictObject({
  name: z.string().trim().min(1).max(300),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  unitTypes: z.array(z.enum(UNIT_TYPES)).default([]),
  memberIds: z.array(z.string().uuid()).default([]),
  description: z.string().trim().max(2000).nullable().optional(),
});
export const UnitGroupUpdate = UnitGroupCreate.partial().extend({ version: z.number().int().positive() });

export const ImportResult = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string().nullable(), message: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

// The plan-tree enums as plain lists for the form's options. Written out rather than read from
// the zod schemas so the web bundle does not carry zod; the types below fail if they drift.
import type { ItemKind, PlanItem, Recurrence } from "../../../../common/plan-tree.ts";

export type { PlanItem };
export const ITEM_KINDS = ["section", "heading", "task", "statement"] as const satisfies readonly ItemKind[];
export const RECURRENCES = [
  "once",
  "yearly",
  "half-yearly",
  "quarterly",
  "monthly",
] as const satisfies readonly Recurrence[];

type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : never;
const kindsComplete: Missing<ItemKind, (typeof ITEM_KINDS)[number]> = true;
const recurrencesComplete: Missing<Recurrence, (typeof RECURRENCES)[number]> = true;
void kindsComplete;
void recurrencesComplete;

import type { PlanStatus } from "../../../../common/schemas/plans.ts";

export const PLAN_STATUSES = ["draft", "published", "amending"] as const satisfies readonly PlanStatus[];
const statusesComplete: Missing<PlanStatus, (typeof PLAN_STATUSES)[number]> = true;
void statusesComplete;

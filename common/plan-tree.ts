import { z } from "zod";

/**
 * plan-tree/1: a Vietnamese implementation plan ("Kế hoạch") as data. The importer
 * writes it, the API serves it and a reviewed tree is loaded back from it, so this
 * one schema keeps the parser, the database and the UI from drifting apart.
 * The format is described in docs/plan-import.md and the shared plan-tree.md.
 */

export const PLAN_TREE_FORMAT = "plan-tree/1";

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: as precise as the text is. */
export const IsoPartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "ISO date: YYYY, YYYY-MM or YYYY-MM-DD");
export type IsoPartialDate = z.infer<typeof IsoPartialDate>;

/** A unit named as the text writes it ("Sở Nội vụ", "UBND các huyện, thành phố"), trimmed. */
export const Mention = z.string().min(1);
export type Mention = z.infer<typeof Mention>;

/** An item's path: `I`, `II.2.a.-3`, `III.1`, appendix rows `PL.1`, `PL1.I.2`. */
export const ItemCode = z.string().regex(/^[0-9A-Za-zĐđ-]+(\.[0-9A-Za-zĐđ-]+)*$/, "item code");
export type ItemCode = z.infer<typeof ItemCode>;

export const Recurrence = z.enum(["once", "yearly", "half-yearly", "quarterly", "monthly"]);
export type Recurrence = z.infer<typeof Recurrence>;

/**
 * A deadline as the text gives it. `recurrence` is null for "thường xuyên" and for a
 * bare "định kỳ" whose period the text does not say. `date` is the last day allowed,
 * as precisely as written ("năm 2025" → "2025"; a quarter, having no ISO form, gives
 * its last day). `month`/`day` carry the day within each period of a recurring due
 * ("trước ngày 10/12 hằng năm" → month 12, day 10). A month written relative to the
 * period keeps that place: the period's last month is `month` null ("trước ngày 20 của tháng
 * cuối quý" → day 20), its first month is month 1. `monthsAfter`, present only when the day
 * falls after the period has ended, counts months past its last month ("trước ngày 5 của
 * tháng đầu quý sau" → day 5, monthsAfter 1).
 */
export const Due = z.object({
  text: z.string().min(1),
  recurrence: Recurrence.nullable(),
  date: IsoPartialDate.nullable(),
  month: z.number().int().min(1).max(12).nullable(),
  day: z.number().int().min(1).max(31).nullable(),
  monthsAfter: z.number().int().min(1).max(12).optional(),
});
export type Due = z.infer<typeof Due>;

/** Effective actors after inheritance from the heading's preamble. */
export const Actors = z.object({
  lead: z.array(Mention),
  coordinating: z.array(Mention),
  implementing: z.array(Mention),
  requested: z.array(Mention),
});
export type Actors = z.infer<typeof Actors>;

export const ItemKind = z.enum(["section", "heading", "task", "statement"]);
export type ItemKind = z.infer<typeof ItemKind>;

/**
 * Where an item came from in the importer's normalized source text (1-based, inclusive
 * line numbers of `PlanTree.source.text`), so a review screen can highlight it.
 * Optional: trees written by hand or edited after review may drop it.
 */
export const ItemSource = z.object({
  lines: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
});
export type ItemSource = z.infer<typeof ItemSource>;

export interface PlanItem {
  code: string;
  kind: ItemKind;
  /** The heading line for sections and headings; null for leaves. */
  title: string | null;
  /** The whole text; paragraphs separated by "\n", a paragraph split by a page break joined back. */
  text: string;
  actors: Actors;
  due: Due | null;
  /** The "Sản phẩm" column of a task table row, when the item came from one. */
  product?: string | null;
  source?: ItemSource;
  children: PlanItem[];
}

export const PlanItem: z.ZodType<PlanItem> = z.object({
  code: ItemCode,
  kind: ItemKind,
  title: z.string().nullable(),
  text: z.string(),
  actors: Actors,
  due: Due.nullable(),
  product: z.string().nullable().optional(),
  source: ItemSource.optional(),
  get children() {
    return z.array(PlanItem);
  },
});

export const WarningCode = z.enum([
  "reference-conflict",
  "blank-number",
  "blank-date-part",
  "unassigned-task",
  "unparsed-line",
]);
export type WarningCode = z.infer<typeof WarningCode>;

/** What a careful reader would flag. `at` is the item code where it applies; `line` the source line. */
export const PlanWarning = z.object({
  code: WarningCode,
  message: z.string().min(1),
  at: ItemCode.nullable(),
  line: z.number().int().min(1).optional(),
});
export type PlanWarning = z.infer<typeof PlanWarning>;

/**
 * A document the plan cites, once per document. `title` names a document cited by
 * name without a number ("Luật thực hiện dân chủ ở cơ sở"); `term` is the Party term
 * of office written with the issuer ("khóa XIII" → "XIII").
 */
export const Reference = z.object({
  kind: z.string().min(1),
  number: z.string().min(1).nullable(),
  date: IsoPartialDate.nullable(),
  issuer: z.string().min(1).nullable(),
  role: z.enum(["basis", "cited"]),
  mentions: z.number().int().min(1),
  title: z.string().min(1).nullable().optional(),
  term: z.string().min(1).nullable().optional(),
});
export type Reference = z.infer<typeof Reference>;

export const ReportingDuty = z.object({
  from: z.array(Mention),
  to: Mention,
  via: Mention.nullable(),
  due: Due.nullable(),
  source: ItemCode,
});
export type ReportingDuty = z.infer<typeof ReportingDuty>;

export const Signer = z.object({
  name: z.string().min(1).nullable(),
  position: z.string().min(1).nullable(),
  authority: z.array(z.string().min(1)),
});
export type Signer = z.infer<typeof Signer>;

export const PlanDocument = z.object({
  type: z.string().min(1).nullable(),
  number: z.string().min(1).nullable(),
  symbol: z.string().min(1).nullable(),
  place: z.string().min(1).nullable(),
  date: IsoPartialDate.nullable(),
  issuer: z.string().min(1).nullable(),
  title: z.string().min(1).nullable(),
  signer: Signer.nullable(),
  recipients: z.array(z.string().min(1)),
});
export type PlanDocument = z.infer<typeof PlanDocument>;

/** The importer's normalized text, against which `ItemSource.lines` count. */
export const PlanSource = z.object({
  text: z.string(),
  filename: z.string().optional(),
  format: z.enum(["txt", "docx", "pdf"]).optional(),
  pages: z.number().int().min(0).optional(),
});
export type PlanSource = z.infer<typeof PlanSource>;

function collectCodes(items: PlanItem[], into: Set<string>, duplicates: string[]): void {
  for (const item of items) {
    if (into.has(item.code)) duplicates.push(item.code);
    into.add(item.code);
    collectCodes(item.children, into, duplicates);
  }
}

export const PlanTree = z
  .object({
    format: z.literal(PLAN_TREE_FORMAT),
    document: PlanDocument,
    references: z.array(Reference),
    reporting: z.array(ReportingDuty),
    warnings: z.array(PlanWarning),
    items: z.array(PlanItem),
    source: PlanSource.optional(),
  })
  .superRefine((tree, ctx) => {
    const codes = new Set<string>();
    const duplicates: string[] = [];
    collectCodes(tree.items, codes, duplicates);
    for (const code of duplicates) ctx.addIssue({ code: "custom", message: `duplicate item code ${code}` });
    for (const duty of tree.reporting) {
      if (!codes.has(duty.source))
        ctx.addIssue({ code: "custom", message: `reporting source ${duty.source} is no item` });
    }
    for (const warning of tree.warnings) {
      if (warning.at !== null && !codes.has(warning.at)) {
        ctx.addIssue({ code: "custom", message: `warning at ${warning.at} is no item` });
      }
    }
  });
export type PlanTree = z.infer<typeof PlanTree>;

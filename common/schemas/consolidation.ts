import { z } from "zod";

/**
 * The consolidated provincial report: a draft built from the accepted unit reports of one plan
 * and period, edited section by section by the coordinator, then finalised (frozen) and exported
 * as .docx (Nghị định 30/2020 layout), .xlsx annex and PDF. Rules: docs/reports.md.
 */

export const SECTION_KINDS = [
  "intro",
  "heading",
  "indicators",
  "reporting",
  "difficulties",
  "escalations",
  "directions",
  "proposals",
] as const;
export const SectionKind = z.enum(SECTION_KINDS);

export const DraftSection = z.object({
  /** "intro", "heading:II.1", "indicators" … stable across refreshes */
  key: z.string(),
  kind: SectionKind,
  /** the section's title as printed, with its number ("1. Tuyên truyền …") */
  title: z.string(),
  /** the plan heading it reports under ("II.1"), for `heading` sections */
  headingCode: z.string().nullable(),
  /** what is printed: paragraphs one a line; a line starting "- " is a bullet */
  text: z.string(),
  /** what the system drafted from the reports, kept to compare after a refresh */
  generated: z.string(),
  /** the coordinator changed `text`: a refresh keeps it */
  edited: z.boolean(),
  /** a refresh drafted something else than what the edit started from */
  sourceChanged: z.boolean(),
});
export type DraftSection = z.infer<typeof DraftSection>;

export const DraftIndicator = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  aggregation: z.enum(["sum", "average", "latest"]),
  value: z.number().nullable(),
  reportingUnits: z.number().int(),
});
export type DraftIndicator = z.infer<typeof DraftIndicator>;

export const AnnexRow = z.object({
  unitName: z.string(),
  unitType: z.string(),
  revision: z.number().int(),
  submittedAt: z.string(),
  late: z.boolean(),
  values: z.record(z.string(), z.number().nullable()),
});
export type AnnexRow = z.infer<typeof AnnexRow>;

export const ConsolidationDraft = z.object({
  plan: z.object({
    id: z.string(),
    title: z.string(),
    number: z.string().nullable(),
    issuedOn: z.string().nullable(),
  }),
  period: z.object({
    key: z.string(),
    label: z.string(),
    from: z.string(),
    to: z.string(),
    deadline: z.string(),
  }),
  issuer: z.object({
    name: z.string(),
    place: z.string(),
    shortName: z.string(),
    /**
     * who issues the report from a day on, where the issuing body was renamed or merged after the
     * period (Kiên Giang's committee is An Giang's from 1 July 2025): the header follows the date
     */
    since: z.array(z.object({ from: z.string(), name: z.string(), place: z.string() })).optional(),
  }),
  counts: z.object({
    expected: z.number().int(),
    accepted: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
  }),
  sections: z.array(DraftSection),
  indicators: z.array(DraftIndicator),
  annex: z.array(AnnexRow),
  /** units expected to report without an accepted report, and where theirs stands */
  missing: z.array(z.object({ unitName: z.string(), status: z.enum(["none", "draft", "sent", "returned"]) })),
});
export type ConsolidationDraft = z.infer<typeof ConsolidationDraft>;

const isoDate = z.iso.date();

/** What the clerk fills in on the document itself: its number, the date, the signer's name. */
export const DocumentFields = z.object({
  /** "12/BC-UBND"; null: "…/BC-UBND" for the clerk to number */
  number: z.string().trim().max(60).nullable(),
  date: isoDate.nullable(),
  signerName: z.string().trim().max(120).nullable(),
});
export type DocumentFields = z.infer<typeof DocumentFields>;

export const CONSOLIDATION_STATUSES = ["draft", "final"] as const;

export const Consolidation = z.object({
  id: z.string().uuid(),
  planId: z.string().uuid(),
  periodKey: z.string(),
  status: z.enum(CONSOLIDATION_STATUSES),
  version: z.number().int(),
  draft: ConsolidationDraft,
  document: DocumentFields,
  createdAt: z.string(),
  updatedAt: z.string(),
  finalisedAt: z.string().nullable(),
  finalisedBy: z.string().nullable(),
  /** what the signed-in user may do with it */
  actions: z.object({ edit: z.boolean(), finalise: z.boolean(), pdf: z.boolean() }),
});
export type Consolidation = z.infer<typeof Consolidation>;

export const ConsolidationSummary = Consolidation.omit({ draft: true }).extend({
  planTitle: z.string(),
  periodLabel: z.string(),
  counts: ConsolidationDraft.shape.counts,
});

export const ConsolidationList = z.object({
  items: z.array(ConsolidationSummary),
  /** the signed-in user may draft a period's report */
  canDraft: z.boolean(),
});

export const CreateConsolidationBody = z
  .object({
    /** default: the most recently published plan */
    planId: z.string().uuid().optional(),
    periodKey: z.string().trim().min(1).max(40),
  })
  .strict();

export const ConsolidationIdParams = z.object({ id: z.string().uuid() });
export const SectionParams = z.object({ id: z.string().uuid(), key: z.string().min(1).max(80) });

export const EditSectionBody = z
  .object({
    version: z.number().int().positive(),
    text: z.string().max(100_000),
  })
  .strict();

export const EditDocumentBody = DocumentFields.partial()
  .extend({ version: z.number().int().positive() })
  .strict();

export const FinaliseBody = z.object({ version: z.number().int().positive() }).strict();

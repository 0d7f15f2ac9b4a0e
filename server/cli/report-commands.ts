import { writeFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import type { ConsolidationDraft } from "../../common/schemas/consolidation.ts";
import { renderNd30Docx } from "../lib/documents/nd30.ts";
import { convertToPdf } from "../lib/documents/pdf.ts";
import { AppError, renderMessage } from "../lib/errors.ts";
import { annexWorkbook } from "../modules/reports/consolidate/annex.ts";
import { draftToDocument } from "../modules/reports/consolidate/document.ts";
import { buildConsolidationDraft } from "../modules/reports/consolidate/draft.ts";
import { defaultPlanId } from "../modules/reports/consolidate/service.ts";
import { consolidatedReports } from "../modules/reports/consolidate/tables.ts";
import { loadConsolidationInput } from "../modules/reports/consolidation.ts";
import { type CommandSpec, UsageError } from "./parse.ts";
import { dbHelp, dbOptions, withDatabase } from "./shared.ts";

/** `dongthuan report …`: the consolidated provincial report of a plan and period. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requireExtension(value: unknown, option: string, extension: string): string | null {
  if (value === undefined) return null;
  if (typeof value !== "string" || !value.toLowerCase().endsWith(extension))
    throw new UsageError(`--${option} must name a ${extension} file`);
  return value;
}

/** Both languages, as the operator may read either. */
const both = (error: AppError) =>
  `${renderMessage(error.code, error.params, "vi")}\n  ${renderMessage(error.code, error.params, "en")}`;

const reportConsolidate: CommandSpec = {
  name: "report consolidate",
  summary:
    "Write the consolidated provincial report of a period (.docx, Nghị định 30/2020), its .xlsx annex and PDF.",
  usage:
    "report consolidate [--plan ID] --period KEY --out bao-cao.docx [--xlsx phu-luc.xlsx] [--pdf bao-cao.pdf] [--fresh] [--data-dir DIR] [--database-url URL]",
  options: {
    ...dbOptions,
    plan: { type: "string" },
    period: { type: "string" },
    out: { type: "string", short: "o" },
    xlsx: { type: "string" },
    pdf: { type: "string" },
    fresh: { type: "boolean" },
  },
  help: [
    "  --plan ID             the plan (default: the most recently published plan with this period)",
    "  --period KEY          the reporting period, e.g. 2024",
    "  --out FILE.docx       the report, laid out by Nghị định 30/2020",
    "  --xlsx FILE.xlsx      the annex: one row per unit, one column per indicator, totals",
    "  --pdf FILE.pdf        a PDF too (needs LibreOffice: apt-get install libreoffice-writer-nogui)",
    "  --fresh               draft anew from the accepted reports, ignoring the coordinator's saved draft",
    ...dbHelp,
    "",
    "The coordinator's saved report for the plan and period (with its edits, or finalised) is used",
    "when there is one. Exit code 1 when no unit report of the period has been accepted.",
  ],
  async run({ values }) {
    const periodKey = typeof values.period === "string" ? values.period.trim() : "";
    if (!periodKey) throw new UsageError("--period is required");
    const out = requireExtension(values.out, "out", ".docx");
    if (!out) throw new UsageError("--out is required");
    const xlsx = requireExtension(values.xlsx, "xlsx", ".xlsx");
    const pdf = requireExtension(values.pdf, "pdf", ".pdf");
    if (values.plan !== undefined && (typeof values.plan !== "string" || !UUID.test(values.plan)))
      throw new UsageError("--plan must be a plan id (see dongthuan plan list)");

    return withDatabase(values, async ({ database, tenant }) => {
      const db = database.db;
      try {
        const planId = (values.plan as string | undefined) ?? (await defaultPlanId(db, tenant.id, periodKey));
        const [saved] = values.fresh
          ? []
          : await db
              .select()
              .from(consolidatedReports)
              .where(
                and(
                  eq(consolidatedReports.tenantId, tenant.id),
                  eq(consolidatedReports.planId, planId),
                  eq(consolidatedReports.periodKey, periodKey),
                ),
              );
        let draft: ConsolidationDraft;
        if (saved) {
          draft = saved.draft;
          console.log(
            `Using the ${saved.status === "final" ? "finalised" : "saved draft"} report ${saved.id} (version ${saved.version}); --fresh drafts anew.`,
          );
        } else {
          draft = buildConsolidationDraft(await loadConsolidationInput(db, tenant.id, { planId, periodKey }));
        }
        const fields = saved?.document;
        const doc = draftToDocument(draft, {
          number: fields?.number ?? null,
          date: fields?.date ? new Date(`${fields.date}T05:00:00Z`) : null,
          signer: fields?.signerName ? { name: fields.signerName } : undefined,
        });
        const docx = await renderNd30Docx(doc);
        writeFileSync(out, docx);
        const { accepted, expected, late, missing } = draft.counts;
        console.log(
          `Wrote ${out}: ${doc.abstract} — ${accepted}/${expected} units reported (${late} late, ${missing} without an accepted report), ${draft.sections.filter((s) => s.kind === "heading").length} headings.`,
        );
        if (xlsx) {
          writeFileSync(xlsx, await annexWorkbook(draft));
          console.log(`Wrote ${xlsx}: ${draft.annex.length} units × ${draft.indicators.length} indicators.`);
        }
        if (pdf) {
          writeFileSync(pdf, await convertToPdf(docx));
          console.log(`Wrote ${pdf}.`);
        }
        return 0;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        console.error(`dongthuan report consolidate: ${both(error)}`);
        return 1;
      }
    });
  },
};

export const reportCommands: CommandSpec[] = [reportConsolidate];

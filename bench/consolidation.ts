/**
 * Consolidating a large province: 150 units × 40 plan headings (3–7 sentences of realistic
 * length each, a fifth of them shared wording) and 15 indicators → the draft (merged, attributed
 * narratives, aggregated indicators), the .docx in the Nghị định 30/2020 layout and the .xlsx
 * annex; the PDF too when LibreOffice is installed. Prints each step's time and the cost per unit.
 *
 *   node bin/run-ts.mjs bench/consolidation.ts [--units 150] [--headings 40] [--indicators 15]
 */
import { performance } from "node:perf_hooks";
import { renderNd30Docx } from "../server/lib/documents/nd30.ts";
import { convertToPdf, pdfAvailable } from "../server/lib/documents/pdf.ts";
import { annexWorkbook } from "../server/modules/reports/consolidate/annex.ts";
import { draftToDocument } from "../server/modules/reports/consolidate/document.ts";
import { buildConsolidationDraft } from "../server/modules/reports/consolidate/draft.ts";
import { syntheticInput } from "../server/modules/reports/consolidate/fixtures.ts";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const units = option("units", 150);
const headings = option("headings", 40);
const indicators = option("indicators", 15);

const input = syntheticInput({ units, headings, indicators });
const sentences = input.reports.reduce(
  (n, r) => n + r.sections.reduce((m, s) => m + s.text.split(". ").length, 0),
  0,
);
const chars = input.reports.reduce((n, r) => n + r.sections.reduce((m, s) => m + s.text.length, 0), 0);
console.log(
  `${units} units × ${headings} headings × ${indicators} indicators: about ${sentences} sentences, ${(chars / 1e6).toFixed(1)} M characters of narrative`,
);

async function step<T>(name: string, work: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  console.log(`  ${name.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
  return { value, ms };
}

const draft = await step("draft (merge, aggregate)", () => buildConsolidationDraft(input));
const paragraphs = draft.value.sections.reduce((n, s) => n + s.text.split("\n").length, 0);
const docx = await step(".docx (Nghị định 30/2020)", () => renderNd30Docx(draftToDocument(draft.value)));
const xlsx = await step(".xlsx annex", () => annexWorkbook(draft.value));
let total = draft.ms + docx.ms + xlsx.ms;
if (pdfAvailable()) {
  const pdf = await step("PDF (LibreOffice)", () => convertToPdf(docx.value, { timeoutMs: 300_000 }));
  total += pdf.ms;
  console.log(`  PDF ${(pdf.value.length / 1e6).toFixed(1)} MB`);
} else {
  console.log("  PDF skipped: LibreOffice (libreoffice-writer-nogui) is not installed");
}
console.log(
  `  total ${(total / 1000).toFixed(2)} s, ${(total / units).toFixed(1)} ms per unit; ${paragraphs} paragraphs drafted, .docx ${(docx.value.length / 1e6).toFixed(2)} MB, .xlsx ${(xlsx.value.length / 1e3).toFixed(0)} kB`,
);

/**
 * Plan importer accuracy and speed on the fixture corpus (npm run bench:import).
 * For every fixture with an expected tree: the share of expected items found under the
 * same code with the same kind, text, actors and due; the document fields matched;
 * references, reporting duties and warnings matched; and parse time per page
 * (a page ≈ 3,000 characters of normalized text; a PDF's own pages for a PDF).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanItem, PlanTree } from "../common/plan-tree.ts";
import { CHARACTERS_PER_PAGE, importPlanBuffer } from "../server/modules/plans/import/index.ts";

const dir = join(import.meta.dirname, "../server/modules/plans/import/fixtures");
const RUNS = 3;

function flatten(items: PlanItem[], into = new Map<string, PlanItem>()): Map<string, PlanItem> {
  for (const item of items) {
    into.set(item.code, item);
    flatten(item.children, into);
  }
  return into;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function itemMatches(want: PlanItem, got: PlanItem | undefined): boolean {
  return (
    got !== undefined &&
    got.kind === want.kind &&
    got.text === want.text &&
    same(got.actors, want.actors) &&
    same(got.due, want.due)
  );
}

function countMatches<T>(want: T[], got: T[], key: (x: T) => unknown = (x) => x): number {
  const pool = got.map((g) => JSON.stringify(key(g)));
  let n = 0;
  for (const w of want) {
    const i = pool.indexOf(JSON.stringify(key(w)));
    if (i >= 0) {
      pool.splice(i, 1);
      n++;
    }
  }
  return n;
}

interface Row {
  file: string;
  items: [number, number];
  metadata: [number, number];
  references: [number, number];
  reporting: [number, number];
  warnings: [number, number];
  pages: number;
  ms: number;
}

const pct = ([a, b]: [number, number]) => (b === 0 ? "  -  " : `${((100 * a) / b).toFixed(1)}%`);
const frac = ([a, b]: [number, number]) => `${a}/${b}`;

async function measure(file: string, expectedFile: string): Promise<Row> {
  const buffer = readFileSync(join(dir, file));
  const want = JSON.parse(readFileSync(join(dir, expectedFile), "utf8")) as PlanTree;
  let got = await importPlanBuffer(buffer, file);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    got = await importPlanBuffer(buffer, file);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const wantItems = flatten(want.items);
  const gotItems = flatten(got.items);
  let matched = 0;
  for (const [code, item] of wantItems) if (itemMatches(item, gotItems.get(code))) matched++;
  const fields = Object.keys(want.document) as (keyof PlanTree["document"])[];
  const metadata = fields.filter((f) => same(got.document[f], want.document[f])).length;
  const warningKey = (w: PlanTree["warnings"][number]) => [w.code, w.at, w.message];
  const pages =
    got.source.format === "pdf"
      ? got.source.pages
      : Math.max(got.source.text.length / CHARACTERS_PER_PAGE, 0.1);
  return {
    file,
    items: [matched, wantItems.size],
    metadata: [metadata, fields.length],
    references: [countMatches(want.references, got.references), want.references.length],
    reporting: [countMatches(want.reporting, got.reporting), want.reporting.length],
    warnings: [countMatches(want.warnings, got.warnings, warningKey), want.warnings.length],
    pages,
    ms: times[Math.floor(times.length / 2)],
  };
}

const files = readdirSync(dir);
const rows: Row[] = [];
for (const expected of files.filter((f) => f.endsWith(".expected.json")).sort()) {
  const stem = expected.replace(/\.expected\.json$/, "");
  const source = files.find((f) => f.startsWith(`${stem}.`) && /\.(txt|docx|pdf)$/.test(f));
  if (source) rows.push(await measure(source, expected));
}

const header = ["file", "items", "", "metadata", "references", "reporting", "warnings", "pages", "ms/page"];
const table = rows.map((r) => [
  r.file,
  frac(r.items),
  pct(r.items),
  frac(r.metadata),
  frac(r.references),
  frac(r.reporting),
  frac(r.warnings),
  r.pages.toFixed(1),
  (r.ms / r.pages).toFixed(2),
]);
const sum = (pick: (r: Row) => [number, number]): [number, number] =>
  rows.reduce<[number, number]>((acc, r) => [acc[0] + pick(r)[0], acc[1] + pick(r)[1]], [0, 0]);
const totalPages = rows.reduce((a, r) => a + r.pages, 0);
const totalMs = rows.reduce((a, r) => a + r.ms, 0);
table.push([
  `TOTAL (${rows.length} files)`,
  frac(sum((r) => r.items)),
  pct(sum((r) => r.items)),
  frac(sum((r) => r.metadata)),
  frac(sum((r) => r.references)),
  frac(sum((r) => r.reporting)),
  frac(sum((r) => r.warnings)),
  totalPages.toFixed(1),
  (totalMs / totalPages).toFixed(2),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const format = (row: string[]) =>
  row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
console.log(format(header));
for (const row of table) console.log(format(row));

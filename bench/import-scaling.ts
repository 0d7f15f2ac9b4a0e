// How the plan importer's time grows with the size of a document, for the shapes an attacker (or a
// careless export) produces: thousands of repeated headings, lines that never end a sentence, one
// huge paragraph. Each row doubles the size; a ratio near 2 is linear, near 4 quadratic. Times are
// measured here side by side in one run; nothing passes or fails on them.
import { parsePlanText } from "../server/modules/plans/import/parse.ts";

const SHAPES: Record<string, (i: number) => string> = {
  "repeated headings (I. … V.)": (i) => `${["I", "II", "III", "IV", "V"][i % 5]}. MỤC`,
  "lines that continue one sentence": () => "trước ngày 30/6/2025",
  "short words, no punctuation": () => "việc",
  "numbered tasks": (i) => `${(i % 20) + 1}. Sở Nội vụ chủ trì việc ${i}.`,
  bullets: () => "- Sở Tư pháp phối hợp",
};
const SIZES = [2500, 5000, 10000, 20000];

function time(lines: string[]): number {
  const start = performance.now();
  parsePlanText(lines.join("\n"));
  return performance.now() - start;
}

console.log("shape".padEnd(36), ...SIZES.map((n) => `${n} lines`.padStart(13)), "  ratio per doubling");
for (const [shape, line] of Object.entries(SHAPES)) {
  const times = SIZES.map((n) => time(["KẾ HOẠCH", "Thử", ...Array.from({ length: n }, (_, i) => line(i))]));
  const ratios = times.slice(1).map((t, i) => (t / Math.max(times[i], 1)).toFixed(1));
  console.log(
    shape.padEnd(36),
    ...times.map((t) => `${t.toFixed(0)} ms`.padStart(13)),
    "  ",
    ratios.join(" "),
  );
}

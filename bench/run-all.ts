// `npm run bench`: every benchmark, one after the other, each printing its own table. They print
// ratios and accuracies measured in one run, never pass/fail on a timing.
import { spawnSync } from "node:child_process";

const BENCHMARKS = [
  { script: "bench/import-accuracy.ts", what: "plan importer: accuracy per fixture and parse time per page" },
  {
    script: "bench/import-scaling.ts",
    what: "plan importer: time as documents double in size (≈2 is linear)",
  },
  {
    script: "bench/petition-routing.ts",
    what: "petition routing: top-1 / top-3 accuracy on a held-out split",
  },
  {
    script: "bench/consolidation.ts",
    what: "consolidated report: 150 units × 40 headings → draft, .docx, .xlsx (and PDF) times",
  },
];

let failed = 0;
for (const bench of BENCHMARKS) {
  console.log(`\n== ${bench.script} — ${bench.what}`);
  const result = spawnSync(process.execPath, ["bin/run-ts.mjs", bench.script], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;

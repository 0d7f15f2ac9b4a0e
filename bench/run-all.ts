// `npm run bench`: every benchmark, one after the other, each printing its own table. They print
// ratios and accuracies measured in one run, never pass/fail on a timing.
// `npm run bench -- --soak`: the crash soak alone (bench/soak.ts: 20 SIGKILLs of the served
// process per engine, some minutes); it fails when anything acknowledged was lost or doubled.
import { spawnSync } from "node:child_process";

if (process.argv.includes("--soak")) {
  const args = process.argv.slice(2);
  console.log("\n== bench/soak.ts — crash soak: the served process killed at seeded moments, per engine");
  const result = spawnSync(process.execPath, ["bin/run-ts.mjs", "bench/soak.ts", ...args], {
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}

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

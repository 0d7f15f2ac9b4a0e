#!/usr/bin/env node
// The whole test suite: unit and integration tests (Vitest, on PGlite and PostgreSQL), then the
// browser tests (Playwright on the system's Chromium). Ends with one plain summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

mkdirSync(".tmp", { recursive: true });
const vitestJson = ".tmp/vitest-results.json";
const playwrightJson = ".tmp/playwright-results.json";
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const run = (command, args, env = {}) =>
  spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

const extra = process.argv.slice(2);
const unitStatus = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
  ...extra,
]);
// Days that have bitten, each an extra Vitest run with the server's clock pinned there
// (DONGTHUAN_NOW, see docs/decisions/2026-12-07-one-clock.md), the integration suites on one
// engine each (alternating). DT_PINNED_DAYS takes "all", a count, or a comma-separated list of
// days; under CI it defaults to the first two (a 10 December deadline day on PostgreSQL, the day
// before Tết on PGlite), outside CI to none.
const BITING_DAYS = [
  "2026-12-10T06:30:00+07:00", // a 10 December deadline day, early morning: UTC is still the 9th
  "2027-02-05T16:00:00+07:00", // the day before lunar Tết (Đinh Mùi, 6 February 2027)
  "2026-12-31T23:00:00+07:00", // 31 December, late evening
  // The day the district level was abolished. Known to fail: the demo's year of petitions and
  // answers is laid out before today, when today's communes did not exist yet.
  "2025-07-01T09:00:00+07:00",
];
const pinnedWanted = process.env.DT_PINNED_DAYS ?? (process.env.CI ? "2" : "");
// Suites about processes and files, not dates (the command line's plumbing and a served process,
// the backup round trip, the data folder's lock, the served process killed and cut off from its
// database): a third of a pinned run's time. The main run has them; the pinned runs leave them out.
const NOT_ABOUT_DATES = [
  "server/cli/cli.test.ts",
  "server/jobs/backup.test.ts",
  "server/jobs/backup-archive.test.ts",
  "server/db/lock.test.ts",
  "server/db/roles.test.ts",
  "server/reliability/crash.test.ts",
  "server/reliability/outage.test.ts",
  // Who may read what does not change with the day; the matrix is the suite's longest file.
  "server/http/authorization-matrix.test.ts",
];
const pinnedDays =
  pinnedWanted === "all"
    ? BITING_DAYS
    : /^\d+$/.test(pinnedWanted)
      ? BITING_DAYS.slice(0, Number(pinnedWanted))
      : pinnedWanted
          .split(",")
          .map((day) => day.trim())
          .filter(Boolean);
const pinnedResults = [];
for (const [index, day] of pinnedDays.entries()) {
  const output = `.tmp/vitest-pinned-${index}.json`;
  rmSync(output, { force: true });
  console.log(
    `\n== Vitest again with the clock pinned to ${day} (${index % 2 === 0 ? "PostgreSQL" : "PGlite"})`,
  );
  const status = run(
    "npx",
    [
      "vitest",
      "run",
      "--reporter=dot",
      "--reporter=json",
      `--outputFile.json=${output}`,
      ...NOT_ABOUT_DATES.flatMap((file) => ["--exclude", file]),
      ...extra,
    ],
    { DONGTHUAN_NOW: day, DT_ENGINES: index % 2 === 0 ? "postgres" : "pglite" },
  );
  pinnedResults.push({ day, status, output });
}

// The browser suite's server keeps its data here, so that its audit trail can be verified after.
const e2eDataDir = process.env.DT_E2E_DATA_DIR ?? join(tmpdir(), `dongthuan-e2e-${Date.now()}`);
const e2eStatus = run(
  "npx",
  ["playwright", "test", "-c", "e2e/playwright.config.ts", "--reporter=list,json"],
  {
    PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson,
    DT_E2E_DATA_DIR: e2eDataDir,
  },
);

// Everything the browser suite did went through the server's audit trail: its chain, under the
// key that server created, and against the checkpoints it wrote, must verify.
let auditStatus = 0;
if (existsSync(join(e2eDataDir, "db"))) {
  console.log("\n== audit verify on the browser suite's database");
  auditStatus = run(process.execPath, ["bin/dongthuan.mjs", "audit", "verify", "--data-dir", e2eDataDir]);
  if (auditStatus === 0 && !process.env.DT_E2E_DATA_DIR) rmSync(e2eDataDir, { recursive: true, force: true });
} else if (process.env.CI && e2eStatus === 0) {
  console.error(`The browser suite left no database in ${e2eDataDir}: its audit trail could not be verified`);
  auditStatus = 1;
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
  const result = JSON.parse(readFileSync(vitestJson, "utf8"));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
}
let pinnedStatus = 0;
for (const { day, status, output } of pinnedResults) {
  let failedHere = 0;
  if (existsSync(output)) {
    const result = JSON.parse(readFileSync(output, "utf8"));
    passed += result.numPassedTests;
    failedHere = result.numFailedTests;
    skipped += result.numPendingTests + result.numTodoTests;
  }
  if (status !== 0 && failedHere === 0) failedHere = 1;
  failed += failedHere;
  if (status !== 0) pinnedStatus = status;
  console.log(`clock pinned to ${day}: exit ${status}, ${failedHere} failed`);
}
if (existsSync(playwrightJson)) {
  const { stats } = JSON.parse(readFileSync(playwrightJson, "utf8"));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
}
// A runner that crashed before writing its results still fails the run.
if (unitStatus !== 0 && failed === 0) failed += 1;
if (e2eStatus !== 0 && failed === 0) failed += 1;
if (auditStatus !== 0) failed += 1;
console.log(
  `\nunit+integration exit ${unitStatus}, browser exit ${e2eStatus}, audit verify exit ${auditStatus}`,
);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unitStatus === 0 && pinnedStatus === 0 && e2eStatus === 0 && auditStatus === 0 ? 0 : 1);

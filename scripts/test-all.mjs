#!/usr/bin/env node
// The whole test suite: unit and integration tests (Vitest, on PGlite and PostgreSQL), then the
// browser tests (Playwright on the system's Chromium). Ends with one plain summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

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
const e2eStatus = run(
  "npx",
  ["playwright", "test", "-c", "e2e/playwright.config.ts", "--reporter=list,json"],
  {
    PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson,
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
  const result = JSON.parse(readFileSync(vitestJson, "utf8"));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
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
console.log(`\nunit+integration exit ${unitStatus}, browser exit ${e2eStatus}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unitStatus === 0 && e2eStatus === 0 ? 0 : 1);

import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

// DT_CHROMIUM only exists to check the missing-browser path; the tests use the system Chromium.
export const CHROMIUM = process.env.DT_CHROMIUM ?? "/usr/bin/chromium";
// DT_E2E_PORT and WEB_DIST let two runs share one checkout (each its own server and build).
export const PORT = Number(process.env.DT_E2E_PORT ?? 3100);
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "secret-demo-pass";
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium && process.env.CI) {
  throw new Error(`Browser tests need Chromium at ${CHROMIUM}; install it with: apt-get install chromium`);
}
if (!hasChromium && !process.env.DT_E2E_WARNED) {
  process.env.DT_E2E_WARNED = "1"; // the config is read again by each worker: say it once
  console.warn(
    `Chromium is missing at ${CHROMIUM}: every browser test is skipped. Run: apt-get install chromium`,
  );
}

// Each run starts the server on an empty database of its own, so the demo data is fresh.
// The config is also read by worker processes; only the main one starts the server.
const dataDir = process.env.DT_E2E_DATA_DIR ?? join(tmpdir(), `dongthuan-e2e-${Date.now()}`);
process.env.DT_E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.e2e.ts",
  fullyParallel: false,
  // One server on an embedded database serves every test: a second worker makes the run no
  // faster and, all from 127.0.0.1, pushes the server's per-address rate limit (600/min).
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  // A run on another port (another checkout's or a second run's) keeps its traces apart: each
  // run empties its output folder when it starts.
  outputDir: process.env.DT_E2E_PORT ? `../test-results-${PORT}` : "../test-results",
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    // A trace of the retry (CI retries once): recording one for every test costs the whole run
    // minutes on two cores, and a failure that repeats is traced all the same.
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: hasChromium
    ? {
        command: "node scripts/ensure-web-build.mjs && node bin/dongthuan.mjs serve",
        cwd: "..",
        url: `http://localhost:${PORT}/api/health`,
        timeout: 180_000,
        reuseExistingServer: !process.env.CI,
        stdout: "ignore", // one log line per request; failures show in the tests and on stderr
        stderr: "pipe",
        // Stopped as an operator would stop it, so that it writes its last audit checkpoint and
        // the suite's audit trail can be verified afterwards (scripts/test-all.mjs).
        gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
        // The suite signs in some forty times a minute from one address; the per-address login
        // limit (20/min by default) is for the internet, not for this. Account lock-out still applies.
        env: {
          DEMO_PASSWORD,
          PORT: String(PORT),
          DATA_DIR: dataDir,
          LOGIN_RATE_LIMIT: "1000",
          ...(process.env.WEB_DIST ? { WEB_DIST: process.env.WEB_DIST } : {}),
        },
      }
    : undefined,
});

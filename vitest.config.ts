import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "server/**/*.test.ts",
      "common/**/*.test.ts",
      "demo/**/*.test.ts",
      "web/src/**/*.test.{ts,tsx}",
    ],
    exclude: ["node_modules", "e2e", "web/dist"],
    // The audit key every write in a test is made under (the server loads its own from config).
    setupFiles: ["server/test/setup.ts"],
    // Integration suites open real databases (PGlite in WASM, PostgreSQL): give them time.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});

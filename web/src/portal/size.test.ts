// The portal's first load stays under 150 KB of gzipped JavaScript (scripts/check-portal-size.mjs,
// which builds the app into WEB_DIST or web/dist when the portal is not built yet).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const check = (...args: string[]) =>
  spawnSync(process.execPath, ["scripts/check-portal-size.mjs", ...args], { cwd: root, encoding: "utf8" });

describe("the portal's first load", () => {
  it("is under 150 KB gzipped and pulls no staff-app library", { timeout: 180_000 }, () => {
    const result = check();
    expect(result.status, result.stderr).toBe(0);
    const size = /portal first load: ([\d.]+) KB/.exec(result.stdout);
    expect(size).not.toBeNull();
    expect(Number(size![1])).toBeGreaterThan(10);
    expect(Number(size![1])).toBeLessThanOrEqual(150);
    expect(result.stdout).toMatch(/react-/);
  });

  it("is measured on the production build, whoever built it", { timeout: 180_000 }, () => {
    // Vitest runs with NODE_ENV=test; a build inheriting it ships React's and antd's test code
    // (every dialog labelled by one "test-id"), which the browser tests would then be served.
    expect(check().status).toBe(0);
    const dist = process.env.WEB_DIST ?? join(root, "web/dist");
    const scripts = readdirSync(join(dist, "assets")).filter((name) => name.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    const dev = scripts.filter((name) =>
      readFileSync(join(dist, "assets", name), "utf8").includes("css-dev-only-do-not-override"),
    );
    expect(dev).toEqual([]);
  });

  it("fails when the limit is lower than the size", { timeout: 180_000 }, () => {
    const result = check("--limit", "5");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/over the limit of 5 KB/);
  });
});

#!/usr/bin/env node
// Builds the web app only when web/dist is missing or older than its sources, so
// `npm start` and the browser tests stay fast when nothing changed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = process.env.WEB_DIST ?? join(root, "web/dist");
const output = join(outDir, "index.html");
const sources = ["web/src", "web/index.html", "web/portal.html", "web/vite.config.ts", "common/i18n"].map(
  (p) => join(root, p),
);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

// Written after a production build: a web/dist built any other way (a test runner's NODE_ENV) is
// rebuilt, even when it is newer than the sources.
const stamp = join(outDir, ".production");
const builtAt = existsSync(output) && existsSync(stamp) ? statSync(output).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));

if (builtAt > 0 && builtAt >= changedAt) {
  console.log("web: web/dist is up to date, not rebuilding");
} else {
  const why = !existsSync(output)
    ? "web/dist was missing"
    : !existsSync(stamp)
      ? "web/dist was not a production build"
      : "sources changed";
  const vite = join(root, "node_modules/vite/bin/vite.js");
  const result = spawnSync(
    process.execPath,
    [vite, "build", "--config", "web/vite.config.ts", "--outDir", outDir, "--logLevel", "warn"],
    {
      cwd: root,
      stdio: "inherit",
      // Always the production build: run from a test runner (NODE_ENV=test), Vite would otherwise
      // build React and antd for tests (every dialog labelled by the same "test-id").
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  if (result.status !== 0) {
    console.error(`web: build failed (${why})`);
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, "built with NODE_ENV=production\n");
  console.log(`web: built web/dist (${why})`);
}

#!/usr/bin/env node
// Builds the web app only when web/dist is missing or older than its sources, so
// `npm start` and the browser tests stay fast when nothing changed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
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

const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));

if (builtAt > 0 && builtAt >= changedAt) {
  console.log("web: web/dist is up to date, not rebuilding");
} else {
  const why = builtAt === 0 ? "web/dist was missing" : "sources changed";
  const vite = join(root, "node_modules/vite/bin/vite.js");
  const result = spawnSync(
    process.execPath,
    [vite, "build", "--config", "web/vite.config.ts", "--outDir", outDir, "--logLevel", "warn"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) {
    console.error(`web: build failed (${why})`);
    process.exit(result.status ?? 1);
  }
  console.log(`web: built web/dist (${why})`);
}

#!/usr/bin/env node
// The citizens' portal must stay light on a phone: the JavaScript its page loads before anything
// shows (the entry, its modulepreloads and every static import among them — not the pages loaded
// later) must stay under 150 KB gzipped. Reads the built app in WEB_DIST (default web/dist),
// building it first when the portal is missing; prints the size and exits 1 above the limit or
// when a staff-app library (antd, zod, i18next, TanStack, ECharts) reaches the first load.
//
//   node scripts/check-portal-size.mjs [--limit <KB>]
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = process.env.WEB_DIST ?? join(root, "web/dist");
const limitArg = process.argv.indexOf("--limit");
const limitKb = limitArg > 0 ? Number(process.argv[limitArg + 1]) : 150;
if (!Number.isFinite(limitKb) || limitKb <= 0) {
  console.error("--limit takes a size in KB, e.g. --limit 150");
  process.exit(2);
}
// The chunk names are the vendor groups of web/vite.config.ts ("i18next", not the portal's own i18n.ts).
const FORBIDDEN = /antd|ant-design|zod|assets\/i18next-|tanstack|echarts/i;

// The stamp is written after a production build (scripts/ensure-web-build.mjs writes it too): a
// build made any other way is not what citizens download, so it is built again.
const stamp = join(dist, ".production");
if (!existsSync(join(dist, "portal.html")) || !existsSync(stamp)) {
  const vite = join(root, "node_modules/vite/bin/vite.js");
  const built = spawnSync(
    process.execPath,
    [
      vite,
      "build",
      "--config",
      "web/vite.config.ts",
      "--outDir",
      dist,
      "--emptyOutDir",
      "--logLevel",
      "error",
    ],
    // The production build, whatever NODE_ENV the caller runs under (Vitest sets "test").
    { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
  );
  if (built.status !== 0) {
    console.error("portal size: the web build failed");
    process.exit(1);
  }
  writeFileSync(stamp, "built with NODE_ENV=production\n");
}

const html = readFileSync(join(dist, "portal.html"), "utf8");
const start = [
  ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
];
if (start.length === 0) {
  console.error("portal size: portal.html loads no module script");
  process.exit(1);
}

// Static imports only: `import … from "./x.js"` and `import "./x.js"`; `import("./x.js")` is lazy.
const STATIC_IMPORT = /\bimport\s*(?:[^"'()]*?\bfrom\s*)?["']([^"']+\.js)["']/g;
const seen = new Map();
const queue = start.map((src) => join(dist, src.replace(/^\//, "")));
while (queue.length > 0) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  const code = readFileSync(file);
  seen.set(file, { raw: code.length, gzip: gzipSync(code).length });
  for (const match of code.toString("utf8").matchAll(STATIC_IMPORT)) {
    const target = match[1].startsWith("/") ? join(dist, match[1].slice(1)) : join(dirname(file), match[1]);
    if (!seen.has(target)) queue.push(target);
  }
}

let total = 0;
const rows = [...seen.entries()].sort((a, b) => b[1].gzip - a[1].gzip);
for (const [file, size] of rows) {
  total += size.gzip;
  console.log(`  ${(size.gzip / 1024).toFixed(1).padStart(7)} KB  ${file.slice(dist.length + 1)}`);
}
const kb = total / 1024;
console.log(
  `portal first load: ${kb.toFixed(1)} KB of JavaScript gzipped (limit ${limitKb} KB), ${rows.length} files`,
);
const heavy = rows.map(([file]) => file.slice(dist.length + 1)).filter((name) => FORBIDDEN.test(name));
if (heavy.length > 0) {
  console.error(`portal size: the first load pulls a staff-app library: ${heavy.join(", ")}`);
  process.exit(1);
}
if (kb > limitKb) {
  console.error(`portal size: ${kb.toFixed(1)} KB is over the limit of ${limitKb} KB`);
  process.exit(1);
}

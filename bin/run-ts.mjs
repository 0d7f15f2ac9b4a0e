#!/usr/bin/env node
import { resolve } from "node:path";
// Runs one TypeScript script (benchmarks, maintenance) with tsx.
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register();
const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error("usage: run-ts.mjs SCRIPT.ts [args…]");
  process.exit(2);
}
process.argv = [process.argv[0], script, ...rest];
await import(pathToFileURL(resolve(script)).href);

#!/usr/bin/env node
// The operator's command line. The source is TypeScript run through tsx, so an
// installation needs no build step for the server.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/main.ts");
process.exitCode = await main(process.argv.slice(2));

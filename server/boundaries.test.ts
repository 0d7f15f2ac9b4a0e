import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";

// The boundaries between the server's parts. A module's tables belong to it: another module reads
// them through the owner's services, never by importing its `tables.ts` (a `tables.ts` may refer
// to another's tables for its foreign keys). `server/lib` is plain helpers and knows no module.
// The demo province is loaded by the command line and the start-up only.
//
// The boundaries that are crossed today are listed below, each to be removed by moving the read
// behind the owning module's services; the test fails on any crossing not listed, and on a listed
// one that is gone (so the list only shrinks).

const ROOT = process.cwd();

const KNOWN_TABLE_CROSSINGS = [
  "server/modules/auth/closed-units.ts -> orgs",
  "server/modules/auth/sessions.ts -> orgs",
  "server/modules/auth/users.ts -> orgs",
  "server/modules/reports/consolidate/service.ts -> plans",
  "server/modules/assignments/succession.ts -> plans",
].sort();

// The session hook asks the auth module who is calling (types of the request context are shapes).
const KNOWN_PLUMBING_CROSSINGS = ["server/http/auth-hook.ts -> modules/auth"];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** What a file imports at run time (a type-only import names a shape and reads nothing). */
const imports = (file: string) =>
  [
    ...readFileSync(join(ROOT, file), "utf8").matchAll(
      /^\s*(import|export)(\s+type\b)?[^'"]*from\s+"([^"]+)"/gm,
    ),
  ]
    .filter((m) => !m[2])
    .map((m) => relative(ROOT, join(ROOT, file, "..", m[3])));

/** The module a path under server/modules belongs to ("reports" for reports/consolidate/…). */
const moduleOf = (path: string) => /^server\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;

it("no module imports another module's tables outside its own tables.ts", () => {
  const found = new Set<string>();
  for (const file of sources("server/modules")) {
    if (/\/tables\.ts$|-tables\.ts$/.test(file)) continue;
    const own = moduleOf(file);
    for (const target of imports(file)) {
      const owner = moduleOf(target);
      if (owner && owner !== own && /(^|\/|-)tables\.ts$/.test(target)) found.add(`${file} -> ${owner}`);
    }
  }
  const crossings = [...found].sort();
  expect(
    crossings.filter((c) => !KNOWN_TABLE_CROSSINGS.includes(c)),
    "read another module's data through its services, not its tables",
  ).toEqual([]);
  expect(
    KNOWN_TABLE_CROSSINGS.filter((c) => !crossings.includes(c)),
    "this crossing is gone: take it off the list",
  ).toEqual([]);
});

it("server/lib knows no module, and server/http only the crossings listed", () => {
  const lib = sources("server/lib").flatMap((file) =>
    imports(file)
      .filter((target) => target.startsWith("server/modules/"))
      .map((target) => `${file} -> ${target}`),
  );
  expect(lib).toEqual([]);
  const http = new Set<string>();
  for (const file of sources("server/http")) {
    for (const target of imports(file)) {
      const owner = moduleOf(target);
      if (owner) http.add(`${file} -> modules/${owner}`);
    }
  }
  expect([...http].sort()).toEqual(KNOWN_PLUMBING_CROSSINGS);
});

it("the demo province is reached only from the command line and the start-up", () => {
  // Test support (the harness, a module's testing.ts) loads it for tests, and is not the server.
  const support = (file: string) => file.startsWith("server/test/") || /\/testing\.ts$/.test(file);
  const reaching = [...sources("server"), ...sources("web/src")]
    .filter((file) => !support(file))
    .filter((file) => imports(file).some((target) => target.startsWith("demo/")))
    .sort();
  expect(reaching).toEqual(["server/cli/commands.ts", "server/runtime.ts"]);
});

/**
 * A module asks the one check (`authorize(actor, "petitions.read", p)`, or `may` for what a page
 * offers: server/modules/authorize.ts), never its policy objects directly: the rules stay pure
 * functions in policy.ts, and every refusal is shaped in one place.
 */
it("modules authorize through the one check, not by calling their policy objects", () => {
  const found: string[] = [];
  for (const file of sources("server/modules")) {
    if (/\/policy\.ts$/.test(file)) continue;
    for (const call of readFileSync(join(ROOT, file), "utf8").match(/\b[a-z][A-Za-z]*Policy\.[a-zA-Z]+\(/g) ??
      [])
      found.push(`${file}: ${call}`);
  }
  expect(found, "call authorize(actor, action, resource) or may(…) from server/modules/authorize.ts").toEqual(
    [],
  );
});

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
 * Where a module still asks its policy object directly (`petitionPolicy.view(actor, p)`) instead
 * of the one check (`authorize(actor, "petitions.view", p)`, or `may` for what a page offers):
 * each file with its count, to be moved to `authorize`. The list only shrinks.
 */
const KNOWN_DIRECT_POLICY_CALLS: Record<string, number> = {
  "server/modules/assignments/progress.ts": 2,
  "server/modules/assignments/scope.ts": 2,
  "server/modules/audit/routes.ts": 2,
  "server/modules/auth/routes.ts": 1,
  "server/modules/auth/service.ts": 1,
  "server/modules/consultations/access.ts": 1,
  "server/modules/consultations/service.ts": 5,
  "server/modules/dialogues/access.ts": 1,
  "server/modules/dialogues/commitments.ts": 3,
  "server/modules/dialogues/routes.ts": 1,
  "server/modules/dialogues/service.ts": 5,
  "server/modules/petitions/access.ts": 1,
  "server/modules/petitions/review.ts": 1,
  "server/modules/petitions/routes.ts": 3,
  "server/modules/petitions/views.ts": 1,
  "server/modules/petitions/workflow.ts": 3,
  "server/modules/plans/registry.ts": 1,
  "server/modules/reports/access.ts": 1,
  "server/modules/reports/config.ts": 2,
  "server/modules/reports/consolidate/routes.ts": 10,
  "server/modules/reports/escalations.ts": 2,
  "server/modules/reports/files.ts": 2,
  "server/modules/reports/periods.ts": 2,
  "server/modules/reports/routes.ts": 2,
  "server/modules/reports/workflow-steps.ts": 3,
  "server/modules/reports/workflow.ts": 2,
};

it("modules authorize through the one check, not by calling their policy objects", () => {
  const found: Record<string, number> = {};
  for (const file of sources("server/modules")) {
    if (/\/policy\.ts$|\/index\.ts$/.test(file)) continue;
    const calls = readFileSync(join(ROOT, file), "utf8").match(/\b[a-z][A-Za-z]*Policy\.[a-zA-Z]+\(/g);
    if (calls) found[file] = calls.length;
  }
  const grown = Object.entries(found).filter(([file, n]) => n > (KNOWN_DIRECT_POLICY_CALLS[file] ?? 0));
  expect(grown, "call authorize(actor, action, resource) or may(…) from server/modules/authorize.ts").toEqual(
    [],
  );
  const shrunk = Object.entries(KNOWN_DIRECT_POLICY_CALLS).filter(([file, n]) => (found[file] ?? 0) < n);
  expect(shrunk, "fewer direct calls here now: lower the count (or take the file off)").toEqual([]);
});

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROLES } from "../../../common/enums.ts";

// The web app never works out what a user may do from role names: the server sends it, per
// module in Me.permissions and per resource in its `allowed` or `actions` list. This test fails on
// any source of the web app that names a role code or picks among the account's grants by role.

const ROOT = process.cwd();

/**
 * The places that name a role without deciding anything with it, each with its reason. A place
 * that no longer names one must come off the list, so the list only shrinks.
 */
const ALLOWED: Record<string, string> = {
  // The accounts form: a new grant row starts as an officer's, for the administrator to change.
  "web/src/features/users/UserFormModal.tsx": "the role a new grant row starts with",
};

const RULES: { name: string; pattern: RegExp }[] = [
  { name: "a role code", pattern: new RegExp(`["'\`](${ROLES.join("|")})["'\`]`, "g") },
  {
    name: "picking among the account's grants",
    pattern: /\.roles\s*\.\s*(some|every|filter|find|findIndex|includes)\s*\(/g,
  },
  { name: "a role looked up in a list", pattern: /\.(includes|has)\(\s*[\w.]*\.role\s*\)/g },
  { name: "a role compared", pattern: /\b(g|grant|r|role|roleGrant)\.role\s*[!=]==?/g },
];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Each rule the text breaks, with the line it breaks it on. */
function roleChecks(text: string): string[] {
  const found: string[] = [];
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const line = text.slice(0, match.index).split("\n").length;
      found.push(`line ${line}: ${rule.name} (${match[0]})`);
    }
  }
  return found;
}

describe("the web app derives no permission from role names", () => {
  it("finds each way of doing it", () => {
    expect(roleChecks(`me.roles.some((g) => g.role === "coordinator")`)).toHaveLength(3);
    expect(roleChecks(`const ROLES = new Set(["leadership"]);`)).toHaveLength(1);
    expect(roleChecks(`me.roles.filter((x) => SET.has(x.role))`)).toHaveLength(2);
    expect(roleChecks(`me.roles.map((g) => t(\`role.\${g.role}\`))`)).toEqual([]);
    expect(roleChecks(`me.permissions.reports.see && a.role === "requested"`)).toEqual([]);
  });

  it("no source of the web app names a role code or picks grants by role", () => {
    const found: Record<string, string[]> = {};
    for (const file of sources("web/src")) {
      const checks = roleChecks(readFileSync(join(ROOT, file), "utf8"));
      if (checks.length > 0) found[relative(ROOT, join(ROOT, file))] = checks;
    }
    const unexpected = Object.fromEntries(Object.entries(found).filter(([file]) => !(file in ALLOWED)));
    expect(unexpected, "read Me.permissions or the resource's actions instead").toEqual({});
    expect(
      Object.keys(ALLOWED).filter((file) => !(file in found)),
      "this place names no role any more: take it off the list",
    ).toEqual([]);
  });
});

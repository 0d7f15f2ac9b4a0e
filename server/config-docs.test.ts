import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

// The README's configuration table and the server's configuration agree: every environment variable
// the server reads is documented (in the table, or for the petitions' and citizens' settings in the
// documents the README points to), and every variable the table names is read.

const ROOT = process.cwd();
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** The variables a file reads: `env.X`, `env["X"]`, and the helpers' `(env, "X", …)` and `required("X")`. */
const readsIn = (source: string) =>
  new Set(
    [...source.matchAll(/\benv(?:\.|\[")([A-Z][A-Z0-9_]+)|\((?:env, )?"([A-Z][A-Z0-9_]+)"/g)].map(
      (m) => m[1] ?? m[2],
    ),
  );

const serverReads = new Set([
  ...readsIn(read("server/config.ts")),
  ...readsIn(read("server/config-sections.ts")),
  // Read where LibreOffice is looked for, not at start: a missing one is found when a PDF is asked.
  ...readsIn(read("server/lib/documents/pdf.ts")),
]);
// The system's own search path, not a setting of the server's.
serverReads.delete("PATH");

const readme = read("README.md");
const section = readme.slice(
  readme.indexOf("## Configuration"),
  readme.indexOf("\n## ", readme.indexOf("## Configuration") + 3),
);
/** The variables the table's first column names. */
const tabled = new Set(
  section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...line.split("|")[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
);
const elsewhere = read("docs/petitions.md") + read("docs/civic.md");

it("documents every variable the server reads", () => {
  expect(serverReads.size).toBeGreaterThan(30);
  const undocumented = [...serverReads].filter(
    (name) =>
      !tabled.has(name) &&
      !(/^(PETITION|CONTACT_CODE|CIVIC)_/.test(name) && elsewhere.includes(`\`${name}\``)),
  );
  expect(undocumented, "add a row to the README's configuration table").toEqual([]);
});

it("names in the README's table only variables the server reads", () => {
  expect([...tabled].filter((name) => !serverReads.has(name))).toEqual([]);
});

import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { migrationsFolder } from "./migrate.ts";

// The tables (server/db/schema.ts) and the checked-in migrations must agree: a change to a table
// without its migration would run in tests built from the schema and fail in production. The
// check is drizzle-kit's own: generating against a copy of the migrations must find nothing.
it("the migrations hold every change to the tables (drizzle-kit generate finds nothing new)", () => {
  // Inside the checkout: drizzle-kit reads `out` relative to the working folder.
  mkdirSync(".tmp", { recursive: true });
  const folder = mkdtempSync(join(".tmp", "drift-"));
  try {
    const out = join(folder, "migrations");
    cpSync(migrationsFolder, out, { recursive: true });
    const config = join(folder, "drizzle.config.mjs");
    writeFileSync(
      config,
      `export default ${JSON.stringify({
        dialect: "postgresql",
        schema: "./server/db/schema.ts",
        out: `./${out}`,
      })};\n`,
    );
    const before = readdirSync(out).sort();
    const result = spawnSync("npx", ["drizzle-kit", "generate", "--config", config, "--name", "drift"], {
      encoding: "utf8",
      // A rename would make drizzle-kit ask; with no input it stops instead of waiting.
      input: "",
      timeout: 120_000,
    });
    const added = readdirSync(out)
      .sort()
      .filter((name) => !before.includes(name));
    const generated = added.map((name) => `${name}:\n${readFileSync(join(out, name), "utf8")}`).join("\n");
    expect(
      added,
      `drizzle-kit generated a migration the repository does not have — run "npm run db:generate" and check it in:\n${generated}\n${result.stdout}${result.stderr}`,
    ).toEqual([]);
    expect(`${result.stdout}${result.stderr}`).toMatch(/No schema changes/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isTable } from "drizzle-orm";
import { expect, it } from "vitest";
import * as schema from "../db/schema.ts";
import { MODULES } from "./index.ts";

// Every folder under server/modules is a module that declares itself in its index.ts and is
// listed once in MODULES; its tables are its own and all of them reach the database schema.

const DIR = join(process.cwd(), "server/modules");
const folders = readdirSync(DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

it("every module folder has a manifest listed once in MODULES, named as its folder", () => {
  expect(MODULES.map((m) => m.name).sort()).toEqual(folders);
  for (const name of folders) {
    const source = readFileSync(join(DIR, name, "index.ts"), "utf8");
    expect(source, `${name}/index.ts`).toMatch(/defineModule\(\{\s*name: "([^"]+)"/);
    expect(/defineModule\(\{\s*name: "([^"]+)"/.exec(source)?.[1]).toBe(name);
  }
});

it("the modules' tables are exactly the database schema's, each owned by one module", () => {
  const owners = new Map<unknown, string[]>();
  for (const module of MODULES) {
    for (const value of Object.values(module.tables ?? {})) {
      if (isTable(value)) owners.set(value, [...(owners.get(value) ?? []), module.name]);
    }
  }
  const inSchema = Object.values(schema).filter((value) => isTable(value));
  const unowned = inSchema.filter((table) => !owners.has(table));
  expect(unowned.map((t) => (t as { _: { name: string } })._.name ?? String(t))).toEqual([]);
  expect([...owners.keys()].filter((table) => !inSchema.includes(table as never))).toEqual([]);
  expect([...owners.values()].filter((names) => names.length > 1)).toEqual([]);
});

it("a module's routes are registered only through its manifest", () => {
  const app = readFileSync(join(process.cwd(), "server/app.ts"), "utf8");
  expect(app).not.toMatch(/from "\.\/modules\/[^/]+\/[^"]*routes\.ts"/);
});

it("each kind of resource has its rules in one module", () => {
  const kinds = MODULES.flatMap((m) => Object.keys(m.policies ?? {}));
  expect(kinds.filter((kind, i) => kinds.indexOf(kind) !== i)).toEqual([]);
});

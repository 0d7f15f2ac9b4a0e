// Every message exists in both languages, and every key the code asks for exists.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ROLES, UNIT_TYPES } from "../../../common/enums.ts";
import { messages } from "./messages.ts";

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`.replace(PLURAL, "")] : flatten(v, `${prefix}${k}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const viKeys = new Set(flatten(messages.vi as Tree));
const enKeys = new Set(flatten(messages.en as Tree));

describe("i18n messages", () => {
  it("has the same keys in Vietnamese and English", () => {
    expect([...viKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !viKeys.has(k))).toEqual([]);
  });

  it("labels every unit type and role", () => {
    for (const type of UNIT_TYPES) expect(viKeys.has(`unitType.${type}`), type).toBe(true);
    for (const role of ROLES) expect(viKeys.has(`role.${role}`), role).toBe(true);
  });

  it("has every literal key the web app uses", () => {
    const src = fileURLToPath(new URL("..", import.meta.url));
    const used = new Set<string>();
    for (const file of sourceFiles(src)) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-zA-Z][\w.-]*)"/g)) used.add(m[1]);
      for (const m of readFileSync(file, "utf8").matchAll(/key: "((?:nav|app)\.[\w.-]+)"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !viKeys.has(k))).toEqual([]);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type PlanItem, type PlanTree, PlanTree as PlanTreeSchema } from "../../../../common/plan-tree.ts";
import { importPlanFile } from "./index.ts";

/**
 * Every fixture with an expected tree is imported and compared with it, field by field.
 * seed.expected.json is written by hand from the seed's text; the variants' expectations
 * are that tree adjusted where the variant differs by construction (see build-fixtures.ts).
 */

const dir = join(import.meta.dirname, "fixtures");
const files = readdirSync(dir);
const cases = files
  .filter((f) => f.endsWith(".expected.json"))
  .map((expected) => {
    const stem = expected.replace(/\.expected\.json$/, "");
    const source = files.find((f) => f.startsWith(`${stem}.`) && /\.(txt|docx|pdf)$/.test(f));
    return { expected, source };
  });

function withoutSource(items: PlanItem[]): PlanItem[] {
  return items.map(({ source: _source, ...item }) => ({ ...item, children: withoutSource(item.children) }));
}

describe("fixtures", () => {
  it("has a source file for every expected tree", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const c of cases) expect(c.source, c.expected).toBeDefined();
  });

  it.each(cases)("$source gives $expected", async ({ expected, source }) => {
    const tree = await importPlanFile(join(dir, source ?? ""));
    expect(PlanTreeSchema.safeParse(tree).success).toBe(true);
    const want = JSON.parse(readFileSync(join(dir, expected), "utf8")) as PlanTree;
    const { source: _text, ...rest } = tree;
    const got = { ...rest, items: withoutSource(tree.items) };
    // Word and PDF sources have lines of their own making: their expectations leave `line` out.
    got.warnings = got.warnings.map((w, i) =>
      want.warnings[i] && !("line" in want.warnings[i]) ? { ...w, line: undefined } : w,
    );
    const wantWarnings = want.warnings.map((w) => ("line" in w ? w : { ...w, line: undefined }));
    expect(got.document).toEqual(want.document);
    expect(got.references).toEqual(want.references);
    expect(got.reporting).toEqual(want.reporting);
    expect(got.warnings).toEqual(wantWarnings);
    expect(got.items).toEqual(want.items);
  });
});

describe("the corpus keeps what it claims to test", () => {
  const text = (name: string) => readFileSync(join(dir, name), "utf8");

  it("the seed has three sentences cut by a page break", () => {
    const lines = text("seed.txt").split("\n");
    const next = (i: number) => lines[i + 2] ?? "";
    const cuts = lines.filter(
      (l, i) =>
        l &&
        !/[.:;!?"”]$/.test(l) &&
        lines[i + 1] === "" &&
        /^\p{Ll}/u.test(next(i)) &&
        !/^[a-zđ]\)/.test(next(i)),
    );
    expect(cuts).toHaveLength(3);
  });

  it("the portal copy is cut at 75 columns, has no blank lines and wraps before '- xã hội'", () => {
    const lines = text("seed-portal.txt").trimEnd().split("\n");
    expect(lines.some((l) => l === "")).toBe(false);
    expect(Math.max(...lines.filter((l) => !l.includes("|")).map((l) => l.length))).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith("- xã hội")).length).toBeGreaterThanOrEqual(2);
  });

  it("the foreign-machine copy has CRLF, NFD, non-breaking spaces and a BOM", () => {
    const raw = text("seed-crlf-nfd.txt");
    expect(raw.startsWith("\ufeff")).toBe(true);
    expect(raw).toContain("\r\n");
    expect(raw).toContain("\u00a0");
    expect(raw).not.toBe(raw.normalize("NFC"));
  });

  it("the Word fixtures carry no typed numbers", () => {
    const docx = readFileSync(join(dir, "seed-autonum.docx"));
    expect(docx.subarray(0, 2).toString()).toBe("PK");
  });
});

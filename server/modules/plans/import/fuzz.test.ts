import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PlanTree } from "../../../../common/plan-tree.ts";
import { PlanImportError } from "./errors.ts";
import { parsePlanText } from "./parse.ts";

const seed = readFileSync(join(import.meta.dirname, "fixtures", "seed.txt"), "utf8");

const PIECES = [
  "\n",
  "\n\n",
  "\r\n",
  " ",
  "-",
  "- ",
  "+ ",
  "• ",
  "I. ",
  "IV- ",
  "1. ",
  "2/ ",
  "a) ",
  "đ. ",
  "|",
  " | ",
  ":",
  ";",
  ".",
  "./.",
  "(",
  ")",
  "\u00a0",
  "*",
  "“",
  "số 43-NQ/TW",
  "ngày 10/12",
  "năm 2025",
  "Quý II/2025",
  "hằng năm",
  "KẾ HOẠCH",
  "Nơi nhận:",
  "TM. ỦY BAN NHÂN DÂN",
  "PHỤ LỤC",
  "| STT | Nội dung | Chủ trì |",
  "Sở Nội vụ chủ trì, phối hợp với",
  "Đề nghị ",
  "UBND các huyện, thành phố",
  "e\u0301",
];

type Edit =
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "break"; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat({ max: seed.length }),
    text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 })),
  }),
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.nat({ max: seed.length }),
    length: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({ kind: fc.constant("break" as const), at: fc.nat({ max: seed.length }) }),
);

function apply(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of edits) {
    const at = Math.min(e.at, out.length);
    if (e.kind === "insert") out = out.slice(0, at) + e.text + out.slice(at);
    else if (e.kind === "delete") out = out.slice(0, at) + out.slice(at + e.length);
    else out = `${out.slice(0, at)}\n${out.slice(at)}`;
  }
  return out;
}

function check(text: string): void {
  const started = performance.now();
  try {
    const tree = parsePlanText(text);
    const result = PlanTree.safeParse(tree);
    if (!result.success) throw new Error(`invalid plan-tree/1: ${result.error.message}`);
  } catch (error) {
    if (!(error instanceof PlanImportError && error.code === "empty")) throw error;
  }
  // a page of text takes milliseconds; anything near a second means a runaway loop or regex
  expect(performance.now() - started).toBeLessThan(2000);
}

describe("fuzzing the seed", () => {
  it("never throws, never hangs, always returns a valid tree", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 40 }), (edits) => {
        check(apply(seed, edits));
      }),
      { numRuns: 150, seed: 20240610 },
    );
  });

  it("survives arbitrary slices and shuffles of the seed's lines", () => {
    const lines = seed.split("\n");
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 0, maxLength: lines.length }), (picked) => {
        check(picked.join("\n"));
      }),
      { numRuns: 80, seed: 7 },
    );
  });

  it("survives text that is not a plan at all", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 2000 }), (text) => {
        check(text);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it("refuses only empty input", () => {
    expect(() => parsePlanText(" \n\t ")).toThrow(PlanImportError);
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PlanTree } from "../../../../common/plan-tree.ts";
import {
  importPlanBuffer,
  importPlanFile,
  MAX_IMPORT_BYTES,
  PlanImportError,
  parsePlanText,
} from "./index.ts";
import { makeZip } from "./test-helpers.ts";

const PLAN =
  "Số: 05/KH-UBND\nKiên Giang, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH\nTuyên truyền năm 2025\nI. NHIỆM VỤ\n1. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ tổ chức tuyên truyền.\n";

async function refusal(run: () => Promise<unknown>): Promise<PlanImportError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof PlanImportError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("importPlanBuffer", () => {
  it("imports a text file and returns the normalized source its items point into", async () => {
    const tree = await importPlanBuffer(Buffer.from(PLAN.replace(/\n/g, "\r\n")), "ke-hoach.txt");
    expect(PlanTree.safeParse(tree).success).toBe(true);
    expect(tree.source).toMatchObject({ filename: "ke-hoach.txt", format: "txt", pages: 1 });
    const item = tree.items[0].children[0];
    expect(item.code).toBe("I.1");
    const [from, to] = item.source?.lines ?? [0, 0];
    expect(tree.source.text.split("\n").slice(from - 1, to)).toEqual([
      "1. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ tổ chức tuyên truyền.",
    ]);
  });

  it("refuses an empty file, and one of blanks only", async () => {
    expect((await refusal(() => importPlanBuffer(Buffer.alloc(0), "a.txt"))).code).toBe("empty");
    expect((await refusal(() => importPlanBuffer(Buffer.from(" \r\n\t\n"), "a.txt"))).code).toBe("empty");
    expect(() => parsePlanText("")).toThrow(PlanImportError);
  });

  it("refuses an oversized buffer before reading it", async () => {
    const big = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x41);
    const started = performance.now();
    const error = await refusal(() => importPlanBuffer(big, "big.pdf"));
    expect(error.code).toBe("too-large");
    expect(error.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(200);
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
  });

  it("refuses a .docx that is a zip of something else", async () => {
    const zip = makeZip({ "data.csv": "a,b\n1,2\n" });
    const error = await refusal(() => importPlanBuffer(zip, "ke-hoach.docx"));
    expect(error.code).toBe("not-docx");
    expect(error.message).toContain(error.messageVi);
    expect(error.message).toContain(error.messageEn);
  });

  it("refuses Word 97-2003 files and names what to do", async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(100),
    ]);
    const error = await refusal(() => importPlanBuffer(ole, "ke-hoach.doc"));
    expect(error.code).toBe("unsupported-format");
    expect(error.messageVi).toContain(".docx");
  });

  it("refuses a .pdf that is not one", async () => {
    expect((await refusal(() => importPlanBuffer(Buffer.from(PLAN), "ke-hoach.pdf"))).code).toBe(
      "invalid-pdf",
    );
  });

  it("refuses text in a legacy Vietnamese encoding, saying which", async () => {
    const tcvn3 = Buffer.from("Ñy ban nh©n d©n tØnh Kiªn Giang ban hµnh KÕ ho¹ch", "latin1");
    const error = await refusal(() => importPlanBuffer(tcvn3, "ke-hoach.txt"));
    expect(error).toMatchObject({ code: "legacy-encoding", detail: "TCVN3 (ABC)" });
    const vniAsUnicode = Buffer.from("UÛy ban nhaân daân tænh Kieân Giang ban haønh Keá hoaïch", "utf8");
    expect(await refusal(() => importPlanBuffer(vniAsUnicode, "ke-hoach.txt"))).toMatchObject({
      code: "legacy-encoding",
      detail: "VNI-Windows",
    });
  });

  it("tells formats apart by their bytes when the name says nothing", async () => {
    const tree = await importPlanBuffer(Buffer.from(PLAN), "upload");
    expect(tree.source.format).toBe("txt");
    expect((await refusal(() => importPlanBuffer(makeZip({ "x.txt": "x" }), "upload"))).code).toBe(
      "not-docx",
    );
  });
});

describe("importPlanFile", () => {
  it("reads a file from disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-import-"));
    const path = join(dir, "ke-hoach.txt");
    writeFileSync(path, PLAN);
    const tree = await importPlanFile(path);
    expect(tree.document).toMatchObject({ number: "05", symbol: "KH-UBND", date: "2025-03-05" });
    expect(tree.source.filename).toBe("ke-hoach.txt");
  });
});

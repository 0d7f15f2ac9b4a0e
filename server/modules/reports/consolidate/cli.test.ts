import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadDemo } from "../../../../demo/load.ts";
import { openDatabase } from "../../../db/connection.ts";
import { migrate } from "../../../db/migrate.ts";
import { pdfAvailable } from "../../../lib/documents/pdf.ts";
import { main } from "../../../main.ts";
import { keepTestAuditKeyIn } from "../../../test/setup.ts";
import { zipText } from "../../../test/zip.ts";
import { ensureTenant } from "../../orgs/service.ts";

/** Runs the command line in this process, capturing what it prints. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  try {
    const code = await main(argv);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("dongthuan report consolidate", () => {
  let dir: string;
  let dataDir: string;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "dt-report-cli-"));
    dataDir = join(dir, "data");
    keepTestAuditKeyIn(dataDir);
    const database = await openDatabase({ dataDir });
    try {
      await migrate(database);
      const tenant = await ensureTenant(database.db, "kien-giang", "Tỉnh Kiên Giang");
      await loadDemo(database, tenant, { password: "cli-report-demo-password" });
    } finally {
      await database.close();
    }
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("explains itself with --help", async () => {
    const result = await cli("report", "consolidate", "--help");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /Usage: dongthuan report consolidate \[--plan ID\] --period KEY --out bao-cao\.docx/,
    );
    expect(result.out).toContain("--xlsx FILE.xlsx");
  });

  it("exits 2 on usage mistakes, writing nothing", async () => {
    const cases: [string[], RegExp][] = [
      [["--out", file("a.docx")], /--period is required/],
      [["--period", "2024"], /--out is required/],
      [["--period", "2024", "--out", file("a.txt")], /--out must name a \.docx file/],
      [
        ["--period", "2024", "--out", file("a.docx"), "--xlsx", file("b.csv")],
        /--xlsx must name a \.xlsx file/,
      ],
      [
        ["--period", "2024", "--out", file("a.docx"), "--pdf", file("b.docx")],
        /--pdf must name a \.pdf file/,
      ],
      [["--period", "2024", "--out", file("a.docx"), "--plan", "181"], /--plan must be a plan id/],
      [["--period", "2024", "--out", file("a.docx"), "--colour"], /Unknown option '--colour'/],
    ];
    for (const [argv, message] of cases) {
      const result = await cli("report", "consolidate", ...argv, "--data-dir", dataDir);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.err).toMatch(message);
    }
    expect(existsSync(file("a.docx"))).toBe(false);
  });

  it("exits 1 with a clear message for an unknown plan or period", async () => {
    const plan = await cli(
      "report",
      "consolidate",
      "--plan",
      "00000000-0000-4000-8000-000000000000",
      "--period",
      "2024",
      "--out",
      file("x.docx"),
      "--data-dir",
      dataDir,
    );
    expect(plan.code).toBe(1);
    expect(plan.err).toMatch(/Không tìm thấy kế hoạch đã ban hành/);
    expect(plan.err).toMatch(/Published plan not found\./);
    const period = await cli(
      "report",
      "consolidate",
      "--period",
      "1999",
      "--out",
      file("x.docx"),
      "--data-dir",
      dataDir,
    );
    expect(period.code).toBe(1);
    expect(period.err).toMatch(/kỳ báo cáo 1999/);
    expect(existsSync(file("x.docx"))).toBe(false);
  });

  it("writes the report of the most recently published plan, its annex and a PDF", async () => {
    const argv = ["--period", "2024", "--out", file("bao-cao.docx"), "--xlsx", file("phu-luc.xlsx")];
    if (pdfAvailable()) argv.push("--pdf", file("bao-cao.pdf"));
    const result = await cli("report", "consolidate", ...argv, "--data-dir", dataDir);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(
      /Wrote .*bao-cao\.docx: Kết quả thực hiện Kế hoạch .* — \d+\/\d+ units reported \(\d+ late, \d+ without an accepted report\)/,
    );
    const xml = zipText(readFileSync(file("bao-cao.docx")), "word/document.xml");
    for (const text of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Số: …/BC-UBND",
      "BÁO CÁO",
      "TM. ỦY BAN NHÂN DÂN",
      "Nơi nhận:",
    ]) {
      expect(xml, text).toContain(`>${text}<`);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file("phu-luc.xlsx"));
    expect(workbook.worksheets[0].name).toBe("Số liệu các đơn vị");
    if (pdfAvailable()) expect(readFileSync(file("bao-cao.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
  }, 120_000);
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PlanTree } from "../../../common/plan-tree.ts";
import { loadDemo } from "../../../demo/load.ts";
import { seedPlanPath } from "../../../demo/plan.ts";
import { type CommandSpec, parseCommand } from "../../cli/parse.ts";
import { planCommands } from "../../cli/plan-commands.ts";
import { openDatabase } from "../../db/connection.ts";
import { migrate } from "../../db/migrate.ts";
import { keepTestAuditKeyIn } from "../../test/setup.ts";
import { ensureTenant } from "../orgs/service.ts";

const command = (name: string) => planCommands.find((spec) => spec.name === name)!;

/** Runs a plan command in this process, capturing what it prints; a thrown error counts as exit 1. */
async function cli(spec: CommandSpec, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const code = await spec.run(
      parseCommand(spec, argv) as { values: Record<string, unknown>; positionals: string[] },
    );
    return { code, out: out.join("\n"), err: err.join("\n") };
  } catch (thrown) {
    return { code: 1, out: out.join("\n"), err: `${err.join("\n")}${(thrown as Error).message}` };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

describe("dongthuan plan import (no database)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "dt-plan-import-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints plan-tree/1 JSON with --json, and writes it with --out", async () => {
    const out = join(dir, "tree.json");
    const result = await cli(command("plan import"), seedPlanPath(), "--json", "--out", out);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out);
    expect(PlanTree.safeParse(printed).success).toBe(true);
    expect(printed.source.format).toBe("txt");
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(printed);
  });

  it("prints a short summary with the warnings otherwise", async () => {
    const result = await cli(command("plan import"), seedPlanPath());
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/KẾ HOẠCH …\/KH-UBND, Kiên Giang, 2024-06/);
    expect(result.out).toMatch(/64 items, 43 tasks/);
    expect(result.out).toMatch(/! reference-conflict/);
    expect(result.out).toMatch(/! unassigned-task at II\.5\.-2/);
  });

  it("exits 1 with the importer's reason on bad input", async () => {
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    const result = await cli(command("plan import"), empty);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Tệp trống/);
    expect(result.err).toMatch(/the file is empty/);
  });
});

describe("dongthuan plan load and plan list", () => {
  let dataDir: string;
  let snvId: string;
  const treeFile = () => join(dataDir, "tree.json");

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "dt-plan-load-"));
    keepTestAuditKeyIn(dataDir);
    const database = await openDatabase({ dataDir });
    try {
      await migrate(database);
      const tenant = await ensureTenant(database.db, "kien-giang", "Tỉnh Kiên Giang");
      await loadDemo(database, tenant, { password: "cli-plan-demo-password" });
      [{ id: snvId }] = await database.query<{ id: string }>(
        "SELECT id FROM units WHERE name = 'Sở Nội vụ' LIMIT 1",
      );
    } finally {
      await database.close();
    }
    const exported = await cli(command("plan import"), seedPlanPath(), "--out", treeFile());
    expect(exported.code).toBe(0);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const planCount = async () =>
    (await cli(command("plan list"), "--data-dir", dataDir)).out
      .split("\n")
      .filter((l) => /^[0-9a-f-]{36} /.test(l)).length;

  it("refuses --publish while mentions are unresolved, naming them, and stores nothing", async () => {
    const before = await planCount();
    const result = await cli(command("plan load"), treeFile(), "--publish", "--data-dir", dataDir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/not published, nothing stored: \d+ mentions are unresolved/);
    expect(result.err).toMatch(/- các đơn vị liên quan/);
    expect(await planCount()).toBe(before);
  });

  it("loads a tree as a draft, and lists it", async () => {
    const before = await planCount();
    const result = await cli(command("plan load"), treeFile(), "--data-dir", dataDir);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/Loaded plan [0-9a-f-]{36} as a draft \(64 items, \d+ mentions to resolve\)/);
    const list = await cli(command("plan list"), "--data-dir", dataDir);
    expect(await planCount()).toBe(before + 1);
    expect(list.out).toMatch(/draft\s+v0\s+2024-06\s+Thực hiện Chương trình hành động số 51-CTr\/TU/);
  });

  it("publishes a reviewed tree whose resolutions come with it", async () => {
    const tree = JSON.parse(readFileSync(treeFile(), "utf8"));
    const reviewed = {
      ...tree,
      items: tree.items.filter((item: { code: string }) => item.code === "III"),
      reporting: [],
      warnings: [],
      mentions: [
        { mention: "Giám đốc các sở", unit_ids: [snvId], group_id: null, confirmed: true },
        { mention: "Thủ trưởng các ban, ngành tỉnh", unit_ids: [snvId], group_id: null, confirmed: true },
        { mention: "Chủ tịch UBND các huyện, thành phố", unit_ids: [snvId], group_id: null, confirmed: true },
        { mention: "các đơn vị có liên quan", unit_ids: [snvId], group_id: null, confirmed: true },
        {
          mention: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
          unit_ids: [snvId],
          group_id: null,
          confirmed: true,
        },
      ],
    };
    const file = join(dataDir, "reviewed.json");
    writeFileSync(file, JSON.stringify(reviewed));
    const result = await cli(command("plan load"), file, "--publish", "--data-dir", dataDir);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/Published plan [0-9a-f-]{36} \(version 1, 6 items\)/);
    expect((await cli(command("plan list"), "--data-dir", dataDir)).out).toMatch(/published v1/);
  });

  it("refuses a file that is not plan-tree/1, saying where", async () => {
    const file = join(dataDir, "bad.json");
    writeFileSync(file, JSON.stringify({ format: "plan-tree/1", items: [] }));
    const result = await cli(command("plan load"), file, "--data-dir", dataDir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/not valid plan-tree\/1: document/);
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PlanTree } from "../../../common/plan-tree.ts";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { makeDocx, p } from "./import/test-helpers.ts";
import { pdfWithoutText, seedText, upload, zipOf } from "./testing.ts";

forEachEngineWithDemo("plan import API", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let coordinator: Client;
  let coordinatorEn: Client;
  let officer: Client;
  let leadership: Client;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database));
    coordinator = await signIn(app, "dieuphoi");
    coordinatorEn = await signIn(app, "dieuphoi", "en");
    officer = await signIn(app, "canbo.so");
    leadership = await signIn(app, "lanhdao.tinh");
  });
  afterAll(async () => {
    await app.close();
  });

  /** Rows in every table the registry writes: a refused import must leave all of them as they were. */
  const stored = async () => {
    const [row] = await database.query<{ plans: number; edits: number; mentions: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM plans) AS plans, (SELECT count(*)::int FROM plan_edits) AS edits,
              (SELECT count(*)::int FROM plan_mentions) AS mentions,
              (SELECT count(*)::int FROM audit_log WHERE action = 'plan.import') AS audit`,
    );
    return row;
  };

  it("imports the seed plan as a draft, with its tree, its normalized source and an audit record", async () => {
    const response = await upload(coordinator, "kh-51.txt", seedText(), "?allowDuplicate=true");
    expect(response.statusCode, response.body).toBe(201);
    const plan = response.json().plan;
    expect(plan).toMatchObject({
      status: "draft",
      currentVersion: 0,
      revision: 1,
      type: "KẾ HOẠCH",
      symbol: "KH-UBND",
      date: "2024-06",
      issuer: "Ủy ban nhân dân tỉnh Kiên Giang",
      source: { filename: "kh-51.txt", format: "txt" },
      parent: null,
      permissions: { edit: true, readWorking: true },
    });
    expect(plan.counts).toMatchObject({ items: 64, tasks: 43, warnings: 4 });
    expect(plan.counts.unresolvedMentions).toBeGreaterThan(10);
    expect(plan.implements.map((r: { number: string }) => r.number)).toEqual(["51-CTr/TU", "43-NQ/TW"]);

    const tree = (await coordinator.get(`/api/plans/${plan.id}/tree`)).json();
    expect(tree.version).toBe("working");
    expect(PlanTree.safeParse(tree).success).toBe(true);
    // Exact names are confirmed at import, without a click; the answer names them.
    const confirmed = tree.mentions.filter((m: { confirmed: boolean }) => m.confirmed);
    expect(confirmed.map((m: { mention: string }) => m.mention).sort()).toEqual(
      [...response.json().autoConfirmed].sort(),
    );
    expect(response.json().autoConfirmed).toEqual(expect.arrayContaining(["Sở Nội vụ", "Ban Dân tộc"]));
    expect(tree.mentions.length - confirmed.length).toBe(plan.counts.unresolvedMentions);

    const source = (await coordinator.get(`/api/plans/${plan.id}/source`)).json();
    expect(source.lines[48]).toMatchObject({ number: 49, code: "II.2.a.-1" });
    expect(source.lines[48].text).toMatch(/^- Tiếp tục quan tâm đào tạo/);
    expect(source.lines.map((l: { text: string }) => l.text).join("\n")).toContain("Nguyễn Lưu Trung");

    const audit = await database.query<{ entity_id: string }>(
      "SELECT entity_id FROM audit_log WHERE action = 'plan.import' AND entity_id = $1",
      [plan.id],
    );
    expect(audit).toHaveLength(1);
  });

  it("keeps a draft from everyone who may not edit it: 404, and absent from their lists", async () => {
    const id = (await upload(coordinator, "draft.txt", seedText(), "?allowDuplicate=true")).json().plan.id;
    for (const reader of [officer, leadership]) {
      expect((await reader.get(`/api/plans/${id}`)).statusCode).toBe(404);
      expect((await reader.get(`/api/plans/${id}/tree`)).statusCode).toBe(404);
      expect((await reader.get(`/api/plans/${id}/source`)).statusCode).toBe(404);
      const list = (await reader.get("/api/plans")).json().items as { id: string }[];
      expect(list.map((p) => p.id)).not.toContain(id);
    }
    expect(
      (await coordinator.get("/api/plans?status=draft")).json().items.map((p: { id: string }) => p.id),
    ).toContain(id);
  });

  it("lets only the coordinator and the administrator import a provincial plan", async () => {
    const before = await stored();
    const response = await upload(officer, "kh.txt", seedText());
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("forbidden");
    expect(await stored()).toEqual(before);
  });

  it("refuses an empty file with a clear message, and stores nothing", async () => {
    const before = await stored();
    const response = await upload(coordinatorEn, "empty.txt", "");
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: "plan_import",
      message: "The file is empty: there is nothing to import",
      details: { reason: "empty" },
    });
    expect(await stored()).toEqual(before);
  });

  it("refuses a scanned PDF without a text layer, asking for OCR first, and stores nothing", async () => {
    const before = await stored();
    const response = await upload(coordinatorEn, "scan.pdf", pdfWithoutText());
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toBe("This PDF has no text layer: run OCR first");
    expect(response.json().error.details).toEqual({ reason: "pdf-no-text" });
    const vi = await upload(coordinator, "scan.pdf", pdfWithoutText());
    expect(vi.json().error.message).toMatch(/không có lớp văn bản.*OCR/);
    expect(await stored()).toEqual(before);
  });

  it("refuses a .docx that is a zip of something else, and stores nothing", async () => {
    const before = await stored();
    const response = await upload(coordinatorEn, "ke-hoach.docx", zipOf("notes.txt", "Kế hoạch giả"));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual({ reason: "not-docx" });
    expect(response.json().error.message).toMatch(/not a Word document/);
    expect(await stored()).toEqual(before);
  });

  it("refuses an upload over the importer's limit with 413 while it streams in, and stores nothing", async () => {
    const before = await stored();
    const response = await upload(coordinatorEn, "huge.txt", Buffer.alloc(21 * 1024 * 1024, "a"));
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: "plan_import", details: { reason: "too-large" } });
    expect(response.json().error.message).toMatch(/too large.*20 MiB/);
    expect(await stored()).toEqual(before);
  });

  it("refuses a small file that unpacks to more text than any plan has, and stores nothing", async () => {
    const before = await stored();
    const response = await upload(
      coordinatorEn,
      "phinh.docx",
      makeDocx(p("KẾ HOẠCH") + p("Nội dung ".repeat(230_000))),
    );
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: "plan_import", details: { reason: "too-long" } });
    expect(response.json().error.message).toMatch(/too long \(about 691 pages\).*2 million characters/);
    expect(await stored()).toEqual(before);
  });

  it("reads a document off the request thread: others are answered while it is stopped at the time limit", async () => {
    // An app whose reading stops after a fifth of a second: less than a worker takes to start and
    // read this document on any machine (the importer is linear, so size alone gives no margin).
    const { app: strict } = await createTestApp(database, "kien-giang", {}, { parseTimeLimitSeconds: 0.2 });
    try {
      const hurried = await signIn(strict, "dieuphoi", "en");
      const before = await stored();
      const order: string[] = [];
      const slow = upload(hurried, "cham.docx", makeDocx(p("KẾ HOẠCH") + p("việc ".repeat(300_000)))).then(
        (response) => {
          order.push("import");
          return response;
        },
      );
      // Asked while the import is being read (its worker starting): answered before it, not after.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const health = await strict.inject({ method: "GET", url: "/api/health/live" });
      order.push("health");
      expect(health.statusCode).toBe(200);
      const response = await slow;
      expect(order).toEqual(["health", "import"]);
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({ code: "plan_import", details: { reason: "too-slow" } });
      expect(response.json().error.message).toMatch(/could not be read within 0\.2 seconds/);
      expect(await stored()).toEqual(before);
    } finally {
      await strict.close();
    }
  });

  it("names the legacy encoding of a TCVN3 text, and refuses a Word 97 file as unsupported", async () => {
    const tcvn3 = "KÕ ho¹ch thùc hiÖn Ch­¬ng tr×nh hµnh ®éng cña TØnh ñy vÒ ®¹i ®oµn kÕt toµn d©n téc ";
    const legacy = await upload(coordinatorEn, "cu.txt", Buffer.from(tcvn3.repeat(20), "latin1"));
    expect(legacy.statusCode).toBe(422);
    expect(legacy.json().error.message).toMatch(/legacy Vietnamese encoding \(TCVN3/);
    const doc = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
    ]);
    const word97 = await upload(coordinatorEn, "cu.doc", doc);
    expect(word97.statusCode).toBe(415);
  });

  it("asks for a multipart upload with a `file` field", async () => {
    expect((await coordinator.post("/api/plans/import", { file: "x" })).statusCode).toBe(415);
  });

  it("describes its routes in the OpenAPI document", async () => {
    const response = await coordinator.get("/api/openapi.json");
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining([
        "/api/plans/import",
        "/api/plans/{id}/tree",
        "/api/plans/{id}/versions/{a}/diff/{b}",
      ]),
    );
  });
});

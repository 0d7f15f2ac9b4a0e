import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { seedText, upload } from "./testing.ts";

/** A short plan whose header (number, date, issuer) and body can be varied apart. */
function plan(number: string, body: string, date = "ngày 15 tháng 3 năm 2025") {
  return [
    "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
    `Số: ${number}/KH-UBND`,
    `Kiên Giang, ${date}`,
    "",
    "KẾ HOẠCH",
    "Kiểm tra trùng lặp khi nhập kế hoạch",
    "",
    "I. NHIỆM VỤ",
    `1. Sở Nội vụ chủ trì ${body}, hoàn thành trước ngày 30/6/2025.`,
    "2. Sở Tư pháp phối hợp rà soát văn bản quy phạm pháp luật của tỉnh.",
    "",
  ].join("\n");
}

forEachEngineWithDemo("plan import: duplicates", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let coordinator: Client;
  let coordinatorEn: Client;
  let seedId: string;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database));
    coordinator = await signIn(app, "dieuphoi");
    coordinatorEn = await signIn(app, "dieuphoi", "en");
    seedId = (await coordinator.get("/api/plans")).json().items[0].id;
  });
  afterAll(async () => {
    await app.close();
  });

  const stored = async () => {
    const [row] = await database.query<{ plans: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM plans) AS plans,
              (SELECT count(*)::int FROM audit_log WHERE action = 'plan.import') AS audit`,
    );
    return row;
  };

  it("refuses the demo's seed plan imported again, naming the plan already there, and stores nothing", async () => {
    const before = await stored();
    const vi = await upload(coordinator, "kh-51.txt", seedText());
    expect(vi.statusCode).toBe(409);
    const error = vi.json().error;
    expect(error.code).toBe("plan_duplicate_text");
    expect(error.message).toMatch(
      /^Kế hoạch này đã được nhập: “Thực hiện Chương trình hành động số 51-CTr\/TU/,
    );
    expect(error.details.duplicates).toHaveLength(1);
    expect(error.details.duplicates[0]).toMatchObject({ id: seedId, status: "published", reason: "text" });
    const en = await upload(coordinatorEn, "kh-51.txt", seedText());
    expect(en.json().error.message).toMatch(/^This plan has been imported already: “Thực hiện/);
    expect(await stored()).toEqual(before);
  });

  it("knows the same text saved with other line breaks, spaces and capitals", async () => {
    const copy = seedText()
      .replace(/\n/g, "\r\n")
      .replace(/Sở Nội vụ/g, "SỞ NỘI VỤ")
      .replace(/ \./g, "  .");
    const response = await upload(coordinator, "ban-sao.txt", copy);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details.duplicates[0]).toMatchObject({ id: seedId, reason: "text" });
  });

  it("knows a copy whose title was reworded: the same issuer, date and nearly the same text", async () => {
    const copy = seedText().replace(
      "Thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy",
      "Triển khai chương trình hành động của Tỉnh ủy",
    );
    const response = await upload(coordinator, "ban-sua.txt", copy);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("plan_duplicate_similar");
    expect(response.json().error.details.duplicates[0]).toMatchObject({ id: seedId, reason: "similar" });
  });

  it("knows the same number, date and issuer over a different text", async () => {
    const first = await upload(coordinator, "kh-77.txt", plan("77", "rà soát thủ tục hành chính"));
    expect(first.statusCode, first.body).toBe(201);
    const before = await stored();
    const again = await upload(
      coordinator,
      "kh-77-b.txt",
      plan("77", "tổng kết công tác cải cách hành chính"),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("plan_duplicate_document");
    expect(again.json().error.details.duplicates[0]).toMatchObject({
      id: first.json().plan.id,
      number: "77",
      reason: "document",
    });
    expect(await stored()).toEqual(before);
  });

  it("imports a plan of another number without a warning, however alike its text", async () => {
    const sibling = await upload(coordinator, "kh-79.txt", plan("79", "rà soát thủ tục hành chính"));
    expect(sibling.statusCode, sibling.body).toBe(201);
  });

  it("imports a different plan of the same issuer and day without a warning", async () => {
    const other = await upload(
      coordinator,
      "kh-78.txt",
      plan("78", "xây dựng kế hoạch đào tạo, bồi dưỡng cán bộ, công chức cấp xã năm 2025"),
    );
    expect(other.statusCode, other.body).toBe(201);
  });

  it("imports a duplicate only when asked to on purpose, and records which plan it repeats", async () => {
    expect((await upload(coordinator, "kh-51.txt", seedText(), "?allowDuplicate=false")).statusCode).toBe(
      409,
    );
    const bad = await upload(coordinator, "kh-51.txt", seedText(), "?allowDuplicate=yes");
    expect(bad.statusCode).toBe(400);
    const response = await upload(coordinator, "kh-51.txt", seedText(), "?allowDuplicate=true");
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().plan.id;
    const [audit] = await database.query<{ after: { duplicateOf: string[] } }>(
      "SELECT after FROM audit_log WHERE action = 'plan.import' AND entity_id = $1",
      [id],
    );
    expect(audit.after.duplicateOf).toEqual([seedId]);
  });

  it("lets one of two simultaneous uploads of one new file through, and refuses the other", async () => {
    const text = plan("91", "lập danh mục dữ liệu dùng chung của tỉnh");
    const answers = await Promise.all([
      upload(coordinator, "a.txt", text),
      upload(coordinator, "b.txt", text),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
  });
});

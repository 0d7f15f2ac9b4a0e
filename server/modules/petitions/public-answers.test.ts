import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { createTestApp } from "../../test/harness.ts";

forEachEngineWithDemo("petitions: the published answers for the portal", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database, "kien-giang", { UPLOAD_STORAGE: "memory" }));
  });
  afterAll(async () => {
    await app?.close();
  });

  const page = async (query = "") => {
    const response = await app.inject({ method: "GET", url: `/api/public/answers${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { total: number; items: Record<string, unknown>[] };
  };

  it("lists published answers to phản ánh and kiến nghị, newest first, in pages", async () => {
    const [{ n }] = await database.query<{ n: string }>(
      `SELECT count(*) AS n FROM petitions WHERE answer_published_at IS NOT NULL
       AND kind IN ('phan-anh', 'kien-nghi') AND status <> 'merged'`,
    );
    const first = await page("?limit=5");
    expect(first.total).toBe(Number(n));
    expect(first.total).toBeGreaterThan(5);
    expect(first.items).toHaveLength(5);
    const dates = first.items.map((item) => item.answeredAt as string);
    expect([...dates].sort().reverse()).toEqual(dates);
    const second = await page("?limit=5&offset=5");
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0].id);
    for (const item of first.items) expect(["phan-anh", "kien-nghi"]).toContain(item.kind);
  });

  it("masks personal data and shows no complaint, denunciation, contact or tracking code", async () => {
    const { items } = await page("?limit=50");
    const contacts = await database.query<{
      contact_name: string;
      contact_phone: string | null;
      contact_email: string | null;
    }>("SELECT contact_name, contact_phone, contact_email FROM petitions");
    const text = JSON.stringify(items);
    for (const contact of contacts) {
      expect(text).not.toContain(contact.contact_name);
      if (contact.contact_phone) expect(text).not.toContain(contact.contact_phone.slice(3));
      if (contact.contact_email) expect(text).not.toContain(contact.contact_email);
    }
    const codes = await database.query<{ tracking_code: string }>("SELECT tracking_code FROM petitions");
    for (const { tracking_code } of codes) expect(text).not.toContain(tracking_code);
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual([
        "answer",
        "answeredAt",
        "category",
        "commune",
        "handlingUnit",
        "id",
        "kind",
        "question",
        "rating",
        "receivedDate",
      ]);
  });

  it("masks a name and a phone number written into the petition's words", async () => {
    const [row] = await database.query<{ id: string }>(
      `SELECT id FROM petitions WHERE answer_published_at IS NOT NULL AND kind = 'phan-anh' AND status <> 'merged'
       ORDER BY answer_published_at DESC LIMIT 1`,
    );
    await database.query(
      "UPDATE petitions SET text = 'Tôi tên là Huỳnh Văn Mười, số điện thoại 0912 345 678, nhà bị ngập nước.' WHERE id = $1",
      [row.id],
    );
    const { items } = await page("?limit=1");
    expect(items[0].question).not.toMatch(/Mười|0912/);
    expect(items[0].question).toContain("[số điện thoại]");
  });

  it("refuses a bad page request with a clear message", async () => {
    const response = await app.inject({ method: "GET", url: "/api/public/answers?limit=500" });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("limit");
  });
});

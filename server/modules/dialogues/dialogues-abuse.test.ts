import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { nextIp, publicPost, randomPhone } from "./testing.ts";

const LIMITS = { CIVIC_RATE_LIMIT_IP: "4", CIVIC_RATE_LIMIT_PHONE: "3" };

forEachEngineWithDemo("dialogues: refused, repeated and too many questions", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  const users: Record<string, Client> = {};
  let communes: { id: string; name: string }[];
  let upcomingId: string;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database, "kien-giang", LIMITS));
    for (const name of ["dieuphoi", "canbo.so", "giamsat", "baochi", "lanhdao.tinh", "admin"]) {
      users[name] = await signIn(app, name);
    }
    communes = (await users.dieuphoi.get(`/api/units?type=commune&asOf=${todayInVietnam()}`)).json().items;
    // The dialogue the questions are sent to, scheduled as the first test of dialogues.test.ts does.
    upcomingId = (await users.dieuphoi.post("/api/dialogues", dialogueBody())).json().id;
  });
  afterAll(async () => {
    await app.close();
  });

  const count = async (table: string) =>
    Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  const dialogueBody = (over: Record<string, unknown> = {}) => ({
    title: "Đối thoại với Nhân dân về cải cách thủ tục hành chính",
    topic: "Giải quyết thủ tục hành chính về đất đai tại cấp xã",
    leader: "Chủ tịch UBND tỉnh",
    place: "Hội trường UBND phường Rạch Giá",
    startsAt: clock.fromNow(10 * 86_400_000).toISOString(),
    hostUnitId: communes[0].id,
    communeIds: [communes[0].id, communes[1].id],
    ...over,
  });
  const question = (over: Record<string, unknown> = {}) => ({
    text: "Bao giờ tuyến đường liên ấp được nâng cấp để học sinh đi học an toàn hơn?",
    contact: { name: "Nguyễn Văn Hỏi", phone: randomPhone() },
    ...over,
  });

  it("refuses bad questions with a clear message and the field named", async () => {
    const url = `/api/public/dialogues/${upcomingId}/questions`;
    const noContact = await publicPost(app, url, question({ contact: { name: "Lê Thị B" } }), {
      locale: "en",
    });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().error).toMatchObject({ code: "civic_contact_missing", field: "contact.phone" });
    expect(noContact.json().error.message).toMatch(/phone number or an e-mail/);
    const badPhone = await publicPost(
      app,
      url,
      question({ contact: { name: "Lê Thị B", phone: "12345678" } }),
    );
    expect(badPhone.json().error).toMatchObject({ code: "civic_phone_invalid", field: "contact.phone" });
    const short = await publicPost(app, url, question({ text: "Ngắn" }));
    expect(short.json().error).toMatchObject({ code: "validation", field: "text" });
    const long = await publicPost(app, url, question({ text: "a".repeat(4001) }));
    expect(long.json().error.field).toBe("text");
    const noName = await publicPost(app, url, question({ contact: { phone: randomPhone() } }));
    expect(noName.json().error.field).toBe("contact.name");
    const extra = await publicPost(app, url, question({ admin: true }));
    expect(extra.json().error.code).toBe("unknown_field");
    const unknownCommune = await publicPost(
      app,
      url,
      question({ communeId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(unknownCommune.json().error).toMatchObject({ code: "civic_unit_unknown", field: "communeId" });
    const nowhere = await publicPost(
      app,
      "/api/public/dialogues/00000000-0000-4000-8000-000000000000/questions",
      question(),
    );
    expect(nowhere.statusCode).toBe(404);
    const badKey = await publicPost(app, url, question(), { key: "short" });
    expect(badKey.json().error).toMatchObject({ code: "civic_idempotency_key", field: "Idempotency-Key" });
  });

  it("answers a filled honeypot like a success and stores nothing", async () => {
    const before = await count("dialogue_questions");
    const sent = await publicPost(
      app,
      `/api/public/dialogues/${upcomingId}/questions`,
      question({ website: "http://spam" }),
    );
    expect(sent.statusCode).toBe(201);
    expect(sent.json().trackingCode).toMatch(/^CH-/);
    expect(await count("dialogue_questions")).toBe(before);
  });

  it("writes a retried post once: the same key and body answer the same code, another body 409", async () => {
    const before = await count("dialogue_questions");
    const body = question();
    const key = `retry-${Date.now()}`;
    const first = await publicPost(app, `/api/public/dialogues/${upcomingId}/questions`, body, { key });
    const again = await publicPost(app, `/api/public/dialogues/${upcomingId}/questions`, body, { key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    expect(await count("dialogue_questions")).toBe(before + 1);
    const other = await publicPost(app, `/api/public/dialogues/${upcomingId}/questions`, question(), { key });
    expect(other.statusCode).toBe(409);
    expect(await count("dialogue_questions")).toBe(before + 1);
  });

  it("limits posts per address and per phone number with 429 and the time to wait", async () => {
    const url = `/api/public/dialogues/${upcomingId}/questions`;
    const ip = nextIp();
    for (let i = 0; i < 4; i++) expect((await publicPost(app, url, question(), { ip })).statusCode).toBe(201);
    const blocked = await publicPost(app, url, question(), { ip });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(blocked.json().error).toMatchObject({ code: "civic_rate_limited" });
    expect(blocked.json().error.message).toMatch(/thử lại sau \d+ phút/);
    const phone = randomPhone();
    const contact = { name: "Trần Văn C", phone };
    for (let i = 0; i < 3; i++)
      expect((await publicPost(app, url, question({ contact }))).statusCode).toBe(201);
    const samePhone = await publicPost(
      app,
      url,
      question({ contact: { name: "Trần Văn C", phone: `+84 ${phone.slice(1)}` } }),
    );
    expect(samePhone.statusCode).toBe(429);
  });
});

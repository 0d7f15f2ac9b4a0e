import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { createTestApp, signIn } from "../../test/harness.ts";
import { nextIp, petitionBody, submit } from "./testing.ts";
import { isWellFormedTrackingCode } from "./tracking.ts";

const LIMITS = {
  PETITION_RATE_LIMIT_IP: "4",
  PETITION_RATE_LIMIT_PHONE: "3",
  PETITION_CONTACT_CHECKS: "3",
  PETITION_UPLOAD_BYTES_PER_DAY_IP: "5000",
  UPLOAD_STORAGE: "memory",
};

forEachEngineWithDemo("petitions: public intake, retries and limits", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database, "kien-giang", { ...LIMITS, UPLOAD_LIMIT: "2048" }));
  });
  afterAll(async () => {
    await app.close();
  });

  const count = async (table = "petitions") =>
    Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const rowOf = async (code: string) =>
    (
      await database.query<Record<string, unknown>>("SELECT * FROM petitions WHERE tracking_code = $1", [
        code,
      ])
    )[0];

  it("receives a petition: 201 with a well-formed code, its commune, clocks and first event", async () => {
    const response = await submit(
      app,
      petitionBody({ contact: { name: "Trần Thị Bé", phone: "+84 912.345.678" } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const { trackingCode } = response.json();
    expect(trackingCode).toMatch(/^PA-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(isWellFormedTrackingCode(trackingCode)).toBe(true);
    const row = await rowOf(trackingCode);
    expect(row).toMatchObject({ contact_phone: "+84912345678", channel: "portal", status: "received" });
    const [commune] = await database.query<{ name: string }>("SELECT name FROM units WHERE id = $1", [
      row.commune_id,
    ]);
    expect(commune.name).toBe("Ủy ban nhân dân phường Rạch Giá");
    const clocks = await database.query<{ rule_key: string; unit: string }>(
      "SELECT rule_key, unit FROM petition_clocks WHERE petition_id = $1 ORDER BY rule_key",
      [row.id],
    );
    expect(clocks.map((c) => c.rule_key)).toEqual(["phan-anh.answer", "phan-anh.route"]);
    const audit = await database.query<{ after: unknown }>(
      "SELECT after FROM audit_log WHERE entity_id = $1",
      [String(row.id)],
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].after)).not.toMatch(/Trần|912|ngập/);
    // The portal is stored as a code, and the staff read it in their language.
    const [stored] = await database.query<{ actor_name: string }>(
      "SELECT actor_name FROM petition_events WHERE petition_id = $1",
      [row.id],
    );
    expect(stored.actor_name).toBe("portal");
    for (const [locale, actor] of [
      ["vi", "Công dân (qua cổng thông tin)"],
      ["en", "A citizen (through the portal)"],
    ]) {
      const staff = await signIn(app, "dieuphoi", locale);
      const detail = await staff.get(`/api/petitions/${row.id}`);
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.json().events[0]).toMatchObject({ type: "received", actor });
    }
  });

  it("matches commune names without diacritics and names communeName when it is missing or unknown", async () => {
    for (const name of [
      "phuong rach gia",
      "Phường Rạch Giá",
      "Rạch Giá",
      "UBND phường Rạch Giá",
      "dac khu phu quoc",
    ]) {
      const response = await submit(app, petitionBody({ communeName: name }));
      expect(response.statusCode, name).toBe(201);
    }
    const before = await count();
    const missing = await submit(app, petitionBody({ communeName: undefined }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: "petition_commune_missing", field: "communeName" });
    const unknown = await submit(app, petitionBody({ communeName: "xã Không Có" }), { locale: "en" });
    expect(unknown.json().error).toMatchObject({ code: "petition_commune_unknown", field: "communeName" });
    expect(unknown.json().error.message).toContain("xã Không Có");
    // A 2024 commune, closed by the 2025 merger, is not in force today.
    const closed = await submit(app, petitionBody({ communeName: "Phường Vĩnh Thanh Vân" }));
    expect(closed.json().error.field).toBe("communeName");
    const badId = await submit(app, petitionBody({ communeName: undefined, communeId: crypto.randomUUID() }));
    expect(badId.json().error).toMatchObject({ code: "petition_commune_unknown", field: "communeId" });
    expect(await count()).toBe(before);
  });

  it("stores HTML and script as the text it is, and returns it as a JSON string", async () => {
    const text = `<script>alert("xss")</script><img src=x onerror=alert(1)> Đèn đường hỏng & ngõ tối "quá".`;
    const response = await submit(app, petitionBody({ text: `  ${text}  ` }));
    expect(response.statusCode).toBe(201);
    const row = await rowOf(response.json().trackingCode);
    expect(row.text).toBe(text);
  });

  it("refuses bad input with the field named, and writes nothing", async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ text: "Quá ngắn để gửi." }, "text"],
      [{ text: "x".repeat(10_001) }, "text"],
      [{ contact: { name: "A", phone: "12345" } }, "contact.phone"],
      [{ contact: { name: "A", phone: "0112345678" } }, "contact.phone"],
      [{ contact: { name: "A" } }, "contact.phone"],
      [{ kind: "khac" }, "kind"],
      [{ extra: 1 }, "extra"],
    ];
    for (const [override, field] of cases) {
      const response = await submit(app, petitionBody(override));
      expect(response.statusCode, JSON.stringify(override)).toBe(400);
      expect(response.json().error.field).toBe(field);
    }
    expect(await count()).toBe(before);
  });

  it("answers a retry with the same Idempotency-Key with the same code, and a different body with 409", async () => {
    const body = petitionBody();
    const key = crypto.randomUUID();
    const first = await submit(app, body, { key });
    const before = await count();
    const again = await submit(app, body, { key, ip: nextIp() });
    expect(again.statusCode).toBe(201);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    const changed = await submit(app, { ...body, text: `${body.text} Thêm một câu.` }, { key });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe("idempotency_mismatch");
    const badKey = await submit(app, body, { key: "short" });
    expect(badKey.json().error.field).toBe("Idempotency-Key");
    expect(await count()).toBe(before);
  });

  it("creates exactly one petition from concurrent retries of one key", async () => {
    const body = petitionBody();
    const key = crypto.randomUUID();
    const before = await count();
    const responses = await Promise.all(Array.from({ length: 8 }, () => submit(app, body, { key })));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.json().trackingCode)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it("answers a filled honeypot with a plausible code and stores nothing", async () => {
    const before = { petitions: await count(), keys: await count("petition_idempotency") };
    const response = await submit(app, petitionBody({ website: "http://spam.example" }), {
      key: crypto.randomUUID(),
    });
    expect(response.statusCode).toBe(201);
    const code = response.json().trackingCode;
    expect(isWellFormedTrackingCode(code)).toBe(true);
    expect(await count()).toBe(before.petitions);
    expect(await count("petition_idempotency")).toBe(before.keys);
    expect((await app.inject({ method: "GET", url: `/api/public/petitions/${code}` })).statusCode).toBe(404);
  });

  it("limits petitions per address and per phone: 429 with the time to wait, and nothing written", async () => {
    const ip = nextIp();
    for (let i = 0; i < 4; i++) expect((await submit(app, petitionBody(), { ip })).statusCode).toBe(201);
    const before = await count();
    const limited = await submit(app, petitionBody(), { ip });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.json().error.message).toMatch(/thử lại sau \d+ phút/);
    const english = await submit(app, petitionBody(), { ip, locale: "en" });
    expect(english.json().error.message).toMatch(/try again in \d+ minutes/);

    const phone = "0987 111 222";
    for (let i = 0; i < 3; i++) {
      expect((await submit(app, petitionBody({ contact: { name: "B", phone } }))).statusCode).toBe(201);
    }
    const samePhone = await submit(app, petitionBody({ contact: { name: "B", phone: "+84987111222" } }));
    expect(samePhone.statusCode).toBe(429);
    expect(await count()).toBe(before + 3);
    const counters = await database.query<{ bucket: string }>("SELECT bucket FROM petition_rate_counters");
    // Buckets name a salted hash, never the address or the number.
    for (const { bucket } of counters)
      expect(bucket).toMatch(/^(ip|contact|upload-ip|day-upload-bytes-ip|proof):[0-9a-f]{32}$/);
  });
});

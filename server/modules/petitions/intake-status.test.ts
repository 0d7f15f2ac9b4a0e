import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import type { AppContext } from "../../http/context.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { createTestApp } from "../../test/harness.ts";
import { type PetitionDeps, petitionDeps } from "./deps.ts";
import { nextIp, petitionBody, submit } from "./testing.ts";
import { newTrackingCode } from "./tracking.ts";
import { publicView } from "./views.ts";

const LIMITS = {
  PETITION_RATE_LIMIT_IP: "4",
  PETITION_RATE_LIMIT_PHONE: "3",
  PETITION_CONTACT_CHECKS: "3",
  PETITION_UPLOAD_BYTES_PER_DAY_IP: "5000",
  UPLOAD_STORAGE: "memory",
};

forEachEngineWithDemo("petitions: the status page and Open311", (getDatabase) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let database: Database;
  let deps: PetitionDeps;

  beforeAll(async () => {
    database = getDatabase();
    ({ app, ctx } = await createTestApp(database, "kien-giang", { ...LIMITS, UPLOAD_LIMIT: "2048" }));
    deps = petitionDeps(ctx);
  });
  afterAll(async () => {
    await app.close();
  });

  it("shows the status without personal data; a random code is a 404 by the same queries", async () => {
    const body = petitionBody({
      contact: { name: "Lê Thị Riêng", phone: "0911 222 333", email: "rieng@example.vn" },
    });
    const { trackingCode } = (await submit(app, body)).json();
    const view = await app.inject({
      method: "GET",
      url: `/api/public/petitions/${trackingCode.toLowerCase()}`,
    });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      trackingCode,
      kind: "phan-anh",
      commune: "Phường Rạch Giá",
      status: "received",
    });
    expect(view.json().clocks).toHaveLength(2);
    expect(view.body).not.toMatch(/Riêng|0911|222|rieng@|ngập/);

    const miss = await app.inject({ method: "GET", url: `/api/public/petitions/${newTrackingCode()}` });
    expect(miss.statusCode).toBe(404);
    expect(Object.keys(miss.json().error).sort()).toEqual(["code", "message"]);
    expect((await app.inject({ method: "GET", url: "/api/public/petitions/not-a-code" })).statusCode).toBe(
      404,
    );

    // The same code path: a hit and a miss issue the same number of queries.
    const counted = () => {
      let selects = 0;
      const db = new Proxy(database.db, {
        get(target, prop, receiver) {
          if (prop === "select") selects++;
          return Reflect.get(target, prop, receiver);
        },
      });
      return { db, selects: () => selects };
    };
    const hit = counted();
    expect(await publicView(hit.db, ctx.tenant.id, trackingCode, deps.today())).not.toBeNull();
    const missed = counted();
    expect(await publicView(missed.db, ctx.tenant.id, newTrackingCode(), deps.today())).toBeNull();
    expect(missed.selects()).toBe(hit.selects());
  });

  it("shows the citizen what is held after the contact check, logs the read, and stops guessing", async () => {
    const body = petitionBody({ contact: { name: "Phạm Văn Chủ", phone: "0933 444 555" } });
    const { trackingCode } = (await submit(app, body)).json();
    const url = `/api/public/petitions/${trackingCode}/my-data`;
    const ok = await app.inject({
      method: "GET",
      url,
      headers: { "x-petition-contact": "+84933444555", "accept-language": "en" },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      contact: { name: "Phạm Văn Chủ", phone: "0933 444 555" },
      text: body.text,
      retention:
        "Kept with the case file under the public records rules; only those handling the case may see it.",
    });
    const [log] = await database.query<{ purpose: string; actor_name: string }>(
      "SELECT purpose, actor_name FROM petition_access_log l JOIN petitions p ON p.id = l.petition_id WHERE p.tracking_code = $1",
      [trackingCode],
    );
    expect(log).toEqual({ purpose: "citizen.my-data", actor_name: "citizen" });
    const wrong = await app.inject({ method: "GET", url, headers: { "x-petition-contact": "0933 444 556" } });
    expect(wrong.statusCode).toBe(403);
    const third = await app.inject({ method: "GET", url, headers: { "x-petition-contact": "0900 000 000" } });
    expect(third.statusCode).toBe(403);
    // Only wrong contacts count (per address; open311.test.ts): the right one above gave its count back.
    const fourth = await app.inject({
      method: "GET",
      url,
      headers: { "x-petition-contact": "0900 000 001" },
    });
    expect(fourth.statusCode).toBe(403);
    const stopped = await app.inject({
      method: "GET",
      url,
      headers: { "x-petition-contact": "+84933444555" },
    });
    expect(stopped.statusCode).toBe(429);
  });

  it("lists the communes in force today for the picker", async () => {
    const response = await app.inject({ method: "GET", url: "/api/public/communes" });
    const items = response.json().items as { name: string; folded: string }[];
    expect(items).toHaveLength(102);
    expect(items).toContainEqual(
      expect.objectContaining({ name: "Phường Rạch Giá", folded: "phuong rach gia" }),
    );
  });

  it("offers the petitions as Open311 GeoReport v2, form-encoded or JSON", async () => {
    const services = (await app.inject({ method: "GET", url: "/open311/v2/services.json" })).json();
    expect(services).toContainEqual(expect.objectContaining({ service_code: "ha-tang", type: "realtime" }));
    const form = new URLSearchParams({
      service_code: "moi-truong",
      description: "Bãi rác tự phát cạnh chợ bốc mùi, gọi tôi theo số 0977 888 999 để chỉ chỗ.",
      address_string: "Chợ Rạch Sỏi, phường Rạch Giá",
      first_name: "Tư",
      last_name: "Nguyễn Văn",
      phone: "0977888999",
    });
    const posted = await app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      remoteAddress: nextIp(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form.toString(),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const [{ service_request_id: id }] = posted.json();
    const single = await app.inject({ method: "GET", url: `/open311/v2/requests/${id}.json` });
    expect(single.json()[0]).toMatchObject({
      service_request_id: id,
      status: "open",
      service_code: "moi-truong",
      address: "Phường Rạch Giá",
      agency_responsible: null,
    });
    expect(single.json()[0].description).toContain("[số điện thoại]");
    const list = (await app.inject({ method: "GET", url: "/open311/v2/requests.json?status=open" })).json();
    expect(list.some((r: { service_request_id: string }) => r.service_request_id === id)).toBe(true);

    const complaint = (await submit(app, petitionBody({ kind: "to-cao" }))).json().trackingCode;
    expect(
      (await app.inject({ method: "GET", url: `/open311/v2/requests/${complaint}.json` })).statusCode,
    ).toBe(404);
    const bad = await app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ service_code: "moi-truong" }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()[0]).toMatchObject({ code: 400 });
  });
});

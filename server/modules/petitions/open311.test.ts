import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { createTestApp } from "../../test/harness.ts";
import { nextIp, petitionBody, submit } from "./testing.ts";

/**
 * Open311 names a case by its public id (the petition's uuid), never by its tracking code, the
 * citizen's own half of the key to their case; and contact proofs are counted per client address,
 * so one address guessing cannot lock the citizen out (a high per-case ceiling remains).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// The per-address allowance stays at its default (5); the per-case ceiling is lowered to be reached.
const LIMITS = { PETITION_CONTACT_CHECKS_PER_CASE: "8" };

forEachEngineWithDemo("petitions: Open311 public ids, contact proofs per address", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database, "kien-giang", LIMITS));
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string) => app.inject({ method: "GET", url });
  const codes = async () =>
    (await database.query<{ tracking_code: string }>("SELECT tracking_code FROM petitions")).map(
      (row) => row.tracking_code,
    );
  const postOpen311 = (phone: string) =>
    app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      remoteAddress: nextIp(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        service_code: "ha-tang",
        description: "Đèn chiếu sáng trên đường Lâm Quang Ky tắt cả tuần, buổi tối rất tối và nguy hiểm.",
        address_string: "phường Rạch Giá",
        first_name: "Hai",
        last_name: "Trần Văn",
        phone,
      }).toString(),
    });

  it("answers a new request with its public id, and the portal still follows it by its code", async () => {
    const posted = await postOpen311("0912 765 432");
    expect(posted.statusCode, posted.body).toBe(201);
    const [{ service_request_id: id }] = posted.json();
    expect(id).toMatch(UUID);
    const [row] = await database.query<{ tracking_code: string }>(
      "SELECT tracking_code FROM petitions WHERE id = $1",
      [id],
    );
    expect(posted.body).not.toContain(row.tracking_code);
    const portal = await get(`/api/public/petitions/${row.tracking_code}`);
    expect(portal.statusCode, portal.body).toBe(200);
    const mine = await app.inject({
      method: "GET",
      url: `/api/public/petitions/${row.tracking_code}/my-data`,
      headers: { "x-petition-contact": "+84912765432" },
    });
    expect(mine.statusCode, mine.body).toBe(200);
  });

  it("never shows a tracking code in the list or a request; finds a request by its public id only", async () => {
    const { trackingCode } = (await submit(app, petitionBody())).json();
    const [{ id }] = await database.query<{ id: string }>(
      "SELECT id FROM petitions WHERE tracking_code = $1",
      [trackingCode],
    );
    const all = await codes();
    expect(all.length).toBeGreaterThan(10);
    const list = await get("/open311/v2/requests.json?start_date=2000-01-01T00:00:00%2B07:00");
    expect(list.statusCode).toBe(200);
    const items = list.json() as { service_request_id: string }[];
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((item) => UUID.test(item.service_request_id))).toBe(true);
    for (const code of all) expect(list.body).not.toContain(code);
    const recent = await get("/open311/v2/requests.json");
    for (const code of all) expect(recent.body).not.toContain(code);

    const single = await get(`/open311/v2/requests/${id}.json`);
    expect(single.statusCode, single.body).toBe(200);
    expect(single.json()).toEqual([expect.objectContaining({ service_request_id: id, status: "open" })]);
    expect(single.body).not.toContain(trackingCode);
    expect((await get(`/open311/v2/requests/${id.toUpperCase()}.json`)).json()[0].service_request_id).toBe(
      id,
    );
    const other = items.find((item) => item.service_request_id !== id)!.service_request_id;
    const filtered = await get(`/open311/v2/requests.json?service_request_id=${id},${other}`);
    expect(
      filtered
        .json()
        .map((r: { service_request_id: string }) => r.service_request_id)
        .sort(),
    ).toEqual([id, other].sort());

    // A tracking code is no key here: not found, as an unknown id is; nothing listed for it.
    expect((await get(`/open311/v2/requests/${trackingCode}.json`)).statusCode).toBe(404);
    expect((await get("/open311/v2/requests/00000000-0000-4000-8000-000000000000.json")).statusCode).toBe(
      404,
    );
    expect((await get(`/open311/v2/requests.json?service_request_id=${trackingCode}`)).json()).toEqual([]);
  });

  it("counts wrong contacts per address: five from A, then the citizen from B gets in; A waits", async () => {
    const { trackingCode } = (
      await submit(app, petitionBody({ contact: { name: "Lê Thị Chín", phone: "0945 112 233" } }))
    ).json();
    const url = `/api/public/petitions/${trackingCode}/my-data`;
    const read = (contact: string, remoteAddress: string) =>
      app.inject({ method: "GET", url, remoteAddress, headers: { "x-petition-contact": contact } });
    const [a, b, c, d] = ["198.51.100.7", "203.0.113.9", "198.51.100.8", "203.0.113.10"];
    // The citizen's own reads use up nothing.
    for (let i = 0; i < 6; i++) expect((await read("0945 112 233", b)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await read(`0945 112 2${40 + i}`, a)).statusCode).toBe(403);
    const fromB = await read("+84945112233", b);
    expect(fromB.statusCode, fromB.body).toBe(200);
    const stopped = await read("0945 112 233", a);
    expect(stopped.statusCode).toBe(429);
    expect(stopped.json().error.code).toBe("petition_rate_limited");
    expect(Number(stopped.headers["retry-after"])).toBeGreaterThan(0);
    // One address, whatever the case: A is refused on another case too.
    const other = (await submit(app, petitionBody())).json().trackingCode;
    const elsewhere = await app.inject({
      method: "POST",
      url: `/api/public/petitions/${other}/rating`,
      remoteAddress: a,
      payload: { score: 5, contact: "0900 000 000" },
    });
    expect(elsewhere.statusCode).toBe(429);

    // The per-case ceiling (8 wrong an hour here; 100 by default) stops guessing from many addresses.
    for (let i = 0; i < 3; i++) expect((await read(`0945 112 2${50 + i}`, nextIp())).statusCode).toBe(403);
    expect((await read("0945 112 233", c)).statusCode).toBe(429);
    expect((await read("0945 112 299", d)).statusCode).toBe(429);
  });
});

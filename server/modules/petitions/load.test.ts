import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { createTestApp } from "../../test/harness.ts";
import { petitionBody, submit } from "./testing.ts";

/**
 * 50 clients submit petitions at once for a few seconds (PETITION_LOAD_SECONDS, default 5 per
 * engine: short enough for CI), some retrying with their Idempotency-Key as a flaky network
 * would. Afterwards every petition acknowledged with 201 is in the database, once.
 */
const CLIENTS = 50;
const SECONDS = Number(process.env.PETITION_LOAD_SECONDS ?? 5);
const LIMITS = { PETITION_RATE_LIMIT_IP: "100000", PETITION_RATE_LIMIT_PHONE: "100000" };

forEachEngineWithDemo("petitions under load", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database, "kien-giang", LIMITS));
  });
  afterAll(async () => {
    await app.close();
  });

  it(`acknowledges only what it stored: ${CLIENTS} clients for ${SECONDS} s`, async () => {
    const acknowledged: string[] = [];
    const failures = new Map<number, number>();
    let retries = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const client = async (n: number) => {
      const ip = `172.16.${n}.1`;
      // At least two each, however slow the machine: the count below does not depend on its speed.
      for (let i = 0; i < 2 || Date.now() < deadline; i++) {
        const key = `load-${n}-${i}-${crypto.randomUUID()}`;
        const body = petitionBody({
          text: `Phản ánh số ${i} của người dân thứ ${n}: đèn đường hỏng nhiều ngày chưa sửa.`,
        });
        const response = await submit(app, body, { ip, key });
        if (response.statusCode === 201) {
          acknowledged.push(response.json().trackingCode);
          // Every tenth: the answer "got lost", the client sends the same request again.
          if (i % 10 === 0) {
            retries++;
            const retry = await submit(app, body, { ip, key });
            expect(retry.json().trackingCode).toBe(response.json().trackingCode);
          }
        } else {
          failures.set(response.statusCode, (failures.get(response.statusCode) ?? 0) + 1);
        }
      }
    };
    const before = Number((await database.query<{ n: string }>("SELECT count(*) AS n FROM petitions"))[0].n);
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));

    expect(Object.fromEntries(failures)).toEqual({});
    expect(acknowledged.length).toBeGreaterThanOrEqual(2 * CLIENTS);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    const stored = await database.query<{ tracking_code: string }>("SELECT tracking_code FROM petitions");
    expect(stored.length - before).toBe(acknowledged.length);
    const codes = new Set(stored.map((row) => row.tracking_code));
    expect(acknowledged.every((code) => codes.has(code))).toBe(true);
    console.info(
      `petitions under load: ${acknowledged.length} stored in ${SECONDS} s (${Math.round(acknowledged.length / SECONDS)}/s), ${retries} retries answered from the key`,
    );
  });
});

import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import type { Database } from "../db/connection.ts";
import { petitionBody, submit } from "../modules/petitions/testing.ts";
import { createLogger } from "../runtime.ts";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { createTestApp } from "../test/harness.ts";

const PHONE = "0912345678";
const NAME = "Phạm Thị Riêng Tư";
const TEXT = "Nhà tôi ở hẻm 14 bị nứt tường sau khi công trình bên cạnh đóng cọc, xin kiểm tra giúp.";

forEachEngineWithDemo("the log of a failed query: its SQLSTATE, never its parameters", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  const lines: string[] = [];
  const log = () => lines.join("");

  beforeAll(async () => {
    database = getDatabase();
    const test = await createTestApp(database);
    await test.app.close();
    // The process's own logger (createLogger), writing into memory.
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await buildApp(test.ctx, { logger: createLogger({ logLevel: "info" }, stream) });
    await app.ready();
    // This block's own throwaway database: from now on it refuses every new petition, as a real
    // database failure would, after the request passed every check of the server's.
    await database.query("ALTER TABLE petitions ADD CONSTRAINT test_refuses_all CHECK (false) NOT VALID");
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers 500 with a reference only, and logs the SQLSTATE without the phone, the name or the text", async () => {
    const before = lines.length;
    const response = await submit(app, petitionBody({ text: TEXT, contact: { name: NAME, phone: PHONE } }));
    expect(response.statusCode, response.body).toBe(500);
    const { error } = response.json();
    expect(Object.keys(error).sort()).toEqual(["code", "message"]);
    expect(error.code).toBe("internal");
    expect(response.body).not.toMatch(/0912|912345678|Riêng Tư|hẻm 14|params|Failed query|insert|petitions/i);

    const written = lines.slice(before).join("");
    expect(written).toContain('"msg":"request failed"');
    expect(written).toContain('"sqlState":"23514"');
    expect(written).toContain('"constraint":"test_refuses_all"');
    expect(written).toContain('"message":"database query failed"');
    for (const secret of [
      PHONE,
      "912345678",
      NAME,
      "Riêng",
      "hẻm 14",
      "params",
      "Failed query",
      "insert into",
    ]) {
      expect(written, secret).not.toContain(secret);
    }
  });

  it("logs no request's query string, body or cookies", async () => {
    await app.inject({
      method: "GET",
      url: `/api/public/dialogues?q=${encodeURIComponent(NAME)}&phone=${PHONE}`,
      headers: { cookie: "dt_session=secret-session-token" },
    });
    expect(log()).toContain('"url":"/api/public/dialogues"');
    for (const secret of [PHONE, "Ri%C3%AAng", NAME, "secret-session-token"])
      expect(log(), secret).not.toContain(secret);
  });
});

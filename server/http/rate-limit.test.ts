import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { client, createTestApp, signIn } from "../test/harness.ts";

// The API's request limit is counted per signed-in session, and per address only for requests
// without one: a whole department behind one public address (a provincial office's NAT) is not
// one client, while an anonymous caller is still held to the limit of its address.
forEachEngineWithDemo(
  "the API's request limit",
  (getDatabase) => {
    const LIMIT = 12;
    let app: FastifyInstance;

    beforeAll(async () => {
      ({ app } = await createTestApp(getDatabase(), "kien-giang", { API_RATE_LIMIT: String(LIMIT) }));
    });
    afterAll(async () => {
      await app?.close();
    });

    it("counts each signed-in session apart, from one address", async () => {
      const first = await signIn(app, "dieuphoi");
      const second = await signIn(app, "canbo.so");
      for (let i = 0; i < LIMIT; i++) expect((await first.get("/api/me")).statusCode).toBe(200);
      const over = await first.get("/api/me");
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
      // The other session, from the same address, has its own count.
      expect((await second.get("/api/me")).statusCode).toBe(200);
    });

    it("holds requests without a session to their address, whatever cookie they send", async () => {
      // Spent by the two sign-ins above and these; a made-up session cookie is no session.
      const anonymous = client(app);
      const forged = client(app);
      forged.cookies.dt_session = "not-a-session";
      let refused = 0;
      for (let i = 0; i < LIMIT + 2; i++) {
        const response = await (i % 2 ? forged : anonymous).get("/api/public/plans");
        if (response.statusCode === 429) refused++;
      }
      expect(refused).toBeGreaterThan(0);
    });
  },
  { engines: ["pglite"] },
);

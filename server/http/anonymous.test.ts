import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { createTestApp } from "../test/harness.ts";

type Operation = { security?: unknown[] };
const SOME_ID = "00000000-0000-4000-8000-000000000000";

// Every route the OpenAPI document lists, called without a session: a staff route answers 401
// before its schema reads the request (an empty or wrong body included), a public one never does.
// The gate does not touch the database, so one engine tells it.
forEachEngineWithDemo(
  "routes called without a session",
  (getDatabase) => {
    let app: FastifyInstance;
    let operations: { method: string; path: string; url: string; open: boolean }[];

    beforeAll(async () => {
      ({ app } = await createTestApp(getDatabase()));
      const doc = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
      operations = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
        Object.entries(byMethod).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          url: path.replace(/\{[^}]+\}/g, SOME_ID),
          open: Array.isArray(op.security) && op.security.length === 0,
        })),
      );
    });
    afterAll(async () => {
      await app.close();
    });

    const call = (method: string, url: string, cookie?: string) =>
      app.inject({
        method: method as "GET",
        url,
        headers: { "accept-language": "en", ...(cookie ? { cookie } : {}) },
        ...(method === "GET" || method === "DELETE" ? {} : { payload: { unexpected: true } }),
      });

    it("refuses every staff route with 401 before reading the request, with or without a stale cookie", async () => {
      const staff = operations.filter((o) => !o.open);
      // The whole staff API, not a sample: a route added later is in the document, so it is here.
      expect(staff.length).toBeGreaterThan(120);
      const wrong: string[] = [];
      for (const { method, path, url } of staff) {
        const anonymous = await call(method, url);
        if (anonymous.statusCode !== 401 || anonymous.json().error?.code !== "unauthenticated")
          wrong.push(`${method} ${path}: ${anonymous.statusCode} ${anonymous.body.slice(0, 80)}`);
        const stale = await call(method, url, "dt_session=made-up; dt_csrf=made-up");
        if (stale.statusCode !== 401 || stale.json().error?.code !== "session_expired")
          wrong.push(`${method} ${path} (stale cookie): ${stale.statusCode} ${stale.body.slice(0, 80)}`);
      }
      expect(wrong).toEqual([]);
    });

    it("never asks a caller of a public route to sign in", async () => {
      const open = operations.filter((o) => o.open);
      expect(open.map((o) => `${o.method} ${o.path}`)).toEqual(
        expect.arrayContaining(["POST /api/auth/login", "POST /api/public/petitions", "GET /api/health"]),
      );
      const wrong: string[] = [];
      for (const { method, path, url } of open) {
        const response = await call(method, url);
        if (response.statusCode === 401) wrong.push(`${method} ${path}`);
      }
      expect(wrong).toEqual([]);
    });
  },
  { engines: ["pglite"] },
);

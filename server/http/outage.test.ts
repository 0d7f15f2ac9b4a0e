// A database outage, as an operator meets it: every API request that needs the database answers
// 503 with Retry-After and a message in the request's language (never 500), readiness names the
// database (never "migrations 0/15"), liveness still answers, and the server recovers by itself.
//
// PostgreSQL: a real outage of the test's own throwaway database, from an admin connection:
// ALLOW_CONNECTIONS false and every connection to it terminated, then connections allowed again.
// PGlite (embedded, so never "unreachable"): the app's database object swapped for one that is
// closed — what a request in flight meets while the server shuts down — and swapped back. Recovery
// without restart is only meaningful on PostgreSQL, and is checked there.

import type { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../db/connection.ts";
import * as schema from "../db/schema.ts";
import type { AppContext } from "../http/context.ts";
import { forEachEngineWithDemo, postgresAdminUrl } from "../test/engines.ts";
import { type Client, client, createTestApp, signIn } from "../test/harness.ts";

const STAFF_ROUTE = "/api/units";
const PUBLIC_ROUTE = "/api/public/plans";

forEachEngineWithDemo("a database outage", (getDatabase) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let admin: Client;
  let adminEn: Client;
  let outage: { start(): Promise<void>; end(): Promise<void> };

  beforeAll(async () => {
    ({ app, ctx } = await createTestApp(getDatabase()));
    admin = await signIn(app, "admin");
    adminEn = await signIn(app, "admin", "en");
    outage = getDatabase().engine === "postgres" ? postgresOutage(getDatabase()) : pgliteOutage(ctx);
  });
  afterAll(async () => {
    await outage.end();
    await app.close();
  });

  it("answers normally before the outage", async () => {
    expect((await admin.get(STAFF_ROUTE)).statusCode).toBe(200);
    expect((await client(app).get(PUBLIC_ROUTE)).statusCode).toBe(200);
    const ready = await client(app).get("/api/health/ready");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: "ok", cause: null, database: { ok: true, error: null } });
  });

  it("answers 503 with Retry-After, in the request's language, on staff and public routes", async () => {
    await outage.start();
    for (const [who, locale, urls] of [
      [admin, "vi", [STAFF_ROUTE, PUBLIC_ROUTE]],
      [adminEn, "en", [STAFF_ROUTE, PUBLIC_ROUTE]],
      [client(app, "vi"), "vi", [PUBLIC_ROUTE]],
      [client(app, "en"), "en", [PUBLIC_ROUTE]],
    ] as const) {
      for (const url of urls) {
        const response = await who.get(url);
        expect(response.statusCode, `${url} ${locale} ${response.body}`).toBe(503);
        expect(response.headers["retry-after"]).toBe("5");
        const { error } = response.json();
        expect(error.code).toBe("database_unavailable");
        expect(error.message).toBe(
          locale === "vi"
            ? "Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau 5 giây."
            : "The server cannot reach its database at the moment. Please try again in 5 seconds.",
        );
      }
    }
    // A state-changing request too (CSRF checked against the session, itself in the database).
    const created = await admin.post("/api/units", { type: "other", parentId: null, name: "Trong sự cố" });
    expect(created.statusCode).toBe(503);
  });

  it("names the database in readiness (not migrations), on /api/health too, while liveness answers", async () => {
    for (const url of ["/api/health/ready", "/api/health"]) {
      const ready = await client(app).get(url);
      expect(ready.statusCode, url).toBe(503);
      expect(ready.headers["retry-after"]).toBe("5");
      const body = ready.json();
      expect(body).toMatchObject({ status: "degraded", cause: "database", database: { ok: false } });
      expect(body.database.error).toEqual(expect.any(String));
      expect(body.migrations).toBeNull();
      expect(body.clock).toHaveProperty("pinnedAt");
    }
    // With a session cookie too: liveness never asks the database.
    const live = await admin.get("/api/health/live");
    expect(live.statusCode).toBe(200);
    expect(live.json().status).toBe("ok");
  });

  it("recovers without a restart once the database is back", async () => {
    await outage.end();
    expect((await admin.get(STAFF_ROUTE)).statusCode).toBe(200);
    expect((await client(app).get(PUBLIC_ROUTE)).statusCode).toBe(200);
    const ready = await client(app).get("/api/health/ready");
    expect(ready.statusCode).toBe(200);
    expect(ready.json().migrations.pending).toEqual([]);
  });
});

function postgresOutage(database: Database) {
  let name: string | null = null;
  let down = false;
  const admin = async (run: (client: pg.Client) => Promise<unknown>) => {
    const connection = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 5000 });
    await connection.connect();
    try {
      await run(connection);
    } finally {
      await connection.end().catch(() => {});
    }
  };
  return {
    async start() {
      name ??= (await database.query<{ name: string }>("SELECT current_database() AS name"))[0].name;
      down = true;
      await admin(async (connection) => {
        await connection.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
        await connection.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [name],
        );
      });
      // The pool drops its idle clients as their connections end.
      const pool = database.pool as pg.Pool;
      for (let wait = 0; wait < 40 && pool.totalCount > 0; wait++)
        await new Promise((r) => setTimeout(r, 50));
    },
    async end() {
      if (!down) return;
      down = false;
      await admin((connection) => connection.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`));
    },
  };
}

/**
 * The app's database swapped for the same one as seen once closed: every call fails as a closed
 * PGlite's does (`Error: PGlite is closed`). Opening and closing a real one costs seconds; the
 * shared one cannot be closed, its block closes it afterwards.
 */
function pgliteOutage(ctx: AppContext) {
  const original = ctx.database;
  const closedError = () => Promise.reject(new Error("PGlite is closed"));
  return {
    async start() {
      const pglite = new Proxy(original.pglite as PGlite, {
        get: (target, key) => {
          const value = Reflect.get(target, key);
          return typeof value === "function" ? closedError : value;
        },
      });
      ctx.database = {
        ...original,
        pglite,
        db: drizzle(pglite, { schema }) as unknown as Database["db"],
        query: closedError,
      };
    },
    async end() {
      ctx.database = original;
    },
  };
}

// /metrics answers this machine, or the holder of METRICS_TOKEN, and no one else (a 404: it is not
// advertised); behind a proxy the address the proxy forwarded counts. The database is not involved,
// so one engine is enough; the health probes under an outage are in outage.test.ts, on both.
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.ts";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { createTestApp } from "../test/harness.ts";

const TOKEN = "metrics-token-for-tests-0123456789";

forEachEngineWithDemo(
  "/metrics and the health probes",
  (getDatabase) => {
    let plain: FastifyInstance;
    let withToken: FastifyInstance;
    let behindProxy: FastifyInstance;
    beforeAll(async () => {
      ({ app: plain } = await createTestApp(getDatabase()));
      ({ app: withToken } = await createTestApp(getDatabase(), "kien-giang", { METRICS_TOKEN: TOKEN }));
      ({ app: behindProxy } = await createTestApp(getDatabase(), "kien-giang", { TRUST_PROXY: "true" }));
    });
    afterAll(async () => {
      await Promise.all([plain, withToken, behindProxy].map((app) => app.close()));
    });

    const metrics = (app: FastifyInstance, options: Omit<InjectOptions, "url" | "method"> = {}) =>
      app.inject({ method: "GET", url: "/metrics", ...options });

    it("answers a loopback address", async () => {
      for (const remoteAddress of ["127.0.0.1", "127.0.0.53", "::1", "::ffff:127.0.0.1"]) {
        const response = await metrics(plain, { remoteAddress });
        expect(response.statusCode, remoteAddress).toBe(200);
        expect(response.body).toContain("process_cpu_user_seconds_total");
      }
    });

    it("is not found from any other address, as a missing file is", async () => {
      const unknown = await plain.inject({
        method: "GET",
        url: "/assets/no-such-file.js",
        remoteAddress: "203.0.113.9",
      });
      for (const remoteAddress of ["203.0.113.9", "10.0.0.5", "::ffff:192.168.1.4", "2001:db8::1"]) {
        const response = await metrics(plain, { remoteAddress });
        expect(response.statusCode, remoteAddress).toBe(404);
        expect(response.body).not.toContain("process_cpu");
      }
      const refused = await metrics(plain, { remoteAddress: "203.0.113.9" });
      expect(unknown.statusCode).toBe(404);
      expect(refused.body).toBe(unknown.body);
      expect(refused.headers["content-type"]).toBe(unknown.headers["content-type"]);
    });

    it("without TRUST_PROXY, a request that came through a proxy is not local", async () => {
      const response = await metrics(plain, { headers: { "x-forwarded-for": "203.0.113.9" } });
      expect(response.statusCode).toBe(404);
      expect((await metrics(plain, { headers: { forwarded: "for=203.0.113.9" } })).statusCode).toBe(404);
    });

    it("answers anyone with METRICS_TOKEN, and no one with a wrong one", async () => {
      const remoteAddress = "203.0.113.9";
      const good = await metrics(withToken, { remoteAddress, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(good.statusCode).toBe(200);
      expect(good.body).toContain("process_cpu_user_seconds_total");
      for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, "Bearer", ""]) {
        const response = await metrics(withToken, { remoteAddress, headers: { authorization } });
        expect(response.statusCode, authorization).toBe(404);
      }
      // Without a token configured, no token opens it.
      const none = await metrics(plain, { remoteAddress, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(none.statusCode).toBe(404);
      // The local rule still holds with a token configured.
      expect((await metrics(withToken)).statusCode).toBe(200);
    });

    it("behind a proxy (TRUST_PROXY=true), counts the forwarded address, not the proxy's", async () => {
      // The proxy runs on this machine: its own address is loopback.
      const proxied = (xff: string) => metrics(behindProxy, { headers: { "x-forwarded-for": xff } });
      expect((await proxied("203.0.113.9")).statusCode).toBe(404);
      expect((await proxied("127.0.0.1")).statusCode).toBe(200);
      // A client claiming to be local: the proxy appends the address it saw, and that one counts.
      expect((await proxied("127.0.0.1, 203.0.113.9")).statusCode).toBe(404);
      // A scraper on this machine talking to the server directly.
      expect((await metrics(behindProxy)).statusCode).toBe(200);
      expect((await metrics(behindProxy, { remoteAddress: "203.0.113.9" })).statusCode).toBe(404);
    });

    it("answers liveness and readiness without a session, and is not counted by the request limit", async () => {
      const live = await plain.inject({ method: "GET", url: "/api/health/live" });
      expect(live.statusCode).toBe(200);
      expect(live.json()).toMatchObject({ status: "ok" });
      for (const url of ["/api/health/ready", "/api/health"]) {
        const ready = await plain.inject({ method: "GET", url });
        expect(ready.statusCode, url).toBe(200);
        expect(ready.json()).toMatchObject({ status: "ok", cause: null, database: { ok: true } });
        expect(ready.json().migrations.pending).toEqual([]);
        expect(ready.json().clock).toHaveProperty("pinnedAt");
        expect(ready.headers["x-ratelimit-limit"]).toBeUndefined();
      }
    });
  },
  { engines: ["pglite"] },
);

describe("METRICS_TOKEN", () => {
  it("is refused when short enough to guess", () => {
    expect(() => loadConfig({ METRICS_TOKEN: "short" } as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: "has a space in it 123" } as NodeJS.ProcessEnv)).toThrow(
      /METRICS_TOKEN/,
    );
    expect(loadConfig({ METRICS_TOKEN: TOKEN } as NodeJS.ProcessEnv).metricsToken).toBe(TOKEN);
    expect(loadConfig({} as NodeJS.ProcessEnv).metricsToken).toBeNull();
  });
});

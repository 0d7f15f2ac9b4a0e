import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { isDemoLoaded, loadDemo } from "../../demo/load.ts";
import { buildApp } from "../app.ts";
import { type Config, loadConfig } from "../config.ts";
import type { Database } from "../db/connection.ts";
import type { AppContext, Tenant } from "../http/context.ts";
import { clock } from "../lib/clock.ts";
import { createMailer } from "../modules/notifications/mailer.ts";
import { ensureTenant } from "../modules/orgs/service.ts";

export const DEMO_PASSWORD = "demo-password-for-tests";

const quiet = { info() {}, warn() {}, error() {} };

/**
 * An app over a migrated database with the demo province loaded, for `inject`-driven tests.
 * `env` overrides the test configuration (e.g. a low LOGIN_RATE_LIMIT); `overrides` sets parsed
 * values no variable can give (a time limit of a fraction of a second, for a test that must
 * reach it whatever the machine's speed).
 */
export async function createTestApp(
  database: Database,
  tenantCode = "kien-giang",
  env: Record<string, string> = {},
  overrides: Partial<Config> = {},
): Promise<{ app: FastifyInstance; ctx: AppContext; tenant: Tenant }> {
  const config = loadConfig(
    {
      DEMO_PASSWORD,
      LOGIN_MAX_FAILURES: "3",
      LOGIN_LOCK_MINUTES: "15",
      BODY_LIMIT: "65536",
      LOGIN_RATE_LIMIT: "1000",
      ...env,
    } as NodeJS.ProcessEnv,
    { dataDir: "/nonexistent", ...overrides },
  );
  const row = await ensureTenant(
    database.db,
    tenantCode,
    tenantCode === "kien-giang" ? "Tỉnh Kiên Giang" : tenantCode,
  );
  const tenant = { id: row.id, code: row.code, name: row.name };
  if (!(await isDemoLoaded(database.db, tenant.id)))
    await loadDemo(database, tenant, { password: DEMO_PASSWORD });
  const ctx: AppContext = {
    database,
    config: { ...config, tenantCode },
    tenant,
    mailer: createMailer(config, quiet as never),
    jobs: null,
  };
  const app = await buildApp(ctx);
  await app.ready();
  return { app, ctx, tenant };
}

export interface Client {
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  cookies: Record<string, string>;
}

/** A client that keeps its cookies and sends the CSRF header, as the web app does. */
export function client(app: FastifyInstance, locale = "vi"): Client {
  const cookies: Record<string, string> = {};
  const request = async (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await app.inject({
      method: method as "GET",
      url,
      headers: {
        "accept-language": locale,
        ...(Object.keys(cookies).length
          ? {
              cookie: Object.entries(cookies)
                .map(([k, v]) => `${k}=${v}`)
                .join("; "),
            }
          : {}),
        ...(cookies.dt_csrf && method !== "GET" ? { "x-csrf-token": cookies.dt_csrf } : {}),
        ...(body !== undefined && typeof body !== "string" && !Buffer.isBuffer(body)
          ? { "content-type": "application/json" }
          : {}),
        ...headers,
      },
      payload:
        body === undefined
          ? undefined
          : typeof body === "string" || Buffer.isBuffer(body)
            ? body
            : JSON.stringify(body),
    });
    for (const cookie of response.cookies) {
      if (cookie.value === "" || (cookie.expires && cookie.expires.getTime() < clock.nowMs()))
        delete cookies[cookie.name];
      else cookies[cookie.name] = cookie.value;
    }
    return response;
  };
  return {
    request,
    get: (url, headers) => request("GET", url, undefined, headers),
    post: (url, body, headers) => request("POST", url, body ?? {}, headers),
    patch: (url, body, headers) => request("PATCH", url, body, headers),
    delete: (url, headers) => request("DELETE", url, undefined, headers),
    cookies,
  };
}

export async function signIn(app: FastifyInstance, username: string, locale = "vi"): Promise<Client> {
  const c = client(app, locale);
  const response = await c.post("/api/auth/login", { username, password: DEMO_PASSWORD });
  if (response.statusCode !== 200)
    throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`);
  return c;
}

import fc from "fast-check";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../db/connection.ts";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { createTestApp, signIn } from "../test/harness.ts";
import {
  generators,
  type HostileRequest,
  type JsonSchema,
  type Resolver,
  type RouteShape,
  resolver,
} from "./hostile-inputs.ts";

/**
 * Every route of the OpenAPI document, sent hostile requests made from its own schema
 * (server/http/hostile-inputs.ts): wrong types, texts past their maxLength and of several MB,
 * thousands of levels of nesting, NUL and lone surrogates, `__proto__`/`constructor`/`prototype`
 * keys, SQL and markup, numbers out of range, unknown keys, empty bodies, wrong content types,
 * and hostile path and query parameters. Staff routes are called by a signed-in demo account of a
 * role that may use them, public ones anonymously.
 *
 * The property: the answer is a 4xx `{error: {code, message}}` naming the field at fault where
 * the schema must refuse the request, never a 5xx, always within seconds; and the database is the
 * same after a route's batch of refused requests as before it (rows counted and row versions of
 * every table).
 *
 * A fixed seed and a modest number of runs keep it to CI's budget; DT_HOSTILE_RUNS (runs per route
 * and kind, 12 by default) and DT_HOSTILE_SEED explore further:
 *   DT_HOSTILE_RUNS=200 DT_HOSTILE_SEED=$RANDOM npx vitest run server/http/hostile.test.ts
 *
 * One engine suffices: what is checked is the refusal before the route's work (schemas, the JSON
 * parser, the text guard), which never reaches the database, and the route's answer to text and
 * numbers that both engines store alike; PGlite is the PostgreSQL server's own code compiled to
 * WASM, so a value that one engine refuses the other refuses too.
 */

const RUNS = Number(process.env.DT_HOSTILE_RUNS ?? 12);
const SEED = Number(process.env.DT_HOSTILE_SEED ?? 20261207);
/** A request not answered within this is a hang. */
const ANSWER_WITHIN_MS = 10_000;

type Operation = {
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

interface Route {
  method: string;
  path: string;
  open: boolean;
  shape: RouteShape;
}

/**
 * The demo account that may use a staff route: the administrator for users and the directory,
 * a unit's officer for their own account, notices and reports, the coordinating office for the
 * rest (plans, assignments, reporting, petitions, dialogues, consultations).
 */
function accountFor(path: string): string {
  if (/^\/api\/(users|units|unit-groups|directory|audit|restructure|admin)/.test(path)) return "admin";
  if (/^\/api\/(me|notices|reports\/|reporting\/notices)/.test(path)) return "canbo.so";
  return "dieuphoi";
}

/** A URL part: percent-encoded, lone surrogates as the three bytes a careless encoder writes. */
function encodePart(value: string): string {
  let out = "";
  for (const ch of value) {
    const unit = ch.charCodeAt(0);
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    } else out += encodeURIComponent(ch);
  }
  return out;
}

function urlOf(route: Route, request: HostileRequest): string {
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodePart(request.pathParams[name] ?? ""),
  );
  const query = Object.entries(request.query).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => `${encodePart(name)}=${encodePart(v)}`),
  );
  return query.length ? `${path}?${query.join("&")}` : path;
}

type ErrorBody = { code?: unknown; message?: unknown; field?: unknown };

/**
 * The error of an answer: `{error: {code, message, field?}}`, or on the Open311 routes the
 * GeoReport v2 form their clients read, `[{code, description}]` (the field named in the words).
 */
function errorOf(route: Route, response: LightMyRequestResponse): ErrorBody | undefined {
  const body = response.json() as { error?: ErrorBody } | { code?: number; description?: string }[];
  if (route.path.startsWith("/open311/") && Array.isArray(body)) {
    const first = body[0];
    const field = first?.description?.match(/“([^”]+)”/)?.[1];
    return first && { code: "open311", message: first.description, ...(field ? { field } : {}) };
  }
  return Array.isArray(body) ? undefined : body.error;
}

/** What is wrong with the answer to a hostile request, or null. */
function judge(route: Route, request: HostileRequest, response: LightMyRequestResponse): string | null {
  const status = response.statusCode;
  if (status >= 500) return `${status} ${response.body.slice(0, 160)}`;
  if (status < 400)
    return request.mustRefuse ? `accepted with ${status}: ${response.body.slice(0, 120)}` : null;
  let error: ErrorBody | undefined;
  try {
    error = errorOf(route, response);
  } catch {
    return `${status} without a JSON body: ${response.body.slice(0, 80)}`;
  }
  if (typeof error?.code !== "string" || typeof error.message !== "string" || !error.message.trim())
    return `${status} without {error: {code, message}}: ${response.body.slice(0, 120)}`;
  // A refusal by the schema names the field, in `field` and in the words.
  const fieldCode = error.code === "validation" || error.code === "unknown_field" || error.code === "open311";
  if (
    error.code !== "open311" &&
    fieldCode &&
    (typeof error.field !== "string" || !error.field || !error.message.includes(error.field))
  )
    return `${status} ${error.code} names no field: ${error.message}`;
  if (!request.mustRefuse) return null;
  // Refused by the JSON parser, the schema or the text guard (400), the body limit (413), the
  // content-type check (415), or the router (a path parameter longer than any route takes).
  const early = [400, 413, 414, 415].includes(status) || (status === 404 && error.code === "route_not_found");
  if (!early) return `refused only by the route (${status} ${error.code}): the schema let it through`;
  // A value that no branch of a union takes may be named by the branch that came closest.
  if (request.field && request.field !== "body" && fieldCode) {
    const field = String(error.field ?? "");
    if (field !== request.field && !field.startsWith(`${request.field}.`))
      return `names field ${JSON.stringify(field)}, not ${JSON.stringify(request.field)}`;
  }
  return null;
}

forEachEngineWithDemo(
  "hostile input on every route",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let routes: Route[];
    let resolve: Resolver;
    let snapshotSql: string;
    const sessions = new Map<string, { cookie: string; csrf: string }>();
    let address = 0;

    beforeAll(async () => {
      database = getDatabase();
      ({ app } = await createTestApp(database, "kien-giang", { API_RATE_LIMIT: "1000000" }));
      const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as Doc;
      resolve = resolver(doc.components?.schemas);
      routes = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
        Object.entries(byMethod).map(([method, op]) => {
          const parameters = op.parameters ?? [];
          const of = (where: string) => parameters.filter((p) => p.in === where);
          return {
            method: method.toUpperCase(),
            path,
            open: Array.isArray(op.security) && op.security.length === 0,
            shape: {
              method: method.toUpperCase(),
              pathParams: of("path").map((p) => ({ name: p.name, schema: p.schema ?? {} })),
              query: of("query").map((p) => ({
                name: p.name,
                schema: p.schema ?? {},
                required: !!p.required,
              })),
              headers: of("header").map((p) => ({ name: p.name, schema: p.schema ?? {} })),
              body: op.requestBody?.content?.["application/json"]?.schema ?? null,
            },
          };
        }),
      );
      for (const username of new Set(routes.filter((r) => !r.open).map((r) => accountFor(r.path)))) {
        const signed = await signIn(app, username, "en");
        sessions.set(username, {
          cookie: Object.entries(signed.cookies)
            .map(([k, v]) => `${k}=${v}`)
            .join("; "),
          csrf: signed.cookies.dt_csrf,
        });
      }
      // Rows and row versions of every table: an insert or delete changes the count, an update the
      // highest transaction id that wrote a row still visible. Sessions are left out: using one
      // moves its idle deadline forward, which is what a session is for.
      const tables = await database.query<{ schemaname: string; tablename: string }>(
        "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
      );
      snapshotSql = tables
        .filter((t) => t.tablename !== "sessions")
        .map(
          (t) =>
            `SELECT '${t.schemaname}.${t.tablename}' AS name, count(*)::int AS rows, coalesce(max(xmin::text::bigint), 0)::text AS version FROM "${t.schemaname}"."${t.tablename}"`,
        )
        .join(" UNION ALL ");
    });
    afterAll(async () => {
      await app?.close();
    });

    const snapshot = async () =>
      Object.fromEntries(
        (await database.query<{ name: string; rows: number; version: string }>(snapshotSql)).map((r) => [
          r.name,
          `${r.rows} rows, version ${r.version}`,
        ]),
      );

    async function send(route: Route, request: HostileRequest): Promise<LightMyRequestResponse> {
      const session = route.open ? null : sessions.get(accountFor(route.path));
      address = (address + 1) % 65_000;
      const answer = app.inject({
        method: route.method as "POST",
        url: urlOf(route, request),
        // Each request from an address of its own, so the public routes' per-address allowance
        // (counted in the database) never stands between a request and its check.
        remoteAddress: `127.1.${address >> 8}.${address & 255}`,
        headers: {
          "accept-language": "en",
          ...(request.contentType ? { "content-type": request.contentType } : {}),
          ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
          ...request.headers,
        },
        ...(request.body !== undefined ? { payload: request.body } : {}),
      });
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)),
          ANSWER_WITHIN_MS,
        );
      });
      try {
        return await Promise.race([answer, hang]);
      } finally {
        clearTimeout(timer);
      }
    }

    /** Runs the property over one route's arbitrary; the first counterexample, shrunk, or null. */
    async function check(route: Route, arbitrary: fc.Arbitrary<HostileRequest>, seedOffset: number) {
      const details = await fc.check(
        fc.asyncProperty(arbitrary, async (request) => {
          let response: LightMyRequestResponse;
          try {
            response = await send(route, request);
          } catch (error) {
            throw new Error(`${request.label}: ${(error as Error).message}`);
          }
          const wrong = judge(route, request, response);
          if (wrong) throw new Error(`${request.label}: ${wrong}`);
        }),
        { seed: SEED + seedOffset, numRuns: RUNS, endOnFailure: true },
      );
      if (!details.failed) return null;
      const cause =
        details.errorInstance instanceof Error
          ? details.errorInstance.message
          : String(details.errorInstance);
      return `${route.method} ${route.path}: ${cause}`;
    }

    async function walk(selected: Route[]): Promise<string[]> {
      const wrong: string[] = [];
      for (const [index, route] of selected.entries()) {
        if (process.env.DT_HOSTILE_TRACE)
          console.error(`${new Date().toISOString()} ${route.method} ${route.path}`);
        const { refused, tolerated } = generators(route.shape, resolve);
        if (refused) {
          const before = await snapshot();
          const failure = await check(route, refused, index * 2);
          if (failure) wrong.push(failure);
          const after = await snapshot();
          const changed = Object.keys(before).filter((name) => before[name] !== after[name]);
          if (changed.length)
            wrong.push(
              `${route.method} ${route.path}: refused requests changed ${changed.map((n) => `${n} (${before[n]} → ${after[n]})`).join(", ")}`,
            );
        }
        if (tolerated) {
          const failure = await check(route, tolerated, index * 2 + 1);
          if (failure) wrong.push(failure);
        }
      }
      return wrong;
    }

    const writes = (r: Route) => r.method !== "GET" && r.method !== "HEAD";

    it("staff write routes refuse hostile bodies and parameters with a 4xx, and write nothing", async () => {
      const selected = routes.filter((r) => writes(r) && !r.open);
      expect(selected.length).toBeGreaterThan(60);
      expect(await walk(selected)).toEqual([]);
    }, 240_000);

    it("public write routes refuse hostile bodies and parameters with a 4xx, and write nothing", async () => {
      // Signing out ends nothing here (no session is sent); it is the one public write with no input.
      const selected = routes.filter((r) => writes(r) && r.open);
      expect(selected.map((r) => `${r.method} ${r.path}`)).toEqual(
        expect.arrayContaining(["POST /api/public/petitions", "POST /open311/v2/requests.json"]),
      );
      expect(await walk(selected)).toEqual([]);
    }, 240_000);

    it("every route's path and query parameters take hostile values without a 5xx", async () => {
      const selected = routes.filter(
        (r) => !writes(r) && (r.shape.pathParams.length > 0 || r.shape.query.length > 0),
      );
      expect(selected.length).toBeGreaterThan(40);
      expect(await walk(selected)).toEqual([]);
    }, 240_000);
  },
  { engines: ["pglite"] },
);

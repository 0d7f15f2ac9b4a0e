import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_USERS } from "../../demo/users.ts";
import { queryRows } from "../db/connection.ts";
import {
  DEMO_ACCOUNTS,
  type FixtureContext,
  fillPath,
  type MatrixRow,
  type Outcome,
  type Params,
  type Probe,
} from "../test/authz-matrix.ts";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { type Client, createTestApp, signIn } from "../test/harness.ts";

/**
 * Every staff route × every demo account × a resource inside the account's scope, one outside
 * it, and one of another province → the status the tables beside the policies
 * (server/modules/<module>/access.matrix.ts) expect. A staff route without a row fails, and so
 * does a row whose route is gone. Then every list, search and export may only return what the
 * detail route lets the same account read.
 */

const MODULES = join(dirname(fileURLToPath(import.meta.url)), "..", "modules");
const matrixFiles = readdirSync(MODULES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(MODULES, entry.name, "access.matrix.ts")))
  .map((entry) => entry.name);
const ROWS: (MatrixRow & { module: string })[] = [];
for (const module of matrixFiles) {
  const loaded = (await import(join(MODULES, module, "access.matrix.ts"))) as { rows: MatrixRow[] };
  for (const row of loaded.rows) ROWS.push({ ...row, module });
}

/**
 * Staff routes that have no row yet: the list only shrinks. A route listed here that gains a row
 * (or disappears) fails the test, so it is taken off.
 */
const NOT_YET_COVERED: string[] = [
  // Downloads and consolidated reports: the demo holds no file, letter or consolidation to read.
  "GET /api/assignments/{id}/updates/{updateId}/files/{fileId}",
  "GET /api/petitions/{id}/attachments/{uploadId}",
  "GET /api/reports/{id}/files/{fileId}",
  "GET /api/reporting/urging-letters/{id}/file",
  "GET /api/reporting/consolidations/{id}",
  "GET /api/reporting/consolidations/{id}/report.docx",
  "GET /api/reporting/consolidations/{id}/annex.xlsx",
  "GET /api/reporting/consolidations/{id}/report.pdf",
  // Writes: refusals (a valid body from each account that must be refused) still to be written.
  "POST /api/notices/{id}/read",
  "PATCH /api/me",
  "POST /api/me/password",
  "POST /api/me/totp/setup",
  "POST /api/me/totp/enable",
  "POST /api/me/totp/disable",
  "POST /api/users",
  "POST /api/users/{id}/move-to-successor",
  "PATCH /api/users/{id}",
  "POST /api/users/{id}/reset-password",
  "POST /api/users/{id}/totp/reset",
  "POST /api/users/{id}/unlock",
  "POST /api/units",
  "POST /api/units/import",
  "PATCH /api/units/{id}",
  "DELETE /api/units/{id}",
  "POST /api/unit-groups",
  "PATCH /api/unit-groups/{id}",
  "DELETE /api/unit-groups/{id}",
  "POST /api/directory/events",
  "POST /api/plans/import",
  "PATCH /api/plans/{id}/items/{code}",
  "POST /api/plans/{id}/items/{code}/split",
  "POST /api/plans/{id}/items/{code}/merge",
  "PUT /api/plans/{id}/mentions",
  "POST /api/plans/{id}/mentions/auto-confirm",
  "POST /api/plans/{id}/publish",
  "POST /api/plans/{id}/amendments",
  "POST /api/plans/{id}/links",
  "POST /api/assignments/{id}/updates",
  "POST /api/assignments/{id}/status",
  "PUT /api/plans/{id}/weights",
  "POST /api/petitions/{id}/answer/return",
  "POST /api/petitions",
  "POST /api/petitions/notices/{id}/read",
  "POST /api/petitions/{id}/assign",
  "POST /api/petitions/{id}/acceptance",
  "POST /api/petitions/{id}/extensions",
  "PUT /api/petitions/{id}/answer",
  "POST /api/petitions/{id}/answer/approve",
  "POST /api/petitions/{id}/close",
  "POST /api/petitions/{id}/merge",
  "PUT /api/reporting/plans/{planId}/form",
  "PATCH /api/reporting/schedules/{id}",
  "POST /api/reporting/plans/{planId}/requests",
  "POST /api/reporting/periods/{id}/units/{unitId}/reopen",
  "POST /api/reporting/periods/{id}/units/{unitId}/report",
  "PUT /api/reports/{id}",
  "POST /api/reports/{id}/{action}",
  "POST /api/reports/{id}/files",
  "POST /api/reporting/notices/{id}/read",
  "POST /api/reporting/periods/{id}/urging-letters",
  "POST /api/escalations",
  "PATCH /api/escalations/{id}",
  "POST /api/reporting/consolidations",
  "PATCH /api/reporting/consolidations/{id}",
  "PATCH /api/reporting/consolidations/{id}/sections/{key}",
  "POST /api/reporting/consolidations/{id}/finalise",
  "POST /api/dialogues",
  "PATCH /api/dialogues/{id}",
  "POST /api/dialogues/{id}/questions",
  "POST /api/dialogues/{id}/questions/{questionId}/moderation",
  "POST /api/dialogues/{id}/questions/{questionId}/answer",
  "POST /api/dialogues/{id}/commitments",
  "POST /api/commitments/{id}/close",
  "POST /api/commitments/{id}/reopen",
  "POST /api/consultations",
  "POST /api/consultations/split",
  "PATCH /api/consultations/{id}",
  "POST /api/consultations/{id}/publish",
  "POST /api/consultations/{id}/comments",
  "POST /api/consultations/{id}/comments/{commentId}/moderation",
  "POST /api/consultations/{id}/comments/{commentId}/response",
];

/**
 * Answers that differ from the table where the table is right and the route is wrong: each a
 * read or change an account must not get. `route account probe: got status`. An entry whose
 * route now answers as the table says fails the test, so it is taken off.
 */
const KNOWN_LEAKS: string[] = [];

/** Routes that answer what the table does not expect for a reason other than access (e.g. 500). */
const KNOWN_BROKEN: string[] = [];

type Operation = { security?: unknown[] };
const OTHER_TENANT = "authz-matrix-other";
const SAMPLE = 10;
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const madeUpIds = (params: Params): Params =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, UUID.test(v) ? NO_SUCH_ID : v]));
const PRINT = process.env.DT_MATRIX_PRINT === "1";

forEachEngineWithDemo("authorization matrix", (getDatabase) => {
  let app: FastifyInstance;
  let staffRoutes: string[];
  const clients = new Map<string, Client>();
  const contexts = new Map<string, { home: FixtureContext; other: FixtureContext }>();

  beforeAll(async () => {
    const database = getDatabase();
    const started = Date.now();
    let tenant: { id: string };
    ({ app, tenant } = await createTestApp(database));
    // Another province in the same database, with the same accounts and the same kinds of data.
    const { app: otherApp, tenant: other } = await createTestApp(database, OTHER_TENANT);
    await otherApp.close();
    if (PRINT) console.log(`second province loaded in ${Date.now() - started} ms`);
    const doc = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    staffRoutes = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod)
        .filter(([, op]) => !(Array.isArray(op.security) && op.security.length === 0))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const grantOf = async (tenantId: string, username: string) => {
      const [row] = await queryRows<{ unit_id: string }>(
        database.db,
        sql`SELECT g.unit_id FROM role_grants g JOIN users u ON u.id = g.user_id
            WHERE u.tenant_id = ${tenantId} AND u.username = ${username} ORDER BY g.unit_id LIMIT 1`,
      );
      if (!row) throw new Error(`no grant for ${username}`);
      return row.unit_id;
    };
    for (const username of DEMO_ACCOUNTS) {
      clients.set(username, await signIn(app, username, "en"));
      const ctx = (tenantId: string, unitId: string) => ({ db: database.db, tenantId, username, unitId });
      contexts.set(username, {
        home: ctx(tenant.id, await grantOf(tenant.id, username)),
        other: ctx(other.id, await grantOf(other.id, username)),
      });
    }
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  it("has a row for every staff route, and a route for every row", () => {
    expect(staffRoutes.length).toBeGreaterThan(120);
    const covered = new Set(ROWS.map((r) => r.route));
    const duplicated = ROWS.map((r) => r.route).filter((r, i, list) => list.indexOf(r) !== i);
    expect(duplicated, "routes with more than one row").toEqual([]);
    const missing = staffRoutes.filter((r) => !covered.has(r) && !NOT_YET_COVERED.includes(r));
    expect(missing, "staff routes without a row in any access.matrix.ts").toEqual([]);
    const gone = ROWS.map((r) => r.route).filter((r) => !staffRoutes.includes(r));
    expect(gone, "rows whose route is no longer a staff route").toEqual([]);
    const stale = NOT_YET_COVERED.filter((r) => covered.has(r) || !staffRoutes.includes(r));
    expect(stale, "NOT_YET_COVERED entries that have a row now, or no route: take them off").toEqual([]);
    // Each demo account holds the role the tables assume.
    expect(DEMO_USERS.map((u) => u.username).sort()).toEqual([...DEMO_ACCOUNTS].sort());
  });

  // Several rows share a fixture: each is asked once per account and province.
  const probes = new Map<unknown, Map<FixtureContext, Promise<Probe>>>();
  const probeOf = (fixture: NonNullable<MatrixRow["fixture"]>, context: FixtureContext) => {
    if (!probes.has(fixture)) probes.set(fixture, new Map());
    const byContext = probes.get(fixture) as Map<FixtureContext, Promise<Probe>>;
    if (!byContext.has(context)) byContext.set(context, fixture(context));
    return byContext.get(context) as Promise<Probe>;
  };

  /** Runs one request as the account. */
  const call = async (username: string, route: string, params: Params, query = "") => {
    const [method, path] = route.split(" ");
    const response = await (clients.get(username) as Client).request(method, fillPath(path, params) + query);
    return response;
  };

  it("answers each account as the tables say, inside and outside its scope and in another province", async () => {
    const mismatches: string[] = [];
    const printed: string[] = [];
    for (const row of ROWS.filter((r) => r.route.startsWith("GET "))) {
      const observed: Record<string, (number | null)[]> = {};
      for (const username of DEMO_ACCOUNTS) {
        const want: Outcome = row.expect[username as keyof typeof row.expect];
        const contextsOf = contexts.get(username) as { home: FixtureContext; other: FixtureContext };
        const probe = row.fixture
          ? await probeOf(row.fixture, contextsOf.home)
          : { inScope: {}, outOfScope: null };
        const got: (number | null)[] = [];
        for (const [index, params] of [probe.inScope, probe.outOfScope].entries()) {
          const label = index === 0 ? "inScope" : "outOfScope";
          if (!params) {
            got.push(null);
            if (index < want.length && want[index] !== null)
              mismatches.push(`${row.route} ${username} ${label}: the demo holds no such resource`);
            continue;
          }
          const status = (await call(username, row.route, params, row.query)).statusCode;
          got.push(status);
          if (want[index] !== status) mismatches.push(`${row.route} ${username} ${label}: got ${status}`);
        }
        observed[username] = got;
        if (!row.fixture) continue;
        // The same kind of resource in another province answers as one that does not exist (404,
        // or the 403 a route gives an account that may never use it, whatever the id).
        const foreign = await probeOf(row.fixture, contextsOf.other);
        const params = foreign.inScope ?? foreign.outOfScope;
        if (!params) continue;
        const status = (await call(username, row.route, params, row.query)).statusCode;
        const madeUp = (await call(username, row.route, madeUpIds(params), row.query)).statusCode;
        if (status !== madeUp || status === 200)
          mismatches.push(`${row.route} ${username} otherTenant: got ${status}, a made-up id ${madeUp}`);
      }
      if (PRINT) printed.push(`${row.route}\n${JSON.stringify(observed)}`);
    }
    if (PRINT) console.log(printed.join("\n"));
    const known = [...KNOWN_LEAKS, ...KNOWN_BROKEN];
    expect(
      mismatches.filter((m) => !known.includes(m)),
      "answers that differ from the tables",
    ).toEqual([]);
    expect(
      known.filter((k) => k.startsWith("GET ") && !mismatches.includes(k)),
      "KNOWN_LEAKS or KNOWN_BROKEN entries that answer as the table says now: take them off",
    ).toEqual([]);
  }, 300_000);

  it("lists, searches and exports return only what the detail route lets the same account read", async () => {
    const leaks: string[] = [];
    let checked = 0;
    for (const row of ROWS.filter((r) => r.list)) {
      const list = row.list as NonNullable<MatrixRow["list"]>;
      for (const username of DEMO_ACCOUNTS) {
        const own = row.fixture ? (await probeOf(row.fixture, contexts.get(username)!.home)).inScope : {};
        for (const query of [row.query ?? "", ...(list.queries ?? [])]) {
          const response = await call(username, row.route, own ?? {}, query);
          if (response.statusCode !== 200) continue;
          const json = String(response.headers["content-type"] ?? "").includes("json");
          const items = list.items(json ? response.json() : null, response.body);
          checked += Math.min(items.length, SAMPLE);
          for (const params of items.slice(0, SAMPLE)) {
            const status = (await call(username, list.detail, params)).statusCode;
            if (status !== 200)
              leaks.push(`${row.route}${query} ${username} → ${fillPath(list.detail, params)}: ${status}`);
          }
        }
      }
    }
    if (PRINT) console.log(`${checked} listed ids checked against their detail routes`);
    expect(checked, "the lists returned ids to check").toBeGreaterThan(100);
    expect(
      leaks.filter((l) => !KNOWN_LEAKS.includes(l)),
      "ids a list returned that the detail route refuses",
    ).toEqual([]);
    expect(
      KNOWN_LEAKS.filter((k) => k.includes(" → ") && !leaks.includes(k)),
      "KNOWN_LEAKS entries that are gone: take them off",
    ).toEqual([]);
  }, 300_000);
});

/**
 * The vocabulary of the authorization matrix (server/http/authorization-matrix.test.ts): each
 * module's `access.matrix.ts` lists its staff routes, how to find a resource inside and outside
 * a demo account's scope, and the status each demo account must get for each.
 *
 * "In scope": a resource of the account's own unit, a unit below it, or a unit those succeeded.
 * "Out of scope": a resource of any other unit of the same province. Besides, every row with a
 * resource is tried on the same kind of resource of another province (tenant), which must
 * always answer 404.
 */
import { type SQL, sql } from "drizzle-orm";
import { DEMO_USERS } from "../../demo/users.ts";
import { type DbOrTx, queryRows } from "../db/connection.ts";

export type DemoAccount = (typeof DEMO_USERS)[number]["username"];
export const DEMO_ACCOUNTS = DEMO_USERS.map((u) => u.username);

/** Path parameters by name, e.g. `{ id: "…" }`. */
export type Params = Record<string, string>;

export interface Probe {
  inScope?: Params | null;
  outOfScope?: Params | null;
}

export interface FixtureContext {
  db: DbOrTx;
  tenantId: string;
  username: string;
  /** The unit the account's grant sits on. */
  unitId: string;
}

export type Fixture = (f: FixtureContext) => Promise<Probe>;

/**
 * The statuses an account must get: `[inScope]` for a route without a resource, `[inScope,
 * outOfScope]` with one; `null` where the demo holds no such resource for that account (the
 * test fails if it does hold one, so the table is corrected rather than the probe skipped).
 */
export type Outcome = readonly [number | null, (number | null)?];
export type Expect = Record<DemoAccount, Outcome>;

export interface ListCheck {
  /** The detail route every returned id must be readable on, e.g. "GET /api/petitions/{id}". */
  detail: string;
  /** The path parameters of the detail route for each item the list returned. */
  items: (body: unknown, text: string) => Params[];
  /** More queries of the same list to check besides the row's own (searches, filters). */
  queries?: string[];
}

export interface MatrixRow {
  route: string;
  fixture?: Fixture;
  /** Added to the URL, e.g. "?from=2024-01-01&to=2024-12-31". */
  query?: string;
  expect: Expect;
  /** A list, search, export or autocomplete: what it returns must pass the detail route. */
  list?: ListCheck;
}

/** One outcome for every account. */
export function all(outcome: Outcome): Expect {
  return Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a, outcome])) as Expect;
}

/** `all(base)` with some accounts changed. */
export function except(base: Outcome | Expect, changes: Partial<Expect>): Expect {
  const start = Array.isArray(base) ? all(base as Outcome) : (base as Expect);
  return { ...start, ...changes } as Expect;
}

export const rows = <T>(db: DbOrTx, query: SQL) => queryRows<T>(db, query);

/**
 * The units in the account's scope as a SQL subquery: its grant's unit, the units below, and
 * every unit those succeeded, however many events back.
 */
export function scopeUnits(f: FixtureContext): SQL {
  return sql`(WITH RECURSIVE sub(id) AS (
      SELECT ${f.unitId}::uuid
      UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id),
    back(id) AS (
      SELECT id FROM sub
      UNION SELECT s.predecessor_id FROM unit_successions s JOIN back ON s.successor_id = back.id)
    SELECT id FROM back)`;
}

/** Only the grant's unit and the units below it (no history). */
export function ownUnits(f: FixtureContext): SQL {
  return sql`(WITH RECURSIVE sub(id) AS (
      SELECT ${f.unitId}::uuid
      UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)
    SELECT id FROM sub)`;
}

/**
 * A row of `table` (by its `id`) whose `unitColumn` is in the account's scope (its own units
 * first), and one whose unit is outside it; `where` narrows both (e.g. a status).
 */
export function byUnit(table: string, unitColumn: string, where: SQL = sql`true`, param = "id"): Fixture {
  return async (f) => {
    const t = sql.raw(table);
    const u = sql.raw(unitColumn);
    const [inside] = await rows<{ id: string }>(
      f.db,
      sql`SELECT t.id FROM ${t} t WHERE t.tenant_id = ${f.tenantId} AND (${where})
          AND t.${u} IN ${scopeUnits(f)}
          ORDER BY (t.${u} IN ${ownUnits(f)}) DESC, t.id LIMIT 1`,
    );
    const [outside] = await rows<{ id: string }>(
      f.db,
      sql`SELECT t.id FROM ${t} t WHERE t.tenant_id = ${f.tenantId} AND (${where})
          AND t.${u} IS NOT NULL AND t.${u} NOT IN ${scopeUnits(f)} ORDER BY t.id LIMIT 1`,
    );
    return {
      inScope: inside ? { [param]: inside.id } : null,
      outOfScope: outside ? { [param]: outside.id } : null,
    };
  };
}

/** The same resource for everyone (a tenant-wide thing such as the plan): in scope only. */
export function single(query: (f: FixtureContext) => SQL): Fixture {
  return async (f) => {
    const [row] = await rows<Params>(f.db, query(f));
    return { inScope: row ?? null, outOfScope: null };
  };
}

/** Adds fixed or derived parameters to another fixture's ids (e.g. a plan's task code). */
export function withParams(base: Fixture, more: (p: Params, f: FixtureContext) => Promise<Params>): Fixture {
  return async (f) => {
    const probe = await base(f);
    const extend = async (p: Params | null | undefined) => (p ? { ...p, ...(await more(p, f)) } : null);
    return { inScope: await extend(probe.inScope), outOfScope: await extend(probe.outOfScope) };
  };
}

/** `GET /api/x/{id}` with its parameters filled in. */
export function fillPath(path: string, params: Params): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}

/** `{ items: [{ id }] }` → `[{ id }]`, the usual shape of a list. */
export const itemIds =
  (param = "id", key = "id") =>
  (body: unknown): Params[] =>
    ((body as { items?: Record<string, unknown>[] }).items ?? []).map((item) => ({
      [param]: String(item[key]),
    }));

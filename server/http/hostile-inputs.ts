import fc from "fast-check";
import { bodyRequests } from "./hostile-body.ts";
import {
  type HostileRequest,
  type JsonSchema,
  mainType,
  pick,
  type Resolver,
  SOME_ID,
  sample,
} from "./hostile-schema.ts";
import { deepJson, NUMERIC_STRINGS, SQL_AND_MARKUP, unsafeTextArb, violates } from "./hostile-values.ts";

/**
 * Hostile requests derived from a route's OpenAPI schema (server/http/hostile.test.ts). A route's
 * schema gives a plain request that fits it (`sample`); each hostile request changes one thing
 * of it — one field, one path or query parameter, or the body as a whole — and says whether the
 * schema itself must refuse it (`mustRefuse`: a wrong type, a text past its maxLength, a number
 * out of range, an unknown key, a NUL …) or may let it through to the route (an SQL fragment in a
 * free text is a text like any other), and which field a refusal must name.
 */

export {
  type HostileRequest,
  type JsonSchema,
  kinds,
  type Resolver,
  resolver,
  SOME_ID,
  sample,
  setAt,
  slots,
} from "./hostile-schema.ts";
export { deepJson, SQL_AND_MARKUP, unsafeTextArb, violates } from "./hostile-values.ts";

export interface RouteShape {
  method: string;
  pathParams: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
  headers: { name: string; schema: JsonSchema }[];
  /** The JSON body's schema; null for a route that reads no JSON body. */
  body: JsonSchema | null;
}

export interface Generators {
  /** Requests the schema must refuse (null: the route takes no input to refuse). */
  refused: fc.Arbitrary<HostileRequest> | null;
  /** Requests that may reach the route: its answer is still never a 5xx. */
  tolerated: fc.Arbitrary<HostileRequest> | null;
}

/** The plain request of a route: its parameters and body as its schema asks. */
export function plainRequest(shape: RouteShape, resolve: Resolver): HostileRequest {
  const query: Record<string, string> = {};
  for (const q of shape.query) if (q.required) query[q.name] = String(sample(q.schema, resolve));
  return {
    label: "plain",
    pathParams: Object.fromEntries(shape.pathParams.map((p) => [p.name, String(sample(p.schema, resolve))])),
    query,
    headers: {},
    ...(shape.body
      ? { body: JSON.stringify(sample(shape.body, resolve)), contentType: "application/json" }
      : {}),
    mustRefuse: false,
  };
}

/** A parameter that cannot hold the text it is given: a UUID, a date, a pattern or a list. */
function strictParameter(schema: JsonSchema, resolve: Resolver): boolean {
  const s = pick(schema, resolve);
  return !!(s.format || s.pattern || s.enum || s.const !== undefined) || mainType(s) !== "string";
}

const HOSTILE_PARAMETER = fc.oneof(
  fc.constantFrom(...SQL_AND_MARKUP),
  fc.constantFrom(...NUMERIC_STRINGS.filter(Boolean), "-1", "0.5", "99999999999999999999999"),
  fc.string({ minLength: 1, maxLength: 8, unit: "binary" }),
  fc.integer({ min: 101, max: 3000 }).map((n) => "x".repeat(n)),
);

export function generators(shape: RouteShape, resolve: Resolver): Generators {
  const plain = plainRequest(shape, resolve);
  const base = shape.body ? sample(shape.body, resolve) : undefined;
  const refused: fc.Arbitrary<HostileRequest>[] = [];
  const tolerated: fc.Arbitrary<HostileRequest>[] = [];

  // --- the body: one field at a time, the keys of its objects, the body as a whole ---
  if (shape.body) {
    bodyRequests(shape.body, plain, base, resolve, { refused, tolerated });
  } else if (shape.method !== "GET" && shape.method !== "HEAD") {
    // A route that reads no JSON body: a body sent anyway changes nothing of what it does.
    tolerated.push(
      fc.constantFrom(
        {
          ...plain,
          label: "unexpected JSON body",
          body: '{"unexpected":true}',
          contentType: "application/json",
        },
        { ...plain, label: "text/plain body", body: "x", contentType: "text/plain" },
        { ...plain, label: "deep JSON body", body: deepJson(3000, "array"), contentType: "application/json" },
        { ...plain, label: "broken JSON", body: '{"a":', contentType: "application/json" },
      ),
    );
  }

  // --- path parameters ---
  for (const p of shape.pathParams) {
    const strict = strictParameter(p.schema, resolve);
    const param = HOSTILE_PARAMETER.map((value) => ({
      ...plain,
      label: `path ${p.name}: ${JSON.stringify(value.slice(0, 60))}${value.length > 60 ? `… (${value.length})` : ""}`,
      pathParams: { ...plain.pathParams, [p.name]: value },
      // A value the parameter's pattern happens to take ("-0" is a plan item's code) reaches the route.
      mustRefuse: strict && !isAcceptableQuery(p.schema, value, resolve),
    }));
    (strict ? refused : tolerated).push(param);
    // A NUL is refused by the text guard; half a surrogate pair, written as the bytes of one,
    // is not UTF-8, refused by the router.
    refused.push(
      unsafeTextArb.map((value) => ({
        ...plain,
        label: `path ${p.name}: ${JSON.stringify(value)}`,
        pathParams: { ...plain.pathParams, [p.name]: value },
        mustRefuse: true,
      })),
    );
  }

  // --- query parameters ---
  for (const q of shape.query) {
    const strict = strictParameter(q.schema, resolve);
    const values = fc.oneof(
      HOSTILE_PARAMETER,
      fc.constantFrom(...SQL_AND_MARKUP),
      fc.array(fc.constantFrom("1", "true", SOME_ID, "x"), { minLength: 2, maxLength: 3 }),
    );
    (strict ? refused : tolerated).push(
      values.map((value) => ({
        ...plain,
        label: `query ${q.name}: ${JSON.stringify(value).slice(0, 80)}`,
        query: { ...plain.query, [q.name]: value },
        mustRefuse: strict && !isAcceptableQuery(q.schema, value, resolve),
        field: strict && !isAcceptableQuery(q.schema, value, resolve) ? q.name : undefined,
      })),
    );
    // A NUL is refused by the text guard. Half a surrogate pair, written as the bytes of one, is
    // not UTF-8: the query string's parser reads it as U+FFFD, a character like any other.
    refused.push(
      fc
        .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
        .map(([a, b]) => `${a}\u0000${b}`)
        .map((value) => ({
          ...plain,
          label: `query ${q.name}: ${JSON.stringify(value)}`,
          query: { ...plain.query, [q.name]: value },
          mustRefuse: true,
          field: q.name,
        })),
    );
    tolerated.push(
      unsafeTextArb.map((value) => ({
        ...plain,
        label: `query ${q.name}: ${JSON.stringify(value)}`,
        query: { ...plain.query, [q.name]: value },
        mustRefuse: false,
      })),
    );
  }

  // --- declared headers ---
  for (const h of shape.headers) {
    tolerated.push(
      fc
        .oneof(
          fc.constantFrom(...SQL_AND_MARKUP.filter((v) => /^[\x20-\x7e]*$/.test(v))),
          fc.integer({ min: 200, max: 8000 }).map((n) => "k".repeat(n)),
        )
        .map((value) => ({
          ...plain,
          label: `header ${h.name}: ${value.slice(0, 60)}`,
          headers: { [h.name]: value },
        })),
    );
  }

  return {
    refused: refused.length ? fc.oneof(...refused) : null,
    tolerated: tolerated.length ? fc.oneof(...tolerated) : null,
  };
}

/** A query value that a strict parameter may still take: a number in range, a value of its list. */
function isAcceptableQuery(schema: JsonSchema, value: string | string[], resolve: Resolver): boolean {
  if (Array.isArray(value)) return false;
  const s = pick(schema, resolve);
  if (s.enum) return s.enum.map(String).includes(value);
  if (s.const !== undefined) return String(s.const) === value;
  if (s.format === "uuid" || s.format === "date" || s.format === "date-time") return false;
  if (s.pattern) return new RegExp(s.pattern, "u").test(value);
  const type = mainType(s);
  if (type === "integer" || type === "number") {
    if (value.trim() === "") return false;
    const n = Number(value);
    return Number.isFinite(n) && !violates(s, n);
  }
  if (type === "boolean") return value === "true" || value === "false";
  return true;
}

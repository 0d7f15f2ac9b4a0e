import fc from "fast-check";

/**
 * Hostile requests derived from a route's OpenAPI schema (server/http/hostile.test.ts). A route's
 * schema gives a plain request that fits it (`sample`); each hostile request changes one thing
 * of it — one field, one path or query parameter, or the body as a whole — and says whether the
 * schema itself must refuse it (`mustRefuse`: a wrong type, a text past its maxLength, a number
 * out of range, an unknown key, a NUL …) or may let it through to the route (an SQL fragment in a
 * free text is a text like any other), and which field a refusal must name.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

/** An identifier of nothing: valid as a UUID, so a request that passes its schema finds no row. */
export const SOME_ID = "00000000-0000-4000-8000-000000000000";

/** What is sent: the JSON text of the body (or none), its content type, the URL's parts. */
export interface HostileRequest {
  /** What was changed, for the failure report. */
  label: string;
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** The raw body text; undefined sends none. */
  body?: string;
  contentType?: string;
  /** The schema refuses this request: a 4xx before the route runs, nothing written. */
  mustRefuse: boolean;
  /** Where the refusal is a field's fault, the field its answer must name (`contact.name`). */
  field?: string;
}

export type Resolver = (schema: JsonSchema | undefined) => JsonSchema;

export function resolver(components: Record<string, JsonSchema> = {}): Resolver {
  const resolve: Resolver = (schema) => {
    if (!schema) return {};
    if (schema.$ref) return resolve(components[schema.$ref.replace(/^#\/components\/schemas\//, "")]);
    return schema;
  };
  return resolve;
}

/** The JSON types a schema admits ("any" when it says nothing); "integer" admits whole numbers. */
export function kinds(schema: JsonSchema, resolve: Resolver): Set<string> {
  const s = resolve(schema);
  const out = new Set<string>();
  const branches = s.anyOf ?? s.oneOf;
  if (branches) for (const b of branches) for (const k of kinds(b, resolve)) out.add(k);
  else if (s.allOf?.length) for (const k of kinds(s.allOf[0], resolve)) out.add(k);
  else if (s.const !== undefined) out.add(typeOf(s.const));
  else if (s.enum) for (const v of s.enum) out.add(typeOf(v));
  else if (s.type) for (const t of Array.isArray(s.type) ? s.type : [s.type]) out.add(t);
  else out.add("any");
  return out;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function admits(k: Set<string>, value: unknown): boolean {
  if (k.has("any")) return true;
  const t = typeOf(value);
  if (t === "integer") return k.has("integer") || k.has("number");
  return k.has(t);
}

/** The branch a plain value is built from: the first that is not `null`. */
function pick(schema: JsonSchema, resolve: Resolver): JsonSchema {
  const s = resolve(schema);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const chosen = branches.find((b) => !kinds(b, resolve).has("null")) ?? branches[0];
    return pick(chosen, resolve);
  }
  if (s.allOf?.length) return pick({ ...s.allOf[0], ...s, allOf: undefined }, resolve);
  return s;
}

function mainType(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== "null") ?? s.type[0];
  if (s.type) return s.type;
  if (s.properties) return "object";
  return undefined;
}

const STRING_CANDIDATES = [
  "a",
  "1",
  "A-1",
  "2026",
  "2026-12",
  "2026-12-07",
  "1.1",
  "0901234567",
  "abc",
  "123456",
];

const matching = new Map<string, string | undefined>();

function sampleString(s: JsonSchema): string {
  switch (s.format) {
    case "uuid":
      return SOME_ID;
    case "date":
      return "2026-12-07";
    case "date-time":
      return "2026-12-07T02:00:00.000Z";
    case "email":
      return "nguoi.dan@example.vn";
    case "uri":
    case "url":
      return "https://example.vn/a";
  }
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Number.POSITIVE_INFINITY;
  if (s.pattern) {
    const re = new RegExp(s.pattern, "u");
    const found = STRING_CANDIDATES.find((c) => re.test(c) && c.length >= min && c.length <= max);
    if (found) return found;
    // A text the pattern matches, the same every time (a fixed seed).
    const key = `${s.pattern}\u0000${min}\u0000${max}`;
    if (!matching.has(key))
      matching.set(
        key,
        fc
          .sample(fc.stringMatching(re, { size: "xsmall" }), { seed: 1, numRuns: 50 })
          .find((c) => c.length >= min && c.length <= max),
      );
    const made = matching.get(key);
    if (made !== undefined) return made;
  }
  const text = "Nội dung ".repeat(Math.ceil(Math.max(min, 1) / 9)).slice(0, Math.max(min, 1));
  return text.length > max ? text.slice(0, max) : text;
}

function sampleNumber(s: JsonSchema, integer: boolean): number {
  let value = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
  if (s.maximum !== undefined && value > s.maximum) value = s.maximum;
  return integer ? Math.ceil(value) : value;
}

/** A value that fits the schema, with the required properties only. */
export function sample(schema: JsonSchema | undefined, resolve: Resolver, depth = 0): unknown {
  const s = pick(schema ?? {}, resolve);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (depth > 12) return null;
  switch (mainType(s)) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sample(s.properties?.[key] ?? {}, resolve, depth + 1);
      return out;
    }
    case "array":
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, resolve, depth + 1));
    case "string":
      return sampleString(s);
    case "integer":
      return sampleNumber(s, true);
    case "number":
      return sampleNumber(s, false);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return "a";
  }
}

/** A place in the body that can be changed: a property of an object, or an array's first item. */
interface Slot {
  path: (string | number)[];
  schema: JsonSchema;
  /** The schemas of the containers along the path, to build one that the plain body leaves out. */
  containers: JsonSchema[];
  required: boolean;
  /**
   * The field a refusal names: the slot itself, or the union it lies in (a value no branch of a
   * union takes is the union's fault, "body" for a body that is one).
   */
  field: string;
}

function isUnion(schema: JsonSchema, resolve: Resolver): boolean {
  const s = resolve(schema);
  const branches = (s.anyOf ?? s.oneOf ?? []).filter((b) => !kinds(b, resolve).has("null"));
  return branches.length > 1;
}

export function slots(schema: JsonSchema, resolve: Resolver): Slot[] {
  const out: Slot[] = [];
  const walk = (
    s0: JsonSchema,
    path: (string | number)[],
    containers: JsonSchema[],
    union: string | null,
  ) => {
    if (path.length > 5) return;
    const inUnion = union ?? (isUnion(s0, resolve) ? dotted(path) || "body" : null);
    const s = pick(s0, resolve);
    const type = mainType(s);
    if (type === "object" && s.properties) {
      for (const [key, child] of Object.entries(s.properties)) {
        const here = [...path, key];
        out.push({
          path: here,
          schema: child,
          containers: [...containers, s],
          required: (s.required ?? []).includes(key),
          field: inUnion ?? dotted(here),
        });
        walk(child, here, [...containers, s], inUnion);
      }
    } else if (type === "array" && s.items) {
      const here = [...path, 0];
      out.push({
        path: here,
        schema: s.items,
        containers: [...containers, s],
        required: false,
        field: inUnion ?? dotted(here),
      });
      walk(s.items, here, [...containers, s], inUnion);
    }
  };
  walk(schema, [], [], null);
  return out;
}

/** A copy of `base` with the value at `path` set (or removed, for `undefined`). */
export function setAt(
  base: unknown,
  slot: Pick<Slot, "path" | "containers">,
  value: unknown,
  resolve: Resolver,
): unknown {
  const root = structuredClone(base) as Record<string | number, unknown>;
  let at = root;
  slot.path.forEach((key, i) => {
    const last = i === slot.path.length - 1;
    if (last) {
      if (value === undefined) delete at[key];
      else at[key] = value;
      return;
    }
    const next = at[key];
    if (next === null || typeof next !== "object") {
      const made = sample(slot.containers[i + 1], resolve);
      at[key] = made !== null && typeof made === "object" ? made : {};
    }
    at = at[key] as Record<string | number, unknown>;
  });
  return root;
}

const dotted = (path: (string | number)[]) => path.join(".");

// --- The hostile values -------------------------------------------------------------------------

export const SQL_AND_MARKUP = [
  "'; DROP TABLE units; --",
  "1 OR 1=1",
  "' OR ''='",
  "Robert'); DELETE FROM users WHERE ('1'='1",
  "$$; SELECT pg_sleep(10); $$",
  "\\'; COPY (SELECT 1) TO PROGRAM 'true'; --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(document.cookie)",
  "{{constructor.constructor('return 1')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection, sent as text
  "${7*7}",
  "%s%s%s%n",
  "../../../../etc/passwd",
  "\u202Egnp.exe",
];

const NUMERIC_STRINGS = ["NaN", "Infinity", "-Infinity", "1e308", "1e309", "-0", "0x10", "1_000", "١٢٣", ""];

/** Text holding a NUL, or half of a UTF-16 surrogate pair with no other half. */
export const unsafeTextArb = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.oneof(
      fc.constant("\u0000"),
      fc.integer({ min: 0xd800, max: 0xdbff }).map((u) => String.fromCharCode(u)),
      fc.integer({ min: 0xdc00, max: 0xdfff }).map((u) => String.fromCharCode(u)),
    ),
    fc.string({ maxLength: 8 }).filter((s) => !/^[\uDC00-\uDFFF]/.test(s)),
  )
  .map(([a, bad, b]) => a + bad + b);

/** A value of a JSON type the slot does not admit. */
function wrongTypeArb(k: Set<string>): fc.Arbitrary<unknown> | null {
  if (k.has("any")) return null;
  const candidates: fc.Arbitrary<unknown>[] = [
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(...NUMERIC_STRINGS, ...SQL_AND_MARKUP),
    fc.constant({}),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.constant({ "": { "": [] } }),
  ];
  // Each filter below keeps some of its values: a filter that keeps none would never end.
  const samples: unknown[] = [0, 0.5, true, null, "x", {}, []];
  if (samples.every((value) => admits(k, value))) return null;
  return fc.oneof(...candidates).filter((value) => !admits(k, value));
}

/** Numbers the schema's bounds or integrality refuse (null: it sets none). */
function outOfRangeArb(s: JsonSchema): fc.Arbitrary<number> | null {
  const integer = mainType(s) === "integer";
  const values: number[] = [1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 63];
  if (integer) values.push(0.5, -1.5, 1e-7);
  if (s.minimum !== undefined) values.push(s.minimum - 1, s.minimum - 0.5);
  if (s.exclusiveMinimum !== undefined) values.push(s.exclusiveMinimum);
  if (s.maximum !== undefined) values.push(s.maximum + 1);
  if (s.exclusiveMaximum !== undefined) values.push(s.exclusiveMaximum);
  if (s.minimum === undefined && s.exclusiveMinimum === undefined) values.push(-1);
  const refused = values.filter((v) => violates(s, v));
  return refused.length ? fc.constantFrom(...refused) : null;
}

export function violates(s: JsonSchema, value: number): boolean {
  if (mainType(s) === "integer" && !Number.isInteger(value)) return true;
  if (Number.isInteger(value) && !Number.isSafeInteger(value) && mainType(s) === "integer") return true;
  if (s.minimum !== undefined && value < s.minimum) return true;
  if (s.maximum !== undefined && value > s.maximum) return true;
  if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return true;
  if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return true;
  return false;
}

/** Whether a schema lets any value through (a record of anything, `unknown`). */
function admitsAnything(schema: JsonSchema, resolve: Resolver): boolean {
  const s = resolve(schema);
  if (kinds(s, resolve).has("any")) return true;
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.some((b) => admitsAnything(b, resolve))) return true;
  const ap = s.additionalProperties;
  return (
    mainType(s) === "object" &&
    (ap === true ||
      (typeof ap === "object" && admitsAnything(ap, resolve)) ||
      (ap === undefined && !s.properties))
  );
}

/** A text admitted as it is: no format, pattern or list of values stands in its way. */
function freeText(schema: JsonSchema, resolve: Resolver): boolean {
  const s = resolve(schema);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return branches.some((b) => freeText(b, resolve));
  return mainType(s) === "string" && !s.format && !s.pattern && !s.enum && s.const === undefined;
}

const DEEP = "\u0001deep\u0001";

/** `levels` nested arrays or objects around a 1, as JSON text (built without recursion). */
export function deepJson(levels: number, kind: "array" | "object"): string {
  return kind === "array"
    ? `${"[".repeat(levels)}1${"]".repeat(levels)}`
    : `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
}

const deepArb = fc.tuple(
  fc.integer({ min: 1000, max: 6000 }),
  fc.constantFrom("array" as const, "object" as const),
);

/** JSON text of `value`, with deep nesting put where the marker stands. */
function render(value: unknown, deep?: [number, "array" | "object"]): string {
  const text = JSON.stringify(value);
  return deep ? text.replace(JSON.stringify(DEEP), () => deepJson(deep[0], deep[1])) : text;
}

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

  // --- the body, one field at a time ---
  if (shape.body) {
    const withBody = (label: string, body: string, mustRefuse: boolean, field?: string): HostileRequest => ({
      ...plain,
      label,
      body,
      contentType: "application/json",
      mustRefuse,
      ...(field ? { field } : {}),
    });
    const bodySlots = slots(shape.body, resolve);
    for (const slot of bodySlots) {
      const where = slot.field;
      const k = kinds(slot.schema, resolve);
      const s = pick(slot.schema, resolve);
      const set = (value: unknown) => setAt(base, slot, value, resolve);
      const anything = admitsAnything(slot.schema, resolve);

      const wrong = wrongTypeArb(k);
      if (wrong)
        refused.push(
          wrong.map((v) =>
            withBody(`${where}: wrong type ${JSON.stringify(v)}`, render(set(v)), true, where),
          ),
        );
      if (!anything) {
        refused.push(
          unsafeTextArb.map((v) => withBody(`${where}: ${JSON.stringify(v)}`, render(set(v)), true, where)),
        );
      }
      if (k.has("string") && s.maxLength !== undefined) {
        const max = s.maxLength;
        refused.push(
          fc
            .tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom("a", "ệ", "😀"))
            .map(([extra, ch]) =>
              withBody(
                `${where}: ${max + extra} × ${ch} (maxLength ${max})`,
                render(set(ch.repeat(max + extra))),
                true,
                where,
              ),
            ),
        );
      }
      if (k.has("string") && (s.minLength ?? 0) > 0 && !k.has("null")) {
        refused.push(fc.constant(withBody(`${where}: empty text`, render(set("")), true, where)));
      }
      if (k.has("array") && s.maxItems !== undefined && s.maxItems < 2000) {
        const items = Array.from({ length: s.maxItems + 1 }, () => sample(s.items, resolve));
        refused.push(
          fc.constant(withBody(`${where}: ${s.maxItems + 1} items`, render(set(items)), true, where)),
        );
      }
      if ((k.has("number") || k.has("integer")) && !anything) {
        const range = outOfRangeArb(s);
        if (range)
          refused.push(
            range.map((v) => withBody(`${where}: ${v} out of range`, render(set(v)), true, where)),
          );
        tolerated.push(
          fc.constantFrom(1e308, -1, 0, 2 ** 31, 2 ** 53 - 1).map((v) => {
            const refusedByRange = violates(s, v);
            return withBody(
              `${where}: ${v}`,
              render(set(v)),
              refusedByRange,
              refusedByRange ? where : undefined,
            );
          }),
        );
      }
      if (slot.required) {
        refused.push(fc.constant(withBody(`${where}: left out`, render(set(undefined)), true, where)));
      }
      refused.push(
        deepArb.map(([levels, kind]) =>
          withBody(
            `${where}: ${levels} nested ${kind}s`,
            render(set(DEEP), [levels, kind]),
            !anything,
            where,
          ),
        ),
      );
      if (anything) {
        tolerated.push(
          deepArb.map(([levels, kind]) =>
            withBody(`${where}: ${levels} nested ${kind}s`, render(set(DEEP), [levels, kind]), false),
          ),
        );
      }
      // Words that mean something to a database or a browser: refused where the field has a
      // format, pattern or list of values, stored as they are (and never run) in a free text.
      if (k.has("string") || k.has("any")) {
        const free = freeText(slot.schema, resolve) || anything;
        const words = fc.oneof(
          fc.constantFrom(...SQL_AND_MARKUP),
          fc
            .tuple(fc.constantFrom(...SQL_AND_MARKUP), fc.string({ maxLength: 12 }))
            .map(([a, b]) => `${b}${a}${b}`),
        );
        (free ? tolerated : refused).push(
          words.map((v) => {
            const fits =
              v.length <= (s.maxLength ?? Number.POSITIVE_INFINITY) && v.length >= (s.minLength ?? 0);
            const mustRefuse = !free || !fits;
            return withBody(
              `${where}: ${JSON.stringify(v)}`,
              render(set(v)),
              mustRefuse,
              mustRefuse ? where : undefined,
            );
          }),
        );
        if (free && s.maxLength === undefined) {
          // A text with no maxLength: as long as the body limit lets through.
          tolerated.push(
            fc
              .integer({ min: 10_000, max: 60_000 })
              .map((n) =>
                withBody(`${where}: ${n} characters, no maxLength`, render(set("ư".repeat(n / 2))), false),
              ),
          );
        }
      }
    }

    // Keys of an object that the schema does not list, at the top and in each nested object.
    const topUnion = isUnion(shape.body, resolve) ? "body" : null;
    const objects: (Pick<Slot, "path" | "containers"> & { union: string | null })[] = [
      { path: [], containers: [], union: topUnion },
    ];
    for (const slot of bodySlots) {
      const s = pick(slot.schema, resolve);
      const union =
        slot.field !== dotted(slot.path) ? slot.field : isUnion(slot.schema, resolve) ? slot.field : null;
      if (mainType(s) === "object" && s.properties)
        objects.push({ path: slot.path, containers: [...slot.containers, s], union });
    }
    for (const at of objects) {
      const schemaHere =
        at.path.length === 0 ? pick(shape.body, resolve) : (at.containers.at(-1) as JsonSchema);
      const closed = schemaHere.additionalProperties === false;
      const where = dotted(at.path);
      const named = (key: string) => at.union ?? (where ? `${where}.${key}` : key);
      // Builds the body with `entries` (raw JSON `"key": value` pairs) added to the object at the path.
      const withKeys = (entries: string) => {
        if (at.path.length === 0) {
          const text = JSON.stringify(base);
          return text === "{}" ? `{${entries}}` : `{${entries},${text.slice(1)}`;
        }
        // A marker key put in the object by setAt, then replaced by the raw entries.
        const marked = setAt(base, { path: [...at.path, "\u0002"], containers: at.containers }, 1, resolve);
        return JSON.stringify(marked).replace('"\\u0002":1', () => entries);
      };
      for (const key of ["__proto__", "constructor", "prototype"]) {
        const values = ['{"isAdmin":true}', '{"prototype":{"polluted":true}}', "1", "null", '"x"'];
        const requests = values.map((value) => {
          // The JSON parser refuses __proto__ and constructor.prototype whatever the schema.
          const byParser = key === "__proto__" || (key === "constructor" && value.includes("prototype"));
          const mustRefuse = byParser || closed;
          return withBody(
            `${where || "body"}: key ${key} = ${value}`,
            withKeys(`${JSON.stringify(key)}:${value}`),
            mustRefuse,
            mustRefuse && !byParser ? named(key) : undefined,
          );
        });
        const refusedHere = requests.filter((r) => r.mustRefuse);
        const toleratedHere = requests.filter((r) => !r.mustRefuse);
        if (refusedHere.length) refused.push(fc.constantFrom(...refusedHere));
        if (toleratedHere.length) tolerated.push(fc.constantFrom(...toleratedHere));
      }
      const unknownKey = fc
        .stringMatching(/^[a-zA-Z_$][\w$]{0,11}$/)
        .filter((k) => !(schemaHere.properties && k in schemaHere.properties));
      (closed ? refused : tolerated).push(
        unknownKey.map((key) =>
          withBody(
            `${where || "body"}: unknown key ${key}`,
            withKeys(`${JSON.stringify(key)}:"x"`),
            closed,
            closed ? named(key) : undefined,
          ),
        ),
      );
    }

    // The body as a whole. A route that also reads multipart forms, or whose body is optional,
    // says so with a body that may be null: no body at all is then a request like any other.
    const hasRequired = (pick(shape.body, resolve).required ?? []).length > 0;
    const optional = kinds(shape.body, resolve).has("null");
    const none: HostileRequest[] = [
      { ...plain, label: "no body", body: undefined, contentType: undefined, mustRefuse: !optional },
      { ...plain, label: "body null", body: "null", contentType: "application/json", mustRefuse: !optional },
    ];
    (optional ? tolerated : refused).push(fc.constantFrom(...none));
    refused.push(
      fc.constantFrom(
        { ...plain, label: "empty body", body: "", contentType: "application/json", mustRefuse: true },
        { ...plain, label: "body []", body: "[]", contentType: "application/json", mustRefuse: true },
        { ...plain, label: "body 42", body: "42", contentType: "application/json", mustRefuse: true },
        { ...plain, label: "body text", body: '"x"', contentType: "application/json", mustRefuse: true },
        { ...plain, label: "broken JSON", body: '{"a":', contentType: "application/json", mustRefuse: true },
        { ...plain, label: "text/plain", contentType: "text/plain", mustRefuse: true },
        {
          ...plain,
          label: "form encoded",
          body: "a=1&b=2",
          contentType: "application/x-www-form-urlencoded",
          mustRefuse: true,
        },
        { ...plain, label: "XML", body: "<a>1</a>", contentType: "application/xml", mustRefuse: true },
        ...(hasRequired
          ? [{ ...plain, label: "body {}", body: "{}", contentType: "application/json", mustRefuse: true }]
          : []),
      ),
      deepArb.map(([levels, kind]) => ({
        ...plain,
        label: `body: ${levels} nested ${kind}s`,
        body: deepJson(levels, kind),
        contentType: "application/json",
        mustRefuse: true,
      })),
      fc.integer({ min: 2, max: 4 }).map((mb) => ({
        ...plain,
        label: `body of ${mb} MB`,
        body: JSON.stringify({ text: "a".repeat(mb * 1024 * 1024) }),
        contentType: "application/json",
        mustRefuse: true,
      })),
    );
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

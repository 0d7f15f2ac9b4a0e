import fc from "fast-check";
// What a route's OpenAPI schema says a request holds: references resolved, the JSON types a
// schema admits, a plain value that fits it, and the places of a body that can be changed one at
// a time (hostile-inputs.ts makes the hostile requests from them).

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

export function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

export function admits(k: Set<string>, value: unknown): boolean {
  if (k.has("any")) return true;
  const t = typeOf(value);
  if (t === "integer") return k.has("integer") || k.has("number");
  return k.has(t);
}

/** The branch a plain value is built from: the first that is not `null`. */
export function pick(schema: JsonSchema, resolve: Resolver): JsonSchema {
  const s = resolve(schema);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const chosen = branches.find((b) => !kinds(b, resolve).has("null")) ?? branches[0];
    return pick(chosen, resolve);
  }
  if (s.allOf?.length) return pick({ ...s.allOf[0], ...s, allOf: undefined }, resolve);
  return s;
}

export function mainType(s: JsonSchema): string | undefined {
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
export interface Slot {
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

export function isUnion(schema: JsonSchema, resolve: Resolver): boolean {
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

export const dotted = (path: (string | number)[]) => path.join(".");

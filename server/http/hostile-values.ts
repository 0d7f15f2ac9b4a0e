import fc from "fast-check";
import { admits, type JsonSchema, kinds, mainType, type Resolver } from "./hostile-schema.ts";

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

export const NUMERIC_STRINGS = [
  "NaN",
  "Infinity",
  "-Infinity",
  "1e308",
  "1e309",
  "-0",
  "0x10",
  "1_000",
  "١٢٣",
  "",
];

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
export function wrongTypeArb(k: Set<string>): fc.Arbitrary<unknown> | null {
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
export function outOfRangeArb(s: JsonSchema): fc.Arbitrary<number> | null {
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
export function admitsAnything(schema: JsonSchema, resolve: Resolver): boolean {
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
export function freeText(schema: JsonSchema, resolve: Resolver): boolean {
  const s = resolve(schema);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return branches.some((b) => freeText(b, resolve));
  return mainType(s) === "string" && !s.format && !s.pattern && !s.enum && s.const === undefined;
}

export const DEEP = "\u0001deep\u0001";

/** `levels` nested arrays or objects around a 1, as JSON text (built without recursion). */
export function deepJson(levels: number, kind: "array" | "object"): string {
  return kind === "array"
    ? `${"[".repeat(levels)}1${"]".repeat(levels)}`
    : `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
}

export const deepArb = fc.tuple(
  fc.integer({ min: 1000, max: 6000 }),
  fc.constantFrom("array" as const, "object" as const),
);

/** JSON text of `value`, with deep nesting put where the marker stands. */
export function render(value: unknown, deep?: [number, "array" | "object"]): string {
  const text = JSON.stringify(value);
  return deep ? text.replace(JSON.stringify(DEEP), () => deepJson(deep[0], deep[1])) : text;
}

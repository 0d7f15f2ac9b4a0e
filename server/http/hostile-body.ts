import fc from "fast-check";
import {
  dotted,
  type HostileRequest,
  isUnion,
  type JsonSchema,
  kinds,
  mainType,
  pick,
  type Resolver,
  type Slot,
  sample,
  setAt,
  slots,
} from "./hostile-schema.ts";
import {
  admitsAnything,
  DEEP,
  deepArb,
  deepJson,
  freeText,
  outOfRangeArb,
  render,
  SQL_AND_MARKUP,
  unsafeTextArb,
  violates,
  wrongTypeArb,
} from "./hostile-values.ts";

// Hostile requests that change a route's JSON body: one field at a time, the keys of each of its
// objects, and the body as a whole. Each goes to the pool of requests the schema must refuse or
// to the pool of those that may reach the route, in a fixed order (the test's seed replays it).

/** The requests the schema must refuse, and those that may reach the route. */
export interface Pools {
  refused: fc.Arbitrary<HostileRequest>[];
  tolerated: fc.Arbitrary<HostileRequest>[];
}

type WithBody = (label: string, body: string, mustRefuse: boolean, field?: string) => HostileRequest;

export function bodyRequests(
  body: JsonSchema,
  plain: HostileRequest,
  base: unknown,
  resolve: Resolver,
  pools: Pools,
) {
  const withBody: WithBody = (label, text, mustRefuse, field) => ({
    ...plain,
    label,
    body: text,
    contentType: "application/json",
    mustRefuse,
    ...(field ? { field } : {}),
  });
  const bodySlots = slots(body, resolve);
  for (const slot of bodySlots) fieldRequests(slot, base, resolve, withBody, pools);
  keyRequests(body, bodySlots, base, resolve, withBody, pools);
  wholeBodyRequests(body, plain, resolve, pools);
}

/** One field: wrong types, unsafe text, past its bounds, left out, nested deep, SQL and markup. */
function fieldRequests(slot: Slot, base: unknown, resolve: Resolver, withBody: WithBody, pools: Pools) {
  const { refused, tolerated } = pools;
  const where = slot.field;
  const k = kinds(slot.schema, resolve);
  const s = pick(slot.schema, resolve);
  const set = (value: unknown) => setAt(base, slot, value, resolve);
  const anything = admitsAnything(slot.schema, resolve);

  const wrong = wrongTypeArb(k);
  if (wrong)
    refused.push(
      wrong.map((v) => withBody(`${where}: wrong type ${JSON.stringify(v)}`, render(set(v)), true, where)),
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
    refused.push(fc.constant(withBody(`${where}: ${s.maxItems + 1} items`, render(set(items)), true, where)));
  }
  if ((k.has("number") || k.has("integer")) && !anything) {
    const range = outOfRangeArb(s);
    if (range)
      refused.push(range.map((v) => withBody(`${where}: ${v} out of range`, render(set(v)), true, where)));
    tolerated.push(
      fc.constantFrom(1e308, -1, 0, 2 ** 31, 2 ** 53 - 1).map((v) => {
        const refusedByRange = violates(s, v);
        return withBody(`${where}: ${v}`, render(set(v)), refusedByRange, refusedByRange ? where : undefined);
      }),
    );
  }
  if (slot.required) {
    refused.push(fc.constant(withBody(`${where}: left out`, render(set(undefined)), true, where)));
  }
  refused.push(
    deepArb.map(([levels, kind]) =>
      withBody(`${where}: ${levels} nested ${kind}s`, render(set(DEEP), [levels, kind]), !anything, where),
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
        const fits = v.length <= (s.maxLength ?? Number.POSITIVE_INFINITY) && v.length >= (s.minLength ?? 0);
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

/** Keys of an object that the schema does not list, at the top and in each nested object. */
function keyRequests(
  body: JsonSchema,
  bodySlots: Slot[],
  base: unknown,
  resolve: Resolver,
  withBody: WithBody,
  pools: Pools,
) {
  const { refused, tolerated } = pools;
  const topUnion = isUnion(body, resolve) ? "body" : null;
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
    const schemaHere = at.path.length === 0 ? pick(body, resolve) : (at.containers.at(-1) as JsonSchema);
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
}

/**
 * The body as a whole. A route that also reads multipart forms, or whose body is optional,
 * says so with a body that may be null: no body at all is then a request like any other.
 */
function wholeBodyRequests(body: JsonSchema, plain: HostileRequest, resolve: Resolver, pools: Pools) {
  const { refused, tolerated } = pools;
  const hasRequired = (pick(body, resolve).required ?? []).length > 0;
  const optional = kinds(body, resolve).has("null");
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
}

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { createTestApp } from "../test/harness.ts";

// The API's contract is checked in (docs/api/openapi.json), so that a change to it shows in the
// diff of the change that made it, and a client can be built from the repository alone. After an
// intended change: DT_WRITE_OPENAPI=1 npx vitest run server/http/openapi-drift.test.ts
const CHECKED_IN = join(process.cwd(), "docs/api/openapi.json");

type Document = { paths: Record<string, Record<string, unknown>>; components?: unknown };

function operations(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(methods)) {
      out.set(`${method.toUpperCase()} ${path}`, JSON.stringify(operation));
    }
  }
  return out;
}

// One engine: the document is built from the routes' schemas, whatever the database.
forEachEngineWithDemo(
  "the checked-in OpenAPI document",
  (getDatabase) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      ({ app } = await createTestApp(getDatabase()));
    });
    afterAll(async () => app?.close());

    it("is the one the server serves", async () => {
      const served = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as Document;
      const text = `${JSON.stringify(served, null, 2)}\n`;
      if (process.env.DT_WRITE_OPENAPI === "1") writeFileSync(CHECKED_IN, text);
      expect(existsSync(CHECKED_IN), `${CHECKED_IN} is missing: write it with DT_WRITE_OPENAPI=1`).toBe(true);
      const kept = JSON.parse(readFileSync(CHECKED_IN, "utf8")) as Document;
      const now = operations(served);
      const before = operations(kept);
      const changes = [
        ...[...now.keys()].filter((key) => !before.has(key)).map((key) => `added ${key}`),
        ...[...before.keys()].filter((key) => !now.has(key)).map((key) => `removed ${key}`),
        ...[...now.keys()]
          .filter((key) => before.has(key) && before.get(key) !== now.get(key))
          .map((key) => `changed ${key}`),
      ];
      expect(
        changes,
        "The API differs from docs/api/openapi.json; if intended, rewrite it with DT_WRITE_OPENAPI=1 npx vitest run server/http/openapi-drift.test.ts",
      ).toEqual([]);
      expect(JSON.stringify(served), "components or document fields differ from docs/api/openapi.json").toBe(
        JSON.stringify(kept),
      );
    });
  },
  { engines: ["pglite"] },
);

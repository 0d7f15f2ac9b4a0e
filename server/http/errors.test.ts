import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { type Client, client, createTestApp, signIn } from "../test/harness.ts";

forEachEngineWithDemo("API conventions and bad input", (getDatabase) => {
  let app: FastifyInstance;
  let admin: Client;
  beforeAll(async () => {
    ({ app } = await createTestApp(getDatabase()));
    admin = await signIn(app, "admin");
  });
  afterAll(async () => {
    await app.close();
  });

  it("reports the engine and the migration state", async () => {
    const health = (await client(app).get("/api/health")).json();
    expect(health.status).toBe("ok");
    expect(["pglite", "postgres"]).toContain(health.engine);
    expect(health.migrations.applied).toBe(health.migrations.latest);
    expect(health.migrations.pending).toEqual([]);
  });

  it("serves an OpenAPI 3.1 document describing the routes, and a browsable page", async () => {
    const doc = (await client(app).get("/api/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/auth/login", "/api/me", "/api/units", "/api/units/{id}", "/api/health"]),
    );
    expect(
      doc.paths["/api/auth/login"].post.requestBody.content["application/json"].schema.properties,
    ).toHaveProperty("username");
    const page = await client(app).get("/api/docs/");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("swagger");
  });

  it("answers malformed JSON with 400 and no stack trace", async () => {
    const response = await admin.request("POST", "/api/units", '{"type": "other", "name": ', {
      "content-type": "application/json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("invalid_json");
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it("answers an oversized body with 413 before parsing it", async () => {
    const response = await admin.post("/api/units", {
      type: "other",
      parentId: null,
      name: "x".repeat(70_000),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("payload_too_large");
  });

  it("names an unknown field instead of ignoring it", async () => {
    const response = await admin.post("/api/units", {
      type: "other",
      parentId: null,
      name: "X",
      colour: "red",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "unknown_field", field: "colour" });
    expect(response.json().error.message).toContain("colour");
  });

  it("names a missing or wrong field, in the request's language", async () => {
    const vi = await client(app, "vi").post("/api/auth/login", { username: "admin" });
    expect(vi.statusCode).toBe(400);
    expect(vi.json().error.field).toBe("password");
    expect(vi.json().error.message).toMatch(/^Trường “password”/);
    const en = await client(app, "en").post("/api/auth/login", { username: "admin" });
    expect(en.json().error.message).toMatch(/^Field “password”/);
  });

  it("answers a bad id with 400 and an unknown one with 404", async () => {
    expect((await admin.get("/api/units/not-a-uuid")).statusCode).toBe(400);
    const missing = await admin.get("/api/units/00000000-0000-4000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("not_found");
  });

  it("says what was not found in the request's language only", async () => {
    const adminEn = await signIn(app, "admin", "en");
    const missing = "00000000-0000-4000-8000-000000000000";
    const cases = [
      { url: `/api/units/${missing}`, vi: "Không tìm thấy đơn vị.", en: "Unit not found." },
      { url: `/api/plans/${missing}`, vi: "Không tìm thấy kế hoạch.", en: "Plan not found." },
      {
        url: `/api/unit-groups/${missing}/members`,
        vi: "Không tìm thấy nhóm đơn vị.",
        en: "Unit group not found.",
      },
    ];
    for (const { url, vi, en } of cases) {
      const inVi = await admin.get(url);
      const inEn = await adminEn.get(url);
      expect(inVi.statusCode, url).toBe(404);
      expect(inEn.statusCode, url).toBe(404);
      expect(inVi.json().error).toMatchObject({ code: "not_found", message: vi });
      expect(inEn.json().error).toMatchObject({ code: "not_found", message: en });
    }
  });

  it("names a bad field's problem in the request's language only", async () => {
    const body = { type: "other", parentId: "00000000-0000-4000-8000-000000000000", name: "Đơn vị thử" };
    const vi = (await admin.post("/api/units", body)).json().error;
    const en = (await (await signIn(app, "admin", "en")).post("/api/units", body)).json().error;
    expect(vi).toMatchObject({ field: "parentId", message: "Trường “parentId” không hợp lệ: không tồn tại" });
    expect(en).toMatchObject({ field: "parentId", message: "Field “parentId” is not valid: does not exist" });
  });

  it("answers unknown API routes with a JSON 404, and other content types with 415", async () => {
    const unknown = await admin.get("/api/nothing-here");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("route_not_found");
    const xml = await admin.request("POST", "/api/units", "<unit/>", { "content-type": "application/xml" });
    expect(xml.statusCode).toBe(415);
  });

  it("asks for sign-in (401) before anything else on protected routes", async () => {
    for (const url of ["/api/me", "/api/home", "/api/units", "/api/users", "/api/audit"]) {
      expect((await client(app).get(url)).statusCode).toBe(401);
    }
  });

  it("sends security headers", async () => {
    const response = await client(app).get("/api/health");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
  });
});

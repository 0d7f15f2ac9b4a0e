import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Unit } from "../../../common/schemas/units.ts";
import { forEachEngine } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";

forEachEngine("directory API: editing units", (getDatabase) => {
  let app: FastifyInstance;
  let admin: Client;
  let officer: Client;

  beforeAll(async () => {
    ({ app } = await createTestApp(getDatabase()));
    admin = await signIn(app, "admin");
    officer = await signIn(app, "canbo.so");
  });
  afterAll(async () => {
    await app.close();
  });

  const find = async (q: string) =>
    (await admin.get(`/api/units?q=${encodeURIComponent(q)}`)).json().items as Unit[];

  it("lets the administrator create, rename, move and delete a unit, and records each step", async () => {
    const [snv] = await find("Sở Nội vụ");
    const created = await admin.post("/api/units", {
      type: "other",
      parentId: snv.id,
      name: "Ban Thi đua - Khen thưởng",
      aliases: ["Ban TĐKT"],
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json() as Unit;
    const renamed = await admin.patch(`/api/units/${unit.id}`, {
      version: unit.version,
      name: "Ban Thi đua - Khen thưởng tỉnh",
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: "Ban Thi đua - Khen thưởng tỉnh", version: 2 });
    const detail = (await admin.get(`/api/units/${unit.id}`)).json();
    expect(detail.path.map((p: Unit) => p.name)).toEqual([
      "Tỉnh Kiên Giang",
      "Ủy ban nhân dân tỉnh Kiên Giang",
      "Sở Nội vụ",
    ]);
    const audit = (await admin.get(`/api/audit?entityType=unit&entityId=${unit.id}`)).json().items;
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(["unit.update", "unit.create"]);
    expect(audit[0].before.name).toBe("Ban Thi đua - Khen thưởng");
    const deleted = await admin.delete(`/api/units/${unit.id}?version=2`);
    expect(deleted.statusCode).toBe(204);
    expect((await admin.get(`/api/units/${unit.id}`)).statusCode).toBe(404);
  });

  it("refuses moving a unit under its own descendant, and changes nothing", async () => {
    const [district] = await find("Ủy ban nhân dân huyện Châu Thành");
    const communes = (await admin.get(`/api/units?parentId=${district.id}`)).json().items as Unit[];
    const response = await admin.patch(`/api/units/${district.id}`, {
      version: district.version,
      parentId: communes[0].id,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "cycle", field: "parentId" });
    expect(response.json().error.message).toMatch(/cấp dưới/);
    const self = await admin.patch(`/api/units/${district.id}`, {
      version: district.version,
      parentId: district.id,
    });
    expect(self.json().error.code).toBe("cycle");
    expect((await admin.get(`/api/units/${district.id}`)).json()).toMatchObject({
      parentId: district.parentId,
      version: district.version,
    });
  });

  it("of two administrators renaming the same unit at once, one wins and the other gets 409", async () => {
    const [unit] = await find("Sở Du lịch");
    const other = await signIn(app, "admin");
    const [a, b] = await Promise.all([
      admin.patch(`/api/units/${unit.id}`, { version: unit.version, name: "Sở Du lịch (A)" }),
      other.patch(`/api/units/${unit.id}`, { version: unit.version, name: "Sở Du lịch (B)" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe("conflict");
    expect(loser.json().error.details.currentVersion).toBe(unit.version + 1);
    const winner = (a.statusCode === 200 ? a : b).json() as Unit;
    expect((await admin.get(`/api/units/${unit.id}`)).json().name).toBe(winner.name);
    await admin.patch(`/api/units/${unit.id}`, { version: winner.version, name: "Sở Du lịch" });
  });

  it("refuses deleting a unit with sub-units or accounts", async () => {
    const [district] = await find("Ủy ban nhân dân huyện Châu Thành");
    const response = await admin.delete(`/api/units/${district.id}?version=${district.version}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("has_children");
  });

  it("refuses invalid input with the field named", async () => {
    const badType = await admin.post("/api/units", { type: "kingdom", parentId: null, name: "X" });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.field).toBe("type");
    const dates = await admin.post("/api/units", {
      type: "other",
      parentId: null,
      name: "X",
      validFrom: "2025-01-01",
      validTo: "2024-01-01",
    });
    expect(dates.json().error).toMatchObject({ code: "invalid_dates", field: "validTo" });
    const missingParent = await admin.post("/api/units", {
      type: "other",
      parentId: "00000000-0000-4000-8000-000000000000",
      name: "X",
    });
    expect(missingParent.json().error.field).toBe("parentId");
  });

  it("lets only administrators change the directory", async () => {
    const [unit] = await find("Sở Y tế");
    const response = await officer.patch(`/api/units/${unit.id}`, { version: unit.version, name: "Hacked" });
    expect(response.statusCode).toBe(403);
    expect((await officer.post("/api/units", { type: "other", parentId: null, name: "X" })).statusCode).toBe(
      403,
    );
    expect((await admin.get(`/api/units/${unit.id}`)).json().name).toBe("Sở Y tế");
  });
});

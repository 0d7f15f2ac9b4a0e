import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { installModules } from "../index.ts";

installModules();

type Summary = { periodId: string; status: string; unit: { type: string } };

forEachEngineWithDemo("reports: the coordinator's list filters", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let coordinator: Client;
  let coordinatorEn: Client;
  let planId: string;
  let period2024: string;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database));
    coordinator = await signIn(app, "dieuphoi");
    coordinatorEn = await signIn(app, "dieuphoi", "en");
    const plans = (await coordinator.get("/api/plans?status=published")).json();
    // The demo's 2024 cycle: reports of departments and of the (since closed) districts.
    for (const plan of plans.items as { id: string }[]) {
      const periods = (await coordinator.get(`/api/reporting/plans/${plan.id}/periods`)).json();
      const found = (periods.items as { id: string; key: string }[]).find((p) => p.key === "2024");
      if (found) {
        planId = plan.id;
        period2024 = found.id;
        break;
      }
    }
    expect(period2024).toBeTruthy();
    // Loading the demo province takes a while on a busy machine.
  }, 300_000);
  afterAll(async () => {
    await app.close();
  });

  const list = async (query: string) => {
    const response = await coordinator.get(`/api/reports?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Summary[]; total: number };
  };

  it("filters by period, status and unit type on the server, each alone and together", async () => {
    const all = await list(`planId=${planId}&periodId=${period2024}&limit=500`);
    expect(all.total).toBeGreaterThan(2);
    expect(all.items.every((r) => r.periodId === period2024)).toBe(true);

    const statuses = [...new Set(all.items.map((r) => r.status))];
    expect(statuses.length).toBeGreaterThan(1);
    for (const status of statuses) {
      const some = await list(`periodId=${period2024}&status=${status}&limit=500`);
      expect(some.total).toBe(all.items.filter((r) => r.status === status).length);
      expect(some.items.every((r) => r.status === status)).toBe(true);
    }

    const types = [...new Set(all.items.map((r) => r.unit.type))];
    expect(types.length).toBeGreaterThan(1);
    for (const type of types) {
      const some = await list(`periodId=${period2024}&unitType=${type}&limit=500`);
      expect(some.total).toBe(all.items.filter((r) => r.unit.type === type).length);
      expect(some.items.every((r) => r.unit.type === type)).toBe(true);
    }

    const [status] = statuses;
    const [type] = types;
    const both = await list(`periodId=${period2024}&status=${status}&unitType=${type}&limit=500`);
    expect(both.total).toBe(all.items.filter((r) => r.status === status && r.unit.type === type).length);
    // A type with no report in the period is an empty list, not an error.
    expect((await list(`periodId=${period2024}&unitType=media`)).total).toBe(0);
  });

  it("refuses bad filter values with a clear message, in the user's language", async () => {
    for (const query of [
      "status=finished",
      "unitType=huyen",
      "periodId=2024",
      "periodId=",
      "limit=0",
      "limit=9999",
      "offset=-1",
      "colour=red",
    ]) {
      const response = await coordinator.get(`/api/reports?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.message, query).toBeTruthy();
    }
    const en = await coordinatorEn.get("/api/reports?unitType=huyen");
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toMatch(/[a-z]/i);
    expect(en.json().error.message).not.toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđ]/);
    // A well-formed period that does not exist is a broken link: 404, not an empty list.
    const missing = await coordinator.get("/api/reports?periodId=00000000-0000-4000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain("kỳ báo cáo");
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { createTestApp, signIn } from "../../test/harness.ts";

forEachEngineWithDemo("assignments: the public plans and their progress", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("answers without an account: each published provincial plan, its summary and progress by heading", async () => {
    const response = await app.inject({ method: "GET", url: "/api/public/plans" });
    expect(response.statusCode, response.body).toBe(200);
    const { plans, rule, today } = response.json();
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rule).toContain("weighted mean");
    expect(plans).toHaveLength(1);
    const [plan] = plans;
    expect(plan.title).toMatch(/^Thực hiện Chương trình hành động số 51-CTr\/TU/);
    expect(plan.summary.length).toBeGreaterThan(100);
    expect(plan.summary.length).toBeLessThanOrEqual(481);
    expect(plan.headings.map((h: { code: string }) => h.code)).toContain("II.1");
    for (const heading of plan.headings) {
      expect(heading.tasks).toBeGreaterThan(0);
      if (heading.progress !== null) {
        expect(heading.progress).toBeGreaterThanOrEqual(0);
        expect(heading.progress).toBeLessThanOrEqual(100);
      }
    }
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(plan.counts)).toBe(
      plan.headings.reduce((n: number, h: { counts: Record<string, number> }) => n + sum(h.counts), 0),
    );
  });

  it("gives the same overall progress the coordinator sees, and names no unit or person", async () => {
    const { plans } = (await app.inject({ method: "GET", url: "/api/public/plans" })).json();
    const coordinator = await signIn(app, "dieuphoi");
    const staff = (await coordinator.get(`/api/plans/${plans[0].id}/progress`)).json();
    expect(plans[0].progress).toBe(staff.progress);
    const text = JSON.stringify(plans);
    // The units given a part (the issuer, named on the plan itself, is public).
    const units = await database.query<{ name: string }>(
      "SELECT DISTINCT u.name FROM units u JOIN assignments a ON a.unit_id = u.id",
    );
    const named = units
      .map((u) => u.name)
      .filter((name) => name !== plans[0].issuer && text.includes(`"${name}"`));
    expect(named).toEqual([]);
    const people = await database.query<{ display_name: string }>("SELECT display_name FROM users");
    expect(people.filter((p) => text.includes(p.display_name))).toEqual([]);
  });

  it("leaves out a plan that has not been published", async () => {
    await database.query(
      `INSERT INTO plans (tenant_id, status, title, search_text, source_text, imported_tree, working_tree, created_by_name)
       SELECT tenant_id, 'draft', 'Kế hoạch nháp chưa ban hành', search_text, source_text, imported_tree, working_tree, created_by_name
       FROM plans LIMIT 1`,
    );
    const { plans } = (await app.inject({ method: "GET", url: "/api/public/plans" })).json();
    expect(plans.map((p: { title: string }) => p.title)).not.toContain("Kế hoạch nháp chưa ban hành");
  });
});

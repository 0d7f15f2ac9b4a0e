import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadDemoPetitions } from "../../../demo/petitions.ts";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { petitionSuccession, petitionUnitUsage } from "./hooks.ts";

forEachEngineWithDemo(
  "petitions: the demo province's petitions",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let coordinator: Client;
    let lines: string[];
    let tenantId: string;

    beforeAll(async () => {
      database = getDatabase();
      const created = await createTestApp(database);
      app = created.app;
      tenantId = created.tenant.id;
      lines = await loadDemoPetitions(database, created.tenant);
      coordinator = await signIn(app, "dieuphoi");
    });
    afterAll(async () => {
      await app.close();
    });

    it("loads about sixty petitions in every state, dated from July 2025 to today", async () => {
      expect(lines[0]).toMatch(/^Demo petitions loaded: \d+/);
      const rows = await database.query<{ status: string; n: string; first: string }>(
        "SELECT status, count(*) AS n, min(received_date)::text AS first FROM petitions GROUP BY status",
      );
      const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(55);
      for (const status of [
        "received",
        "assigned",
        "accepted",
        "answered",
        "closed_resolved",
        "closed_unresolved",
        "refused",
        "merged",
      ]) {
        expect(byStatus[status], status).toBeGreaterThan(0);
      }
      expect(rows.every((r) => r.first >= "2025-07-01")).toBe(true);
      const rated = await database.query("SELECT 1 FROM petitions WHERE rating_score IS NOT NULL");
      expect(rated.length).toBeGreaterThan(5);
    });

    it("fills the staff screens: overdue petitions, late answers, transfers and per-unit statistics", async () => {
      const overdue = (await coordinator.get("/api/petitions?overdue=true")).json();
      expect(overdue.total).toBeGreaterThanOrEqual(5);
      const stats = (await coordinator.get("/api/petitions/stats?from=2025-01-01&to=2026-12-31")).json()
        .items as {
        overdue: number;
        answeredOnTime: number;
      }[];
      expect(stats.reduce((n, u) => n + u.overdue, 0)).toBeGreaterThan(5);
      expect(stats.reduce((n, u) => n + u.answeredOnTime, 0)).toBeGreaterThan(10);
      const transfers = await database.query("SELECT 1 FROM petition_events WHERE type = 'transferred'");
      expect(transfers.length).toBeGreaterThan(0);
      const published = await database.query<{ answer_public: string }>(
        "SELECT answer_public FROM petitions WHERE answer_public IS NOT NULL LIMIT 5",
      );
      for (const row of published) expect(row.answer_public).toContain("[họ tên]");
    });

    it("passes open petitions to the successor of a merged unit, and keeps units in use from deletion", async () => {
      const [held] = await database.query<{ id: string; unit: string; name: string; n: number }>(
        `SELECT u.id AS unit, u.name, count(*)::int AS n FROM petitions p JOIN units u ON u.id = p.assigned_unit_id
         WHERE p.status IN ('assigned', 'accepted') GROUP BY u.id, u.name ORDER BY n DESC LIMIT 1`,
      );
      const [successor] = await database.query<{ id: string }>(
        "SELECT id FROM units WHERE code = 'SNV' AND valid_to IS NULL",
      );
      const closures = [
        { unitId: held.unit, unitName: held.name, successorIds: [successor.id], kind: "merge" as const },
      ];
      const plan = await petitionSuccession.plan(database.db, tenantId, closures, "2026-12-01");
      expect(plan.transfers[0]).toMatchObject({
        module: "petitions",
        fromUnitId: held.unit,
        description: {
          vi: expect.stringMatching(/^\d+ phản ánh, kiến nghị đang xử lý$/),
          en: expect.stringMatching(/^\d+ open petitions?$/),
        },
      });
      const answered = await database.query(
        "SELECT 1 FROM petitions WHERE assigned_unit_id = $1 AND status = 'answered'",
        [held.unit],
      );
      await database.db.transaction((tx) =>
        petitionSuccession.apply(tx, tenantId, closures, "2026-12-01", "event"),
      );
      const moved = await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM petitions WHERE assigned_unit_id = $1 AND status IN ('assigned', 'accepted')",
        [successor.id],
      );
      expect(moved[0].n).toBeGreaterThanOrEqual(held.n);
      // The timeline names who moved them by a code, read in each language.
      const [event] = await database.query<{ actor_name: string }>(
        "SELECT actor_name FROM petition_events WHERE type = 'transferred' AND from_unit_id = $1 ORDER BY at DESC LIMIT 1",
        [held.unit],
      );
      expect(event.actor_name).toBe("restructuring");
      // Finished work stays with the unit that did it.
      expect(
        await database.query("SELECT 1 FROM petitions WHERE assigned_unit_id = $1 AND status = 'answered'", [
          held.unit,
        ]),
      ).toHaveLength(answered.length);
      expect(await petitionUnitUsage(database.db, tenantId, held.unit)).toEqual({
        vi: expect.stringMatching(/^\d+ phản ánh, kiến nghị$/),
        en: expect.stringMatching(/^\d+ petitions?$/),
      });
    });
  },
  { engines: ["pglite"] },
);

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AssignmentSummary } from "../../../common/schemas/assignments.ts";
import type { Database } from "../../db/connection.ts";
import type { Tenant } from "../../http/context.ts";
import { resetClock, setClock } from "../../lib/clock.ts";
import { reportingPeriod } from "../../lib/periods.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { installModules } from "../index.ts";
import { createTestPlan, MTTQ, RACH_GIA, SVHTTDL } from "./testing.ts";

// As the server does on start: the demo plan, published while loading, gets its assignments.
installModules();

// The suite's plans and periods are of 2026: it runs on a day of its own (the demo loaded as of
// then), not on whatever day the machine or a pinned CI run says.
const SUITE_NOW = "2026-12-07T09:00:00+07:00";

forEachEngineWithDemo(
  "assignments: due dates, scope and refusals",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let tenant: Tenant;
    let coordinator: Client;
    let officer: Client;
    let district: Client;
    let planId: string;
    let uploads: string;

    beforeAll(async () => {
      setClock(SUITE_NOW);
      uploads = mkdtempSync(join(tmpdir(), "dongthuan-evidence-"));
      database = getDatabase();
      ({ app, tenant } = await createTestApp(database, "kien-giang", {
        UPLOAD_LIMIT: "262144",
        UPLOAD_DIR: uploads,
      }));
      [coordinator, officer, district] = await Promise.all(
        ["dieuphoi", "canbo.so", "canbo.huyen"].map((name) => signIn(app, name)),
      );
      planId = await createTestPlan(database, tenant, "Kế hoạch thử nghiệm theo dõi nhiệm vụ");
      const published = await coordinator.post(`/api/plans/${planId}/publish`);
      expect(published.statusCode, published.body).toBe(201);
    });
    afterAll(async () => {
      resetClock();
      await app.close();
      rmSync(uploads, { recursive: true, force: true });
    });

    const list = async (client: Client, query = "") =>
      (await client.get(`/api/assignments?planId=${planId}${query}`)).json() as {
        items: AssignmentSummary[];
        total: number;
      };
    const find = async (code: string, unit: string, occurrence = "once") =>
      (await list(coordinator, `&code=${code}&limit=500`)).items.find(
        (a) => a.unit.name === unit && a.occurrence === occurrence,
      )!;
    const count = async (sql: string, params: unknown[] = []) =>
      (await database.query<{ n: number }>(sql, params))[0].n;

    it("derives due dates and overdue: a date, a year's last day, each quarter's deadline; never against the Front", async () => {
      const lead = await find("II.1", SVHTTDL);
      expect(lead).toMatchObject({ dueDate: "2026-06-30", overdue: true, classification: "open_overdue" });
      expect(await find("II.2", RACH_GIA)).toMatchObject({ dueDate: "2026-12-31", overdue: false });
      const q1 = await find("II.3", SVHTTDL, "2026-Q1");
      expect(q1.dueDate).toBe(reportingPeriod("2026-Q1").deadline);
      expect(q1.occurrenceLabel.vi).toBe("Quý I/2026");
      expect(await find("II.4", MTTQ)).toMatchObject({
        dueDate: "2026-09-30",
        overdue: false,
        classification: null,
      });
    });

    it("shows a unit its own assignments and, where it leads, its partners' read-only; hides the rest", async () => {
      const seen = await list(officer, "&limit=500");
      const names = new Set(seen.items.map((a) => `${a.itemCode} ${a.unit.name}`));
      expect(names.has(`II.1 ${RACH_GIA}`)).toBe(true);
      expect(names.has(`II.2 ${RACH_GIA}`)).toBe(false);
      expect(names.has(`II.4 ${MTTQ}`)).toBe(false);
      expect(seen.items.find((a) => a.unit.name === RACH_GIA)!.permissions.update).toBe(false);
      expect(seen.items.find((a) => a.unit.name === SVHTTDL)!.permissions.update).toBe(true);
      const mine = await list(officer, "&mine=true&limit=500");
      expect(mine.items.every((a) => a.unit.name === SVHTTDL)).toBe(true);
      const hidden = await find("II.1", SVHTTDL);
      expect((await district.get(`/api/assignments/${hidden.id}`)).statusCode).toBe(404);
      const supervisor = await signIn(app, "giamsat");
      const front = (await list(supervisor, "&limit=500")).items;
      expect(front).toHaveLength(12);
      expect(front.filter((a) => a.permissions.update).map((a) => a.unit.name)).toEqual([MTTQ]);
    });

    it("refuses a status change by a unit not assigned (403), or hidden from it (404), and changes nothing", async () => {
      const partner = await find("II.1", RACH_GIA);
      const body = { version: partner.version, status: "in_progress" };
      for (const client of [officer, coordinator, await signIn(app, "lanhdao.tinh")]) {
        const response = await client.post(`/api/assignments/${partner.id}/status`, body);
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe("forbidden");
      }
      expect((await district.post(`/api/assignments/${partner.id}/status`, body)).statusCode).toBe(404);
      expect((await find("II.1", RACH_GIA)).version).toBe(partner.version);
      expect(
        await count("SELECT count(*)::int AS n FROM assignment_updates WHERE assignment_id = $1", [
          partner.id,
        ]),
      ).toBe(0);
    });
  },
  { at: SUITE_NOW },
);

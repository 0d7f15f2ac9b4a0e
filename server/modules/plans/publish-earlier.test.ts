import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { resetClock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { upload } from "./testing.ts";

/** A plan of 15/3/2025 naming only exact units: two tasks past due in 2026, one still ahead. */
function plan(number: string) {
  return [
    "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
    `Số: ${number}/KH-UBND`,
    "Kiên Giang, ngày 15 tháng 3 năm 2025",
    "",
    "KẾ HOẠCH",
    `Rà soát thủ tục hành chính năm 2025 (${number})`,
    "",
    "I. NHIỆM VỤ",
    "1. Sở Nội vụ chủ trì rà soát thủ tục hành chính, hoàn thành trước ngày 30/6/2025.",
    "2. Sở Tư pháp chủ trì kiểm tra văn bản quy phạm pháp luật, hoàn thành trước ngày 30/9/2025.",
    "3. Sở Nội vụ chủ trì tổng kết, hoàn thành trước ngày 31/12/2026.",
    "",
  ].join("\n");
}

forEachEngineWithDemo(
  "publishing a plan recorded late",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let coordinator: Client;
    let coordinatorEn: Client;

    beforeAll(async () => {
      setClock("2026-03-10T03:00:00Z");
      database = getDatabase();
      ({ app } = await createTestApp(database));
      coordinator = await signIn(app, "dieuphoi");
      coordinatorEn = await signIn(app, "dieuphoi", "en");
    });
    afterAll(async () => {
      await app.close();
      resetClock();
    });

    const written = async (planId: string) => {
      const [row] = await database.query<{ versions: number; assignments: number; status: string }>(
        `SELECT (SELECT count(*)::int FROM plan_versions WHERE plan_id = $1) AS versions,
              (SELECT count(*)::int FROM assignments WHERE plan_id = $1) AS assignments,
              (SELECT status FROM plans WHERE id = $1) AS status`,
        [planId],
      );
      return row;
    };
    const importPlan = async (number: string) => {
      const response = await upload(coordinator, `kh-${number}.txt`, plan(number));
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as {
        plan: { id: string; counts: { unresolvedMentions: number } };
        autoConfirmed: string[];
      };
    };
    const publish = (id: string, body: object, client = coordinator) =>
      client.post(`/api/plans/${id}/publish`, body);
    const overdue = async (planId: string) =>
      (await coordinator.get(`/api/assignments?planId=${planId}&due=overdue`)).json().total as number;

    it("confirms exact names at import, without a click, and says which", async () => {
      const { plan: created, autoConfirmed } = await importPlan("201");
      expect(autoConfirmed.sort()).toEqual(["Sở Nội vụ", "Sở Tư pháp"]);
      expect(created.counts.unresolvedMentions).toBe(0);
      const mentions = (await coordinator.get(`/api/plans/${created.id}/mentions`)).json().items;
      expect(mentions.map((m: { resolution: { byExactName: boolean } }) => m.resolution.byExactName)).toEqual(
        [true, true],
      );
    });

    it("warns before publishing how many assignments would be overdue at once, writing nothing", async () => {
      const { plan: created } = await importPlan("202");
      const check = await coordinator.get(`/api/plans/${created.id}/publish-check`);
      expect(check.statusCode, check.body).toBe(200);
      expect(check.json()).toEqual({
        assignments: 3,
        overdue: 2,
        earliestOverdue: "2025-06-30",
        today: "2026-03-10",
        unresolvedMentions: 0,
        notBefore: "2025-03-15",
        canRecordEarlier: true,
      });
      expect(await written(created.id)).toEqual({ versions: 0, assignments: 0, status: "draft" });
    });

    it("refuses a publishing day in the future, before the plan's date, or not a date, and writes nothing", async () => {
      const { plan: created } = await importPlan("203");
      const future = await publish(created.id, { publishedOn: "2026-03-11" });
      expect(future.statusCode).toBe(400);
      expect(future.json().error).toMatchObject({ code: "publish_date_future", field: "publishedOn" });
      expect(future.json().error.message).toBe(
        "Ngày ban hành 2026-03-11 chưa tới: không thể ghi nhận một kế hoạch ban hành trong tương lai (hôm nay là 2026-03-10).",
      );
      const before = await publish(created.id, { publishedOn: "2025-03-14" }, coordinatorEn);
      expect(before.statusCode).toBe(400);
      expect(before.json().error.code).toBe("publish_date_before_issue");
      expect(before.json().error.message).toMatch(/before the document's own date \(2025-03-15\)/);
      for (const bad of ["2025-13-01", "15/04/2025", "", 20250415]) {
        expect((await publish(created.id, { publishedOn: bad })).statusCode).toBe(400);
      }
      expect(await written(created.id)).toEqual({ versions: 0, assignments: 0, status: "draft" });
    });

    it("records a plan published on an earlier day: its past deadlines are history, not overdue", async () => {
      const { plan: created } = await importPlan("204");
      const response = await publish(created.id, { publishedOn: "2025-03-20" });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().version).toMatchObject({ version: 1, publishedOn: "2025-03-20" });
      const rows = await database.query<{ item_code: string; historical: boolean }>(
        "SELECT item_code, historical FROM assignments WHERE plan_id = $1 ORDER BY item_code",
        [created.id],
      );
      expect(rows).toEqual([
        { item_code: "I.1", historical: true },
        { item_code: "I.2", historical: true },
        { item_code: "I.3", historical: false },
      ]);
      expect(await overdue(created.id)).toBe(0);
      const summary = await coordinator.get(`/api/assignments/summary?groupBy=plan&planId=${created.id}`);
      expect(summary.statusCode, summary.body).toBe(200);
      expect(summary.body).toContain('"open_overdue":0');
      expect(summary.body).not.toMatch(/"open_overdue":[1-9]/);
      const versions = (await coordinator.get(`/api/plans/${created.id}/versions`)).json().items;
      expect(versions[0].publishedOn).toBe("2025-03-20");
    });

    it("publishes today by default: the same plan's past deadlines are then overdue at once", async () => {
      const { plan: created } = await importPlan("205");
      expect((await publish(created.id, {})).statusCode).toBe(201);
      expect(await overdue(created.id)).toBe(2);
      // An amendment is published today: an earlier day is refused for it.
      const opened = await coordinator.post(`/api/plans/${created.id}/amendments`, {
        reason: "Bổ sung nhiệm vụ",
        amendingNumber: "12/QĐ-UBND",
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const check = (await coordinator.get(`/api/plans/${created.id}/publish-check`)).json();
      expect(check.canRecordEarlier).toBe(false);
      const refused = await publish(created.id, { publishedOn: "2025-04-01" });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("publish_date_amendment");
      expect((await written(created.id)).versions).toBe(1);
    });
  },
  { at: "2026-03-10T03:00:00Z" },
);

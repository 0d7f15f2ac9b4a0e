// Concurrent writers, as real requests running at once (Promise.all on the app: each request its
// own transaction, on PostgreSQL its own connection): the same plan published twice, the same
// report saved from two sessions on the version both read, the same petition's answer approved
// twice. One writer wins; the other gets an answer that says so, and nothing is written twice.

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PlanItem, PlanTree } from "../../common/plan-tree.ts";
import type { Database } from "../db/connection.ts";
import { resetClock, setClock } from "../lib/clock.ts";
import { installModules } from "../modules/index.ts";
import { listUnits } from "../modules/orgs/service.ts";
import { petitionBody, submit } from "../modules/petitions/testing.ts";
import { resolveMention } from "../modules/plans/mentions.ts";
import { createPlan } from "../modules/plans/registry.ts";
import { collectMentions } from "../modules/plans/tree.ts";
import { forEachEngineWithDemo } from "../test/engines.ts";
import { type Client, createTestApp, signIn } from "../test/harness.ts";

installModules();

const SVHTTDL = "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang";
const UBND = "Ủy ban nhân dân tỉnh An Giang";
// The plan and its yearly report belong to 2026: the suite runs on a day of its own.
const SUITE_NOW = "2026-12-07T09:00:00+07:00";

function task(code: string, text: string, implementing: string[] = []): PlanItem {
  return {
    code,
    kind: "task",
    title: null,
    text,
    actors: { lead: [], coordinating: [], implementing, requested: [] },
    due: null,
    children: [],
  };
}

function planTree(title: string): PlanTree {
  return {
    format: "plan-tree/1",
    document: {
      type: "KẾ HOẠCH",
      number: "27",
      symbol: "KH-UBND",
      place: "An Giang",
      date: "2026-01-12",
      issuer: UBND,
      title,
      signer: null,
      recipients: [],
    },
    references: [],
    reporting: [
      {
        from: [SVHTTDL],
        to: UBND,
        via: null,
        due: { text: "trước ngày 10/12 hằng năm", recurrence: "yearly", date: null, month: 12, day: 10 },
        source: "II",
      },
    ],
    warnings: [],
    items: [
      {
        code: "I",
        kind: "section",
        title: "NHIỆM VỤ",
        text: "NHIỆM VỤ",
        actors: { lead: [], coordinating: [], implementing: [], requested: [] },
        due: null,
        children: [
          task("I.1", "Tổ chức hội nghị quán triệt", [SVHTTDL]),
          task("I.2", "Tuyên truyền trên báo, đài", [SVHTTDL]),
        ],
      },
      task("II", "Báo cáo kết quả hằng năm", [SVHTTDL]),
    ],
  };
}

forEachEngineWithDemo(
  "concurrent writers",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let coordinator: Client;
    let coordinator2: Client;
    let officer: Client;
    let leader: Client;
    let leader2: Client;
    let planId: string;
    let svId: string;

    const count = async (sql: string, params: unknown[]) =>
      Number((await database.query<{ n: string | number }>(sql, params))[0].n);

    beforeAll(async () => {
      setClock(SUITE_NOW);
      database = getDatabase();
      let tenantId: string;
      ({
        app,
        tenant: { id: tenantId },
      } = await createTestApp(database));
      // Two sessions of the same people where one person's two tabs race.
      [coordinator, coordinator2, officer, leader, leader2] = await Promise.all(
        ["dieuphoi", "dieuphoi", "canbo.so", "lanhdao.so", "lanhdao.so"].map((u) => signIn(app, u)),
      );
      const units = await listUnits(database.db, tenantId);
      svId = units.find((u) => u.name === SVHTTDL && !u.validTo)!.id;
      planId = await database.db.transaction(async (tx) => {
        const t = planTree("Kế hoạch thử tranh chấp ghi đồng thời năm 2026");
        const row = await createPlan(
          tx,
          tenantId,
          { userId: null, name: "test" },
          { tree: t, parentPlanId: null, ownerUnitId: null },
        );
        for (const { mention } of collectMentions(t)) {
          const unit = units.find((u) => u.name === mention && !u.validTo)!;
          await resolveMention(tx, tenantId, { userId: null, name: "test" }, row.id, {
            mention,
            unitIds: [unit.id],
            confirmed: true,
          });
        }
        return row.id;
      });
    });
    afterAll(async () => {
      resetClock();
      await app.close();
    });

    it("publishes a plan sent twice at once as one version 1; the other request changes nothing", async () => {
      const { revision } = (await coordinator.get(`/api/plans/${planId}`)).json();
      const answers = await Promise.all(
        [coordinator, coordinator2].map((c) => c.post(`/api/plans/${planId}/publish`, { revision })),
      );
      // The first creates version 1 (201). The second waits on the plan's row, finds it published
      // and answers that version unchanged (200, as a second click does: publishing is idempotent
      // by design, server/modules/plans/publish.ts); it never makes a version 2.
      expect(answers.map((a) => a.statusCode).sort(), answers.map((a) => a.body).join("\n")).toEqual([
        200, 201,
      ]);
      const created = answers.find((a) => a.statusCode === 201)!.json();
      const other = answers.find((a) => a.statusCode === 200)!.json();
      expect(created.version.version).toBe(1);
      expect(other.version).toEqual(created.version);
      expect(other.plan).toMatchObject({ status: "published", currentVersion: 1 });
      expect(await count("SELECT count(*) AS n FROM plan_versions WHERE plan_id = $1", [planId])).toBe(1);
      expect(
        await count("SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'plan.publish'", [
          planId,
        ]),
      ).toBe(1);
      // What publishing makes (the report form, schedule and periods) is made once too.
      const periods = (await coordinator.get(`/api/reporting/plans/${planId}/periods`)).json().items as {
        key: string;
      }[];
      expect(periods.filter((p) => p.key === "2026")).toHaveLength(1);
    });

    it("saves a report edited from two sessions once: the other gets 409 with the sections that differ", async () => {
      const periods = (await coordinator.get(`/api/reporting/plans/${planId}/periods`)).json().items as {
        id: string;
        key: string;
      }[];
      const periodId = periods.find((p) => p.key === "2026")!.id;
      // Opened from both sessions at once: one report.
      const opened = await Promise.all(
        [officer, leader].map((c) => c.post(`/api/reporting/periods/${periodId}/units/${svId}/report`)),
      );
      expect(opened.map((o) => o.statusCode).sort(), opened.map((o) => o.body).join("\n")).toEqual([
        200, 201,
      ]);
      const [a, b] = opened.map((o) => o.json());
      expect(a.id).toBe(b.id);
      const reportId = a.id as string;
      const version = a.version as number;
      const headings = Object.keys(a.sections ?? {}).length
        ? Object.keys(a.sections)
        : ((await officer.get(`/api/reports/${reportId}`)).json().form.headings as { code: string }[]).map(
            (h) => h.code,
          );
      const [first, second] = headings;
      const saves = await Promise.all([
        officer.request("PUT", `/api/reports/${reportId}`, {
          version,
          sections: { [first]: "Đã tổ chức 6 hội nghị quán triệt." },
        }),
        leader.request("PUT", `/api/reports/${reportId}`, {
          version,
          sections: { [first]: "Đã tổ chức 5 hội nghị.", [second]: "Đăng 14 tin, bài." },
        }),
      ]);
      const won = saves.filter((s) => s.statusCode === 200);
      const lost = saves.filter((s) => s.statusCode === 409);
      expect(won, saves.map((s) => s.body).join("\n")).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const error = lost[0].json().error;
      expect(error.code).toBe("report_conflict");
      expect(error.message).toMatch(/\S/);
      expect(error.details.currentVersion).toBe(version + 1);
      expect(error.details.differingSections.length).toBeGreaterThan(0);
      expect(error.details.differingSections).toContain(first);
      expect(error.details.current.sections[first]).toBe(won[0].json().sections[first]);
      const stored = (await officer.get(`/api/reports/${reportId}`)).json();
      expect(stored.version).toBe(version + 1);
      expect(stored.sections[first]).toBe(won[0].json().sections[first]);
      expect(
        await count("SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'report.save'", [
          reportId,
        ]),
      ).toBe(1);
    });

    it("publishes a petition's answer approved twice at once once: one answer, one event, one audit row", async () => {
      const created = await coordinator.post("/api/petitions", {
        kind: "phan-anh",
        channel: "letter",
        text: "Nhà văn hóa khu phố xuống cấp, mái dột nhiều năm chưa sửa, đề nghị Sở kiểm tra.",
        communeName: "phuong rach gia",
        contact: { name: "Lê Văn Hai", phone: "0912345678" },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect((await coordinator.post(`/api/petitions/${id}/assign`, { unitId: svId })).statusCode).toBe(200);
      const drafted = await officer.request("PUT", `/api/petitions/${id}/answer`, {
        text: "Sở đã kiểm tra và bố trí kinh phí sửa mái nhà văn hóa trong quý I.",
      });
      expect(drafted.statusCode, drafted.body).toBe(200);
      const approvals = await Promise.all(
        [leader, leader2].map((c) => c.post(`/api/petitions/${id}/answer/approve`)),
      );
      const statuses = approvals.map((a) => a.statusCode).sort();
      expect(statuses, approvals.map((a) => a.body).join("\n")).toEqual([200, 409]);
      const refused = approvals.find((a) => a.statusCode === 409)!.json().error;
      expect(refused.code).toBe("petition_state");
      expect(refused.message).toMatch(/\S/);
      for (const [sql, expected] of [
        ["SELECT count(*) AS n FROM petition_events WHERE petition_id = $1 AND type = 'answer_published'", 1],
        [
          "SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'petition.answer.publish'",
          1,
        ],
      ] as const)
        expect(await count(sql, [id]), sql).toBe(expected);
      const [row] = await database.query<{ status: string }>("SELECT status FROM petitions WHERE id = $1", [
        id,
      ]);
      expect(row.status).toBe("answered");
    });

    it("stores a petition sent five times at once with one Idempotency-Key once, and answers each the same", async () => {
      const key = `concurrent-${database.engine}-${Date.now().toString(36)}`;
      const body = petitionBody({ text: "Cống thoát nước trên đường Lê Lợi bị tắc, nước tràn vào nhà dân." });
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => submit(app, body, { key, ip: "127.0.0.9" })),
      );
      expect(
        answers.map((a) => a.statusCode),
        answers.map((a) => a.body).join("\n"),
      ).toEqual([201, 201, 201, 201, 201]);
      const codes = new Set(answers.map((a) => a.json().trackingCode));
      expect(codes.size).toBe(1);
      const [code] = codes;
      expect(await count("SELECT count(*) AS n FROM petitions WHERE tracking_code = $1", [code])).toBe(1);
      // The same key with another body is refused, not stored.
      const other = await submit(
        app,
        { ...body, text: `${body.text} Xin cảm ơn.` },
        { key, ip: "127.0.0.9" },
      );
      expect(other.statusCode).toBe(409);
      expect(other.json().error.code).toBe("idempotency_mismatch");
    });
  },
  { at: SUITE_NOW },
);

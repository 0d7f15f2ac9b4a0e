import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { PlanTree } from "../../../common/plan-tree.ts";
import type { Database } from "../../db/connection.ts";
import type { AppContext, Tenant } from "../../http/context.ts";
import { resetClock, setClock } from "../../lib/clock.ts";
import { createMemoryStorage } from "../../lib/storage.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { installModules } from "../index.ts";
import { listUnits } from "../orgs/service.ts";
import { runApprovalNotices } from "../reports/jobs.ts";
import { publishTestPlan } from "../reports/testing.ts";
import { createMailer } from "./mailer.ts";
import { drainOutbox, outboxIdle } from "./outbox.ts";
import { type ReceivedMail, startSmtpPeer } from "./testing.ts";

installModules();

const SVHTTDL = "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang";
const UBND = "Ủy ban nhân dân tỉnh An Giang";
const quiet = { info() {}, warn() {}, error() {} };

function planTree(title: string): PlanTree {
  const task = (code: string, text: string) => ({
    code,
    kind: "task" as const,
    title: null,
    text,
    actors: { lead: [], coordinating: [], implementing: [SVHTTDL], requested: [] },
    due: null,
    children: [],
  });
  return {
    format: "plan-tree/1",
    document: {
      type: "KẾ HOẠCH",
      number: "77",
      symbol: "KH-UBND",
      place: "An Giang",
      date: "2026-01-10",
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
        source: "II.2",
      },
    ],
    warnings: [],
    items: [
      {
        code: "II",
        kind: "section",
        title: "NHIỆM VỤ",
        text: "NHIỆM VỤ",
        actors: { lead: [], coordinating: [], implementing: [], requested: [] },
        due: null,
        children: [task("II.1", "Tổ chức hội nghị quán triệt"), task("II.2", "Báo cáo kết quả hằng năm")],
      },
    ],
  };
}

forEachEngineWithDemo(
  "notifications: every hand-off reaches who acts next, once, in the bell and by e-mail",
  (getDatabase) => {
    let app: FastifyInstance;
    let ctx: AppContext;
    let database: Database;
    let tenant: Tenant;
    let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
    let coordinator: Client;
    let officer: Client;
    let leader: Client;
    let periodId: string;
    let svId: string;
    const emailOf: Record<string, string> = {};

    /** The e-mails of the enabled users holding these roles (on this unit, when given). */
    async function holders(roles: string[], unitId?: string): Promise<string[]> {
      const rows = await database.query<{ email: string }>(
        `SELECT DISTINCT u.email FROM users u JOIN role_grants g ON g.user_id = u.id
        WHERE u.tenant_id = $1 AND NOT u.disabled AND u.email IS NOT NULL AND g.role = ANY($2)
          AND ($3::uuid IS NULL OR g.unit_id = $3::uuid)`,
        [tenant.id, roles, unitId ?? null],
      );
      return rows.map((r) => r.email).sort();
    }

    /** Waits for the after-response send, then returns the mails received since `from`. */
    async function mailsSince(from: number): Promise<ReceivedMail[]> {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await outboxIdle(database);
      return smtp.mails.slice(from);
    }

    async function noticeCount(eventPrefix: string): Promise<number> {
      const [row] = await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notices WHERE tenant_id = $1 AND event_key LIKE $2",
        [tenant.id, `${eventPrefix}%`],
      );
      return row.n;
    }

    beforeAll(async () => {
      setClock("2026-11-20T03:00:00Z");
      database = getDatabase();
      smtp = await startSmtpPeer();
      ({ app, ctx, tenant } = await createTestApp(database, "kien-giang", {
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: String(smtp.port),
      }));
      [coordinator, officer, leader] = await Promise.all(
        ["dieuphoi", "canbo.so", "lanhdao.so"].map((u) => signIn(app, u)),
      );
      for (const row of await database.query<{ username: string; email: string }>(
        "SELECT username, email FROM users WHERE tenant_id = $1",
        [tenant.id],
      ))
        emailOf[row.username] = row.email;
      const planId = await publishTestPlan(
        database.db,
        tenant.id,
        coordinator,
        "Kế hoạch thử thông báo chuyển việc năm 2026",
        planTree,
      );
      svId = (await listUnits(database.db, tenant.id)).find((u) => u.name === SVHTTDL)!.id;
      const periods = (await coordinator.get(`/api/reporting/plans/${planId}/periods`)).json();
      periodId = periods.items.find((p: { key: string }) => p.key === "2026").id;
    });
    afterAll(async () => {
      await outboxIdle(database);
      await app?.close();
      await smtp?.close();
      resetClock();
    });
    beforeEach(async () => {
      await outboxIdle(database);
    });

    it("a report's steps reach the leader, the coordinator, then the unit's officer and leader, once each", async () => {
      const opened = await officer.post(`/api/reporting/periods/${periodId}/units/${svId}/report`);
      expect(opened.statusCode, opened.body).toBeLessThan(300);
      let report = opened.json();
      const link = `/reports/${report.id}`;

      // Submitted: the unit's leaders, nobody else; the submitting officer is not told.
      let from = smtp.mails.length;
      let step = await officer.post(`/api/reports/${report.id}/submit`, { version: report.version });
      expect(step.statusCode, step.body).toBe(200);
      report = step.json();
      let mails = await mailsSince(from);
      expect(mails.flatMap((m) => m.to).sort()).toEqual(await holders(["unit_leader"], svId));
      expect(mails[0].subject).toMatch(/chờ đồng chí duyệt/);
      expect(mails[0].text).toContain(`${ctx.config.publicUrl}${link}`);
      const leaderBell = (await leader.get("/api/notices")).json();
      expect(leaderBell.items.filter((n: { link: string }) => n.link === link)).toHaveLength(1);
      expect(leaderBell.items[0].title).toMatch(/chờ đồng chí duyệt/);
      expect(
        (await officer.get("/api/notices")).json().items.some((n: { link: string }) => n.link === link),
      ).toBe(false);

      // The hourly scan runs after: nothing new, no second mail.
      from = smtp.mails.length;
      const deps = {
        database,
        config: ctx.config,
        tenantId: tenant.id,
        mailer: createMailer(ctx.config, quiet as never),
        storage: createMemoryStorage(),
        logger: quiet,
      };
      expect(await runApprovalNotices(deps)).toBe(0);
      expect(await drainOutbox({ ...deps, logger: quiet })).toEqual({ sent: 0, failed: 0 });
      expect(await mailsSince(from)).toHaveLength(0);

      // Sent by the leader: the coordinators.
      from = smtp.mails.length;
      step = await leader.post(`/api/reports/${report.id}/send`, { version: report.version });
      expect(step.statusCode, step.body).toBe(200);
      report = step.json();
      mails = await mailsSince(from);
      expect(mails.flatMap((m) => m.to).sort()).toEqual(await holders(["coordinator"]));
      expect((await coordinator.get("/api/notices")).json().items[0]).toMatchObject({
        kind: "report-sent",
        link,
      });

      // A return without comments is refused: no notice, no mail.
      const before = await noticeCount("report-return:");
      from = smtp.mails.length;
      const refused = await coordinator.post(`/api/reports/${report.id}/return`, { version: report.version });
      expect(refused.statusCode).toBe(400);
      expect(await noticeCount("report-return:")).toBe(before);
      expect(await mailsSince(from)).toHaveLength(0);

      // Returned with comments: the unit's officers and leaders, with the comment; in English for
      // one who chose English.
      await database.query(
        "UPDATE users SET locale = 'en' WHERE tenant_id = $1 AND username = 'lanhdao.so'",
        [tenant.id],
      );
      from = smtp.mails.length;
      const comment = "Bổ sung số liệu quý IV và kinh phí đã sử dụng";
      step = await coordinator.post(`/api/reports/${report.id}/return`, { version: report.version, comment });
      expect(step.statusCode, step.body).toBe(200);
      report = step.json();
      mails = await mailsSince(from);
      expect(mails.flatMap((m) => m.to).sort()).toEqual(await holders(["unit_officer", "unit_leader"], svId));
      const toOfficer = mails.find((m) => m.to.includes(emailOf["canbo.so"]))!;
      expect(toOfficer.subject).toContain(comment);
      expect(toOfficer.text).toContain(comment);
      const toLeader = mails.find((m) => m.to.includes(emailOf["lanhdao.so"]))!;
      expect(toLeader.subject).toMatch(/returned for changes/);
      const officerBell = (await officer.get("/api/notices")).json();
      expect(officerBell.items[0]).toMatchObject({ kind: "report-returned", link, readAt: null });
      expect(officerBell.items[0].title).toContain(comment);
      await database.query(
        "UPDATE users SET locale = 'vi' WHERE tenant_id = $1 AND username = 'lanhdao.so'",
        [tenant.id],
      );

      // Sent again, received and accepted: the unit hears of the acceptance.
      step = await leader.post(`/api/reports/${report.id}/send`, { version: report.version });
      expect(step.statusCode, step.body).toBe(200);
      report = step.json();
      step = await coordinator.post(`/api/reports/${report.id}/receive`, { version: report.version });
      expect(step.statusCode, step.body).toBe(200);
      report = step.json();
      expect((await mailsSince(from)).flatMap((m) => m.to).sort()).toEqual(
        [...(await holders(["coordinator"])), emailOf["canbo.so"], emailOf["lanhdao.so"]].sort(),
      );
      from = smtp.mails.length;
      step = await coordinator.post(`/api/reports/${report.id}/accept`, { version: report.version });
      expect(step.statusCode, step.body).toBe(200);
      mails = await mailsSince(from);
      expect(mails.flatMap((m) => m.to).sort()).toEqual(await holders(["unit_officer", "unit_leader"], svId));

      // Read: one's own notice only.
      const mine = (await officer.get("/api/notices")).json().items[0];
      expect((await leader.post(`/api/notices/${mine.id}/read`)).statusCode).toBe(404);
      expect((await officer.post(`/api/notices/${mine.id}/read`)).statusCode).toBe(204);
      expect(
        (await officer.get("/api/notices?unread=true"))
          .json()
          .items.some((n: { id: string }) => n.id === mine.id),
      ).toBe(false);
      // Every mail went out once: one sent-log row per event and recipient.
      const [dupes] = await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM (SELECT event_key, user_id FROM notice_mail GROUP BY 1, 2 HAVING count(*) > 1) d",
      );
      expect(dupes.n).toBe(0);
      const [pending] = await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notice_mail WHERE sent_at IS NULL",
      );
      expect(pending.n).toBe(0);
    });
  },
  { at: "2026-11-20T03:00:00Z" },
);

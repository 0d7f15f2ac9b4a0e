import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseCommitmentNoticeDays } from "../../config-sections.ts";
import type { Database } from "../../db/connection.ts";
import type { AppContext, Tenant } from "../../http/context.ts";
import { clock, resetClock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, DEMO_PASSWORD, signIn } from "../../test/harness.ts";
import { createUser } from "../auth/users.ts";
import { COMMITMENT_JOBS, DEFAULT_NOTICE_DAYS, runCommitmentNotices, summaryOf } from "../dialogues/jobs.ts";
import { installModules } from "../index.ts";
import { listUnits } from "../orgs/service.ts";
import { outboxIdle } from "./outbox.ts";
import { type ReceivedMail, startSmtpPeer } from "./testing.ts";

installModules();

const quiet = { info() {}, warn() {}, error() {} };
/** A Friday morning in Vietnam; every test starts from it. */
const BASE = "2026-11-20T03:00:00Z";
const at = (day: string) => `${day}T03:00:00Z`;
const addCalendarDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("commitment notice days", () => {
  it("default to a week and accept 0 to 90 whole days", () => {
    expect(parseCommitmentNoticeDays({})).toBe(DEFAULT_NOTICE_DAYS);
    expect(parseCommitmentNoticeDays({ COMMITMENT_NOTICE_DAYS: " 14 " })).toBe(14);
    expect(parseCommitmentNoticeDays({ COMMITMENT_NOTICE_DAYS: "0" })).toBe(0);
    expect(COMMITMENT_JOBS.daily.cron).toBe("30 7 * * *");
  });

  it("refuse anything else, naming the variable", () => {
    for (const bad of ["-1", "91", "7.5", "một tuần", "1e2"])
      expect(() => parseCommitmentNoticeDays({ COMMITMENT_NOTICE_DAYS: bad })).toThrow(
        /COMMITMENT_NOTICE_DAYS/,
      );
  });

  it("cut a long commitment at a word for the title", () => {
    expect(summaryOf("  Nạo vét   kênh ấp 3 ")).toBe("Nạo vét kênh ấp 3");
    const long = `${"Nâng cấp tuyến đường liên ấp ".repeat(6)}trước mùa mưa`;
    const summary = summaryOf(long);
    expect(summary.length).toBeLessThanOrEqual(81);
    expect(summary.endsWith("…")).toBe(true);
    expect(long.startsWith(summary.slice(0, -1))).toBe(true);
  });
});

forEachEngineWithDemo(
  "notifications: escalations and commitments reach who acts next, once, in the bell and by e-mail",
  (getDatabase) => {
    let app: FastifyInstance;
    let ctx: AppContext;
    let database: Database;
    let tenant: Tenant;
    let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
    const users: Record<string, Client> = {};
    const emailOf: Record<string, string> = {};
    const idOf: Record<string, string> = {};
    let svId: string;
    let sytId: string;

    /** Waits for the after-response send, then returns the mails received since `from`. */
    async function mailsSince(from: number): Promise<ReceivedMail[]> {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await outboxIdle(database);
      return smtp.mails.slice(from);
    }

    const recipients = (mails: ReceivedMail[]) => mails.flatMap((m) => m.to).sort();
    const emails = (...names: string[]) => names.map((n) => emailOf[n]).sort();

    /** The users (by name) holding a notice of this kind about this link. */
    async function toldOf(kind: string, link: string): Promise<string[]> {
      const rows = await database.query<{ username: string }>(
        `SELECT u.username FROM notices n JOIN users u ON u.id = n.user_id
        WHERE n.tenant_id = $1 AND n.kind = $2 AND n.link = $3 ORDER BY u.username`,
        [tenant.id, kind, link],
      );
      return rows.map((r) => r.username).sort();
    }

    beforeAll(async () => {
      setClock(BASE);
      database = getDatabase();
      smtp = await startSmtpPeer();
      ({ app, ctx, tenant } = await createTestApp(database, "kien-giang", {
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: String(smtp.port),
      }));
      const units = await listUnits(database.db, tenant.id);
      const byCode = (code: string) => units.find((u) => u.code === code && !u.validTo)!.id;
      svId = byCode("SVHTTDL");
      sytId = byCode("SYT");
      // The health department's people: an officer, a leader who reads English, an officer without
      // an e-mail address (the bell only), and a disabled officer (nothing).
      const staff = [
        { username: "canbo.syt", role: "unit_officer", email: "canbo.syt@dongthuan.local" },
        { username: "lanhdao.syt", role: "unit_leader", email: "lanhdao.syt@dongthuan.local" },
        { username: "vanthu.syt", role: "unit_officer", email: null },
        { username: "nghiviec.syt", role: "unit_officer", email: "nghiviec.syt@dongthuan.local" },
      ] as const;
      await database.db.transaction(async (tx) => {
        for (const person of staff)
          await createUser(
            tx,
            tenant.id,
            { userId: null, name: "test" },
            {
              username: person.username,
              displayName: person.username,
              email: person.email,
              password: DEMO_PASSWORD,
              grants: [{ role: person.role, unitId: sytId }],
            },
          );
      });
      await database.query(
        "UPDATE users SET locale = 'en' WHERE tenant_id = $1 AND username = 'lanhdao.syt'",
        [tenant.id],
      );
      await database.query(
        "UPDATE users SET disabled = true WHERE tenant_id = $1 AND username = 'nghiviec.syt'",
        [tenant.id],
      );
      for (const row of await database.query<{ id: string; username: string; email: string | null }>(
        "SELECT id, username, email FROM users WHERE tenant_id = $1",
        [tenant.id],
      )) {
        idOf[row.username] = row.id;
        if (row.email) emailOf[row.username] = row.email;
      }
      for (const name of ["dieuphoi", "canbo.so", "lanhdao.so", "canbo.syt", "lanhdao.syt"])
        users[name] = await signIn(app, name);
    });
    afterAll(async () => {
      if (database) await outboxIdle(database);
      await app?.close();
      await smtp?.close();
      resetClock();
    });
    beforeEach(async () => {
      setClock(BASE);
      await outboxIdle(database);
    });

    it("an escalation assigned reaches the owner unit, and its decision the raising unit, the owner and who raised it", async () => {
      const raised = await users["canbo.so"].post("/api/escalations", {
        unitId: svId,
        kind: "proposal",
        title: "Kiểm tra an toàn thực phẩm tại lễ hội",
        body: "Đề nghị Sở Y tế phối hợp kiểm tra an toàn thực phẩm tại các lễ hội cuối năm.",
      });
      expect(raised.statusCode, raised.body).toBe(201);
      const escalation = raised.json();
      const link = `/escalations/${escalation.id}`;

      let from = smtp.mails.length;
      let step = await users.dieuphoi.request("PATCH", `/api/escalations/${escalation.id}`, {
        version: 1,
        action: "assign",
        ownerUnitId: sytId,
        dueOn: "2026-12-15",
      });
      expect(step.statusCode, step.body).toBe(200);
      let mails = await mailsSince(from);
      expect(recipients(mails)).toEqual(emails("canbo.syt", "lanhdao.syt"));
      const toOfficer = mails.find((m) => m.to.includes(emailOf["canbo.syt"]))!;
      expect(toOfficer.subject).toContain("Kiểm tra an toàn thực phẩm tại lễ hội");
      expect(toOfficer.text).toContain("15/12/2026");
      expect(await toldOf("escalation-assigned", link)).toEqual(["canbo.syt", "lanhdao.syt", "vanthu.syt"]);

      // A stale version is refused: no notice, no mail.
      from = smtp.mails.length;
      step = await users.dieuphoi.request("PATCH", `/api/escalations/${escalation.id}`, {
        version: 1,
        action: "decide",
        decision: "Giao Sở Y tế chủ trì.",
      });
      expect(step.statusCode).toBe(409);
      expect(await mailsSince(from)).toHaveLength(0);
      expect(await toldOf("escalation-decided", link)).toEqual([]);

      from = smtp.mails.length;
      step = await users.dieuphoi.request("PATCH", `/api/escalations/${escalation.id}`, {
        version: 2,
        action: "decide",
        decision: "Giao Sở Y tế chủ trì, Sở Văn hóa phối hợp.",
      });
      expect(step.statusCode, step.body).toBe(200);
      mails = await mailsSince(from);
      // Who raised it is also an officer of the raising unit: one mail, not two.
      expect(recipients(mails)).toEqual(emails("canbo.so", "lanhdao.so", "canbo.syt", "lanhdao.syt"));
      expect(mails.find((m) => m.to.includes(emailOf["canbo.so"]))!.text).toContain(
        "Giao Sở Y tế chủ trì, Sở Văn hóa phối hợp.",
      );
      expect(await toldOf("escalation-decided", link)).toEqual([
        "canbo.so",
        "canbo.syt",
        "lanhdao.so",
        "lanhdao.syt",
        "vanthu.syt",
      ]);
    });

    it("a dialogue commitment is announced to its owner unit before it falls due and once overdue, never twice", async () => {
      const communes = (await listUnits(database.db, tenant.id)).filter(
        (u) => u.type === "commune" && !u.validTo,
      );
      const held = await users.dieuphoi.post("/api/dialogues", {
        title: "Đối thoại về an toàn thực phẩm cuối năm",
        topic: "An toàn thực phẩm tại chợ và lễ hội",
        leader: "Phó Chủ tịch UBND tỉnh",
        place: "Hội trường UBND phường Rạch Giá",
        startsAt: clock.fromNow(-30 * 86_400_000).toISOString(),
        hostUnitId: communes[0].id,
        communeIds: [communes[0].id],
      });
      expect(held.statusCode, held.body).toBe(201);
      const dialogueId = held.json().id;
      const link = `/dialogues/${dialogueId}`;
      const marked = await users.dieuphoi.patch(`/api/dialogues/${dialogueId}`, {
        status: "held",
        minutes: "Biên bản: 80 người dự, 6 ý kiến.",
        version: 1,
      });
      expect(marked.statusCode, marked.body).toBe(200);
      const today = clock.today();
      const commit = async (text: string, dueDate: string) => {
        const created = await users.dieuphoi.post(`/api/dialogues/${dialogueId}/commitments`, {
          text,
          ownerUnitId: sytId,
          dueDate,
        });
        expect(created.statusCode, created.body).toBe(201);
        return created.json().id as string;
      };
      await commit("Kiểm tra bếp ăn các trường mầm non", addCalendarDays(today, 5));
      await commit("Lấy mẫu thực phẩm tại chợ Rạch Giá", addCalendarDays(today, 20));
      await commit("Công khai kết quả kiểm tra quý III", addCalendarDays(today, -3));
      const done = await commit("Tập huấn cho bếp ăn tập thể", addCalendarDays(today, 2));
      const closed = await users["canbo.syt"].post(`/api/commitments/${done}/close`, {
        note: "Đã tập huấn 40 bếp ăn.",
      });
      expect(closed.statusCode, closed.body).toBeLessThan(300);
      await outboxIdle(database);
      const ours = (mails: ReceivedMail[]) =>
        mails.filter((m) => m.text.includes(`${ctx.config.publicUrl}${link}`));
      const deps = {
        database,
        config: ctx.config,
        tenantId: tenant.id,
        mailer: ctx.mailer,
        logger: quiet,
        noticeDays: DEFAULT_NOTICE_DAYS,
      };

      // Today: the one due in 5 days and the one 3 days overdue; not the one in 20 days, nor the done one.
      let from = smtp.mails.length;
      await runCommitmentNotices(deps);
      let mails = ours(await mailsSince(from));
      expect(recipients(mails)).toEqual(emails("canbo.syt", "canbo.syt", "lanhdao.syt", "lanhdao.syt"));
      const officerMails = mails.filter((m) => m.to.includes(emailOf["canbo.syt"]));
      expect(officerMails.map((m) => m.subject).sort()).toEqual(
        [
          `Cam kết đối thoại đã quá hạn ngày ${addCalendarDays(today, -3).split("-").reverse().join("/")}: Công khai kết quả kiểm tra quý III`,
          `Cam kết đối thoại đến hạn ngày ${addCalendarDays(today, 5).split("-").reverse().join("/")}: Kiểm tra bếp ăn các trường mầm non`,
        ].sort(),
      );
      expect(mails.find((m) => m.to.includes(emailOf["lanhdao.syt"]))!.subject).toMatch(
        /^A dialogue commitment is/,
      );
      expect(await toldOf("commitment-due", link)).toEqual(["canbo.syt", "lanhdao.syt", "vanthu.syt"]);
      expect(await toldOf("commitment-overdue", link)).toEqual(["canbo.syt", "lanhdao.syt", "vanthu.syt"]);

      // Again the same day, and the next day: nothing new.
      from = smtp.mails.length;
      expect(await runCommitmentNotices(deps)).toEqual({ due: 0, overdue: 0 });
      setClock(at(addCalendarDays(today, 1)));
      await runCommitmentNotices(deps);
      expect(ours(await mailsSince(from))).toHaveLength(0);

      // Sixteen days on: the twenty-day one is within the week, the five-day one is overdue.
      setClock(at(addCalendarDays(today, 16)));
      from = smtp.mails.length;
      await runCommitmentNotices(deps);
      await runCommitmentNotices(deps);
      mails = ours(await mailsSince(from));
      expect(recipients(mails)).toEqual(emails("canbo.syt", "canbo.syt", "lanhdao.syt", "lanhdao.syt"));
      expect(
        mails
          .filter((m) => m.to.includes(emailOf["canbo.syt"]))
          .map((m) => m.subject.replace(/ngày \S+: /, ""))
          .sort(),
      ).toEqual(
        [
          "Cam kết đối thoại đã quá hạn Kiểm tra bếp ăn các trường mầm non",
          "Cam kết đối thoại đến hạn Lấy mẫu thực phẩm tại chợ Rạch Giá",
        ].sort(),
      );
      // Nobody outside the owner unit heard of these commitments.
      expect(await toldOf("commitment-due", link)).toEqual([
        "canbo.syt",
        "canbo.syt",
        "lanhdao.syt",
        "lanhdao.syt",
        "vanthu.syt",
        "vanthu.syt",
      ]);
      const [pending] = await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notice_mail WHERE sent_at IS NULL",
      );
      expect(pending.n).toBe(0);
    });
  },
  { at: BASE },
);

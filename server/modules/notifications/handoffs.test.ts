import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import type { AppContext, Tenant } from "../../http/context.ts";
import { resetClock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, DEMO_PASSWORD, signIn } from "../../test/harness.ts";
import { createUser } from "../auth/users.ts";
import { installModules } from "../index.ts";
import { listUnits } from "../orgs/service.ts";
import { petitionDeps } from "../petitions/deps.ts";
import { checkClockWarnings } from "../petitions/jobs.ts";
import { petitionBody } from "../petitions/testing.ts";
import { outboxIdle } from "./outbox.ts";
import { listHandoffNotices } from "./routes.ts";
import { type ReceivedMail, startSmtpPeer } from "./testing.ts";

installModules();

/** A Friday morning in Vietnam; every test starts from it. */
const BASE = "2026-11-20T03:00:00Z";
const at = (day: string) => `${day}T03:00:00Z`;

forEachEngineWithDemo(
  "notifications: petitions reach who acts next, once, in the bell and by e-mail",
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
    let svName: string;
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
      svName = units.find((u) => u.id === svId)!.name;
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

    /** A petition entered by the coordinator, with no e-mail of the citizen's (officers' mail only). */
    async function enterPetition(): Promise<{ id: string; trackingCode: string }> {
      const created = await users.dieuphoi.post("/api/petitions", { ...petitionBody(), channel: "letter" });
      expect(created.statusCode, created.body).toBe(201);
      return created.json();
    }

    it("a petition's steps reach the unit, its leader, then the draft's author, once each", async () => {
      const { id, trackingCode } = await enterPetition();
      const link = `/petitions/${id}`;

      // Sent to the culture department: its officer and leader; the coordinator who sent it is not told.
      let from = smtp.mails.length;
      let step = await users.dieuphoi.post(`/api/petitions/${id}/assign`, { unitId: svId });
      expect(step.statusCode, step.body).toBe(200);
      let mails = await mailsSince(from);
      expect(recipients(mails)).toEqual(emails("canbo.so", "lanhdao.so"));
      expect(mails[0].subject).toBe(`Phản ánh ${trackingCode} được chuyển đến đơn vị bạn`);
      expect(mails[0].text).toContain(`${ctx.config.publicUrl}${link}`);
      expect(mails[0].text).not.toContain("Nguyễn Văn Thử");
      expect(await toldOf("petition-assigned", link)).toEqual(["canbo.so", "lanhdao.so"]);
      const bell = (await users["canbo.so"].get("/api/notices")).json();
      expect(bell.items.filter((n: { link: string }) => n.link === link)).toMatchObject([
        {
          kind: "petition-assigned",
          title: `Phản ánh ${trackingCode} được chuyển đến đơn vị bạn`,
          readAt: null,
        },
      ]);

      // Passed on to the health department: its enabled people, the leader in English; the
      // culture department is not told again, the disabled officer never.
      from = smtp.mails.length;
      step = await users["canbo.so"].post(`/api/petitions/${id}/assign`, {
        unitId: sytId,
        note: "Thuộc lĩnh vực y tế",
      });
      expect(step.statusCode, step.body).toBe(200);
      mails = await mailsSince(from);
      expect(recipients(mails)).toEqual(emails("canbo.syt", "lanhdao.syt"));
      const toLeader = mails.find((m) => m.to.includes(emailOf["lanhdao.syt"]))!;
      expect(toLeader.subject).toBe(`Petition ${trackingCode} was transferred from ${svName} to your unit`);
      const toOfficer = mails.find((m) => m.to.includes(emailOf["canbo.syt"]))!;
      expect(toOfficer.subject).toBe(`Phản ánh ${trackingCode} được chuyển từ ${svName} đến đơn vị bạn`);
      expect(await toldOf("petition-transferred", link)).toEqual(["canbo.syt", "lanhdao.syt", "vanthu.syt"]);
      expect(await toldOf("petition-assigned", link)).toEqual(["canbo.so", "lanhdao.so"]);

      // A draft answer waits for the unit's leader, and only the leader.
      const answer = "Sở Y tế đã kiểm tra cơ sở và yêu cầu khắc phục trong 15 ngày.";
      from = smtp.mails.length;
      step = await users["canbo.syt"].request("PUT", `/api/petitions/${id}/answer`, { text: answer });
      expect(step.statusCode, step.body).toBe(200);
      mails = await mailsSince(from);
      expect(recipients(mails)).toEqual(emails("lanhdao.syt"));
      expect(mails[0].subject).toBe(`Petition ${trackingCode}: a draft answer is waiting for your approval`);

      // Returned with a comment: the draft's author only.
      const comment = "Nêu rõ thời hạn khắc phục và cơ quan kiểm tra lại";
      from = smtp.mails.length;
      step = await users["lanhdao.syt"].post(`/api/petitions/${id}/answer/return`, { comment });
      expect(step.statusCode, step.body).toBe(200);
      mails = await mailsSince(from);
      expect(recipients(mails)).toEqual(emails("canbo.syt"));
      expect(mails[0].subject).toContain(comment);
      expect(mails[0].text).toContain(comment);

      // Drafted again: the leader hears of the new draft (a new hand-off), once.
      from = smtp.mails.length;
      step = await users["canbo.syt"].request("PUT", `/api/petitions/${id}/answer`, {
        text: `${answer} Hạn 05/12.`,
      });
      expect(step.statusCode, step.body).toBe(200);
      expect(recipients(await mailsSince(from))).toEqual(emails("lanhdao.syt"));
      expect(await toldOf("petition-answer-waiting", link)).toEqual(["lanhdao.syt", "lanhdao.syt"]);

      // Approved: the author; approving again is refused and sends nothing.
      from = smtp.mails.length;
      step = await users["lanhdao.syt"].post(`/api/petitions/${id}/answer/approve`);
      expect(step.statusCode, step.body).toBe(200);
      mails = await mailsSince(from);
      expect(recipients(mails)).toEqual(emails("canbo.syt"));
      expect(mails[0].subject).toBe(`Phản ánh ${trackingCode}: lãnh đạo đã duyệt trả lời`);
      from = smtp.mails.length;
      expect((await users["lanhdao.syt"].post(`/api/petitions/${id}/answer/approve`)).statusCode).toBe(409);
      expect(await mailsSince(from)).toHaveLength(0);

      // Nobody outside the hand-offs heard of it.
      expect(await toldOf("petition-assigned", link)).not.toContain("dieuphoi");
      const [others] = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notices n JOIN users u ON u.id = n.user_id
        WHERE n.link = $1 AND u.username NOT IN ('canbo.so', 'lanhdao.so', 'canbo.syt', 'lanhdao.syt', 'vanthu.syt')`,
        [link],
      );
      expect(others.n).toBe(0);
    });

    it("a clock about to run out warns the holding unit once per threshold, and the coordinators once overdue", async () => {
      const { id, trackingCode } = await enterPetition();
      const link = `/petitions/${id}`;
      expect((await users.dieuphoi.post(`/api/petitions/${id}/assign`, { unitId: svId })).statusCode).toBe(
        200,
      );
      const [answerClock] = await database.query<{ due_date: string }>(
        "SELECT due_date::text AS due_date FROM petition_clocks WHERE petition_id = $1 AND purpose = 'answer'",
        [id],
      );
      const deps = petitionDeps(ctx);
      const ours = (mails: ReceivedMail[]) => mails.filter((m) => m.subject.includes(trackingCode));
      await outboxIdle(database);

      // Three working days before: the first warning, to the culture department's officer and leader.
      setClock(at(deps.calendar.addWorkingDays(answerClock.due_date, -3)));
      let from = smtp.mails.length;
      expect(await checkClockWarnings(deps)).toBeGreaterThanOrEqual(1);
      let mails = ours(await mailsSince(from));
      expect(recipients(mails)).toEqual(emails("canbo.so", "lanhdao.so"));
      const due = answerClock.due_date.split("-").reverse().join("/");
      expect(mails[0].subject).toBe(`Phản ánh ${trackingCode}: sắp đến hạn (${due})`);
      expect(mails[0].text).toContain("còn 3 ngày làm việc");
      expect(mails[0].text).not.toContain("Nguyễn Văn Thử");
      // The same day again (a second server, a retried job): nothing at all.
      from = smtp.mails.length;
      expect(await checkClockWarnings(deps)).toBe(0);
      expect(await mailsSince(from)).toHaveLength(0);

      // The day before: the next threshold, once.
      setClock(at(deps.calendar.addWorkingDays(answerClock.due_date, -1)));
      from = smtp.mails.length;
      await checkClockWarnings(deps);
      await checkClockWarnings(deps);
      mails = ours(await mailsSince(from));
      expect(recipients(mails)).toEqual(emails("canbo.so", "lanhdao.so"));
      expect(await toldOf("petition-clock-warning", link)).toEqual([
        "canbo.so",
        "canbo.so",
        "lanhdao.so",
        "lanhdao.so",
      ]);
      const bell = await listHandoffNotices(database.db, tenant.id, idOf["lanhdao.so"], "vi");
      expect(bell.items.filter((n) => n.link === link).map((n) => n.kind)).toEqual([
        "petition-clock-warning",
        "petition-clock-warning",
        "petition-assigned",
      ]);

      // Run out: the unit and the coordinators, once, however often the job runs.
      setClock(at(deps.calendar.addWorkingDays(answerClock.due_date, 1)));
      from = smtp.mails.length;
      await checkClockWarnings(deps);
      await checkClockWarnings(deps);
      mails = ours(await mailsSince(from));
      const coordinators = await database.query<{ username: string }>(
        `SELECT DISTINCT u.username FROM users u JOIN role_grants g ON g.user_id = u.id
        WHERE u.tenant_id = $1 AND g.role = 'coordinator' AND NOT u.disabled AND u.email IS NOT NULL`,
        [tenant.id],
      );
      expect(recipients(mails)).toEqual(
        emails("canbo.so", "lanhdao.so", ...coordinators.map((c) => c.username)),
      );
      expect(mails.every((m) => /đã quá hạn/.test(m.subject))).toBe(true);
      expect((await toldOf("petition-clock-overdue", link)).sort()).toEqual(
        ["canbo.so", "lanhdao.so", ...coordinators.map((c) => c.username)].sort(),
      );
      // The warnings' rows: one per threshold; the outbox: one sent row per event and person.
      const warnings = await database.query<{ threshold: number }>(
        `SELECT w.threshold FROM petition_clock_warnings w JOIN petition_clocks c ON c.id = w.clock_id
        WHERE c.petition_id = $1 ORDER BY w.threshold`,
        [id],
      );
      expect(warnings.map((w) => w.threshold)).toEqual([-1, 1, 3]);
      const [dupes] = await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM (SELECT event_key, user_id FROM notice_mail GROUP BY 1, 2 HAVING count(*) > 1) d",
      );
      expect(dupes.n).toBe(0);
    });
  },
  { at: BASE },
);

import { expect, it } from "vitest";
import { setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { installModules } from "../index.ts";
import { petitionDeps } from "../petitions/deps.ts";
import { checkClockWarnings } from "../petitions/jobs.ts";
import { petitionBody } from "../petitions/testing.ts";
import { useHandoffWorld } from "./handoff-world.ts";
import { outboxIdle } from "./outbox.ts";
import { listHandoffNotices } from "./routes.ts";
import type { ReceivedMail } from "./testing.ts";

installModules();

/** A Friday morning in Vietnam; every test starts from it. */
const BASE = "2026-11-20T03:00:00Z";
const at = (day: string) => `${day}T03:00:00Z`;

forEachEngineWithDemo(
  "notifications: petitions reach who acts next, once, in the bell and by e-mail",
  (getDatabase) => {
    const w = useHandoffWorld(getDatabase, BASE);

    /** A petition entered by the coordinator, with no e-mail of the citizen's (officers' mail only). */
    async function enterPetition(): Promise<{ id: string; trackingCode: string }> {
      const created = await w.users.dieuphoi.post("/api/petitions", { ...petitionBody(), channel: "letter" });
      expect(created.statusCode, created.body).toBe(201);
      return created.json();
    }

    it("a petition's steps reach the unit, its leader, then the draft's author, once each", async () => {
      const { id, trackingCode } = await enterPetition();
      const link = `/petitions/${id}`;

      // Sent to the culture department: its officer and leader; the coordinator who sent it is not told.
      let from = w.smtp.mails.length;
      let step = await w.users.dieuphoi.post(`/api/petitions/${id}/assign`, { unitId: w.svId });
      expect(step.statusCode, step.body).toBe(200);
      let mails = await w.mailsSince(from);
      expect(w.recipients(mails)).toEqual(w.emails("canbo.so", "lanhdao.so"));
      expect(mails[0].subject).toBe(`Phản ánh ${trackingCode} được chuyển đến đơn vị bạn`);
      expect(mails[0].text).toContain(`${w.ctx.config.publicUrl}${link}`);
      expect(mails[0].text).not.toContain("Nguyễn Văn Thử");
      expect(await w.toldOf("petition-assigned", link)).toEqual(["canbo.so", "lanhdao.so"]);
      const bell = (await w.users["canbo.so"].get("/api/notices")).json();
      expect(bell.items.filter((n: { link: string }) => n.link === link)).toMatchObject([
        {
          kind: "petition-assigned",
          title: `Phản ánh ${trackingCode} được chuyển đến đơn vị bạn`,
          readAt: null,
        },
      ]);

      // Passed on to the health department: its enabled people, the leader in English; the
      // culture department is not told again, the disabled officer never.
      from = w.smtp.mails.length;
      step = await w.users["canbo.so"].post(`/api/petitions/${id}/assign`, {
        unitId: w.sytId,
        note: "Thuộc lĩnh vực y tế",
      });
      expect(step.statusCode, step.body).toBe(200);
      mails = await w.mailsSince(from);
      expect(w.recipients(mails)).toEqual(w.emails("canbo.syt", "lanhdao.syt"));
      const toLeader = mails.find((m) => m.to.includes(w.emailOf["lanhdao.syt"]))!;
      expect(toLeader.subject).toBe(`Petition ${trackingCode} was transferred from ${w.svName} to your unit`);
      const toOfficer = mails.find((m) => m.to.includes(w.emailOf["canbo.syt"]))!;
      expect(toOfficer.subject).toBe(`Phản ánh ${trackingCode} được chuyển từ ${w.svName} đến đơn vị bạn`);
      expect(await w.toldOf("petition-transferred", link)).toEqual([
        "canbo.syt",
        "lanhdao.syt",
        "vanthu.syt",
      ]);
      expect(await w.toldOf("petition-assigned", link)).toEqual(["canbo.so", "lanhdao.so"]);

      // A draft answer waits for the unit's leader, and only the leader.
      const answer = "Sở Y tế đã kiểm tra cơ sở và yêu cầu khắc phục trong 15 ngày.";
      from = w.smtp.mails.length;
      step = await w.users["canbo.syt"].request("PUT", `/api/petitions/${id}/answer`, { text: answer });
      expect(step.statusCode, step.body).toBe(200);
      mails = await w.mailsSince(from);
      expect(w.recipients(mails)).toEqual(w.emails("lanhdao.syt"));
      expect(mails[0].subject).toBe(`Petition ${trackingCode}: a draft answer is waiting for your approval`);

      // Returned with a comment: the draft's author only.
      const comment = "Nêu rõ thời hạn khắc phục và cơ quan kiểm tra lại";
      from = w.smtp.mails.length;
      step = await w.users["lanhdao.syt"].post(`/api/petitions/${id}/answer/return`, { comment });
      expect(step.statusCode, step.body).toBe(200);
      mails = await w.mailsSince(from);
      expect(w.recipients(mails)).toEqual(w.emails("canbo.syt"));
      expect(mails[0].subject).toContain(comment);
      expect(mails[0].text).toContain(comment);

      // Drafted again: the leader hears of the new draft (a new hand-off), once.
      from = w.smtp.mails.length;
      step = await w.users["canbo.syt"].request("PUT", `/api/petitions/${id}/answer`, {
        text: `${answer} Hạn 05/12.`,
      });
      expect(step.statusCode, step.body).toBe(200);
      expect(w.recipients(await w.mailsSince(from))).toEqual(w.emails("lanhdao.syt"));
      expect(await w.toldOf("petition-answer-waiting", link)).toEqual(["lanhdao.syt", "lanhdao.syt"]);

      // Approved: the author; approving again is refused and sends nothing.
      from = w.smtp.mails.length;
      step = await w.users["lanhdao.syt"].post(`/api/petitions/${id}/answer/approve`);
      expect(step.statusCode, step.body).toBe(200);
      mails = await w.mailsSince(from);
      expect(w.recipients(mails)).toEqual(w.emails("canbo.syt"));
      expect(mails[0].subject).toBe(`Phản ánh ${trackingCode}: lãnh đạo đã duyệt trả lời`);
      from = w.smtp.mails.length;
      expect((await w.users["lanhdao.syt"].post(`/api/petitions/${id}/answer/approve`)).statusCode).toBe(409);
      expect(await w.mailsSince(from)).toHaveLength(0);

      // Nobody outside the hand-offs heard of it.
      expect(await w.toldOf("petition-assigned", link)).not.toContain("dieuphoi");
      const [others] = await w.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notices n JOIN users u ON u.id = n.user_id
        WHERE n.link = $1 AND u.username NOT IN ('canbo.so', 'lanhdao.so', 'canbo.syt', 'lanhdao.syt', 'vanthu.syt')`,
        [link],
      );
      expect(others.n).toBe(0);
    });

    it("a clock about to run out warns the holding unit once per threshold, and the coordinators once overdue", async () => {
      const { id, trackingCode } = await enterPetition();
      const link = `/petitions/${id}`;
      expect(
        (await w.users.dieuphoi.post(`/api/petitions/${id}/assign`, { unitId: w.svId })).statusCode,
      ).toBe(200);
      const [answerClock] = await w.database.query<{ due_date: string }>(
        "SELECT due_date::text AS due_date FROM petition_clocks WHERE petition_id = $1 AND purpose = 'answer'",
        [id],
      );
      const deps = petitionDeps(w.ctx);
      const ours = (mails: ReceivedMail[]) => mails.filter((m) => m.subject.includes(trackingCode));
      await outboxIdle(w.database);

      // Three working days before: the first warning, to the culture department's officer and leader.
      setClock(at(deps.calendar.addWorkingDays(answerClock.due_date, -3)));
      let from = w.smtp.mails.length;
      expect(await checkClockWarnings(deps)).toBeGreaterThanOrEqual(1);
      let mails = ours(await w.mailsSince(from));
      expect(w.recipients(mails)).toEqual(w.emails("canbo.so", "lanhdao.so"));
      const due = answerClock.due_date.split("-").reverse().join("/");
      expect(mails[0].subject).toBe(`Phản ánh ${trackingCode}: sắp đến hạn (${due})`);
      expect(mails[0].text).toContain("còn 3 ngày làm việc");
      expect(mails[0].text).not.toContain("Nguyễn Văn Thử");
      // The same day again (a second server, a retried job): nothing at all.
      from = w.smtp.mails.length;
      expect(await checkClockWarnings(deps)).toBe(0);
      expect(await w.mailsSince(from)).toHaveLength(0);

      // The day before: the next threshold, once.
      setClock(at(deps.calendar.addWorkingDays(answerClock.due_date, -1)));
      from = w.smtp.mails.length;
      await checkClockWarnings(deps);
      await checkClockWarnings(deps);
      mails = ours(await w.mailsSince(from));
      expect(w.recipients(mails)).toEqual(w.emails("canbo.so", "lanhdao.so"));
      expect(await w.toldOf("petition-clock-warning", link)).toEqual([
        "canbo.so",
        "canbo.so",
        "lanhdao.so",
        "lanhdao.so",
      ]);
      const bell = await listHandoffNotices(w.database.db, w.tenant.id, w.idOf["lanhdao.so"], "vi");
      expect(bell.items.filter((n) => n.link === link).map((n) => n.kind)).toEqual([
        "petition-clock-warning",
        "petition-clock-warning",
        "petition-assigned",
      ]);

      // Run out: the unit and the coordinators, once, however often the job runs.
      setClock(at(deps.calendar.addWorkingDays(answerClock.due_date, 1)));
      from = w.smtp.mails.length;
      await checkClockWarnings(deps);
      await checkClockWarnings(deps);
      mails = ours(await w.mailsSince(from));
      const coordinators = await w.database.query<{ username: string }>(
        `SELECT DISTINCT u.username FROM users u JOIN role_grants g ON g.user_id = u.id
        WHERE u.tenant_id = $1 AND g.role = 'coordinator' AND NOT u.disabled AND u.email IS NOT NULL`,
        [w.tenant.id],
      );
      expect(w.recipients(mails)).toEqual(
        w.emails("canbo.so", "lanhdao.so", ...coordinators.map((c) => c.username)),
      );
      expect(mails.every((m) => /đã quá hạn/.test(m.subject))).toBe(true);
      expect((await w.toldOf("petition-clock-overdue", link)).sort()).toEqual(
        ["canbo.so", "lanhdao.so", ...coordinators.map((c) => c.username)].sort(),
      );
      // The warnings' rows: one per threshold; the outbox: one sent row per event and person.
      const warnings = await w.database.query<{ threshold: number }>(
        `SELECT w.threshold FROM petition_clock_warnings w JOIN petition_clocks c ON c.id = w.clock_id
        WHERE c.petition_id = $1 ORDER BY w.threshold`,
        [id],
      );
      expect(warnings.map((w) => w.threshold)).toEqual([-1, 1, 3]);
      const [dupes] = await w.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM (SELECT event_key, user_id FROM notice_mail GROUP BY 1, 2 HAVING count(*) > 1) d",
      );
      expect(dupes.n).toBe(0);
    });
  },
  { at: BASE },
);

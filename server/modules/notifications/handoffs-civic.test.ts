import { describe, expect, it } from "vitest";
import { parseCommitmentNoticeDays } from "../../config-sections.ts";
import { clock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { COMMITMENT_JOBS, DEFAULT_NOTICE_DAYS, runCommitmentNotices, summaryOf } from "../dialogues/jobs.ts";
import { installModules } from "../index.ts";
import { listUnits } from "../orgs/service.ts";
import { useHandoffWorld } from "./handoff-world.ts";
import { outboxIdle } from "./outbox.ts";
import type { ReceivedMail } from "./testing.ts";

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
    const w = useHandoffWorld(getDatabase, BASE);

    it("an escalation assigned reaches the owner unit, and its decision the raising unit, the owner and who raised it", async () => {
      const raised = await w.users["canbo.so"].post("/api/escalations", {
        unitId: w.svId,
        kind: "proposal",
        title: "Kiểm tra an toàn thực phẩm tại lễ hội",
        body: "Đề nghị Sở Y tế phối hợp kiểm tra an toàn thực phẩm tại các lễ hội cuối năm.",
      });
      expect(raised.statusCode, raised.body).toBe(201);
      const escalation = raised.json();
      const link = `/escalations/${escalation.id}`;

      let from = w.smtp.mails.length;
      let step = await w.users.dieuphoi.request("PATCH", `/api/escalations/${escalation.id}`, {
        version: 1,
        action: "assign",
        ownerUnitId: w.sytId,
        dueOn: "2026-12-15",
      });
      expect(step.statusCode, step.body).toBe(200);
      let mails = await w.mailsSince(from);
      expect(w.recipients(mails)).toEqual(w.emails("canbo.syt", "lanhdao.syt"));
      const toOfficer = mails.find((m) => m.to.includes(w.emailOf["canbo.syt"]))!;
      expect(toOfficer.subject).toContain("Kiểm tra an toàn thực phẩm tại lễ hội");
      expect(toOfficer.text).toContain("15/12/2026");
      expect(await w.toldOf("escalation-assigned", link)).toEqual(["canbo.syt", "lanhdao.syt", "vanthu.syt"]);

      // A stale version is refused: no notice, no mail.
      from = w.smtp.mails.length;
      step = await w.users.dieuphoi.request("PATCH", `/api/escalations/${escalation.id}`, {
        version: 1,
        action: "decide",
        decision: "Giao Sở Y tế chủ trì.",
      });
      expect(step.statusCode).toBe(409);
      expect(await w.mailsSince(from)).toHaveLength(0);
      expect(await w.toldOf("escalation-decided", link)).toEqual([]);

      from = w.smtp.mails.length;
      step = await w.users.dieuphoi.request("PATCH", `/api/escalations/${escalation.id}`, {
        version: 2,
        action: "decide",
        decision: "Giao Sở Y tế chủ trì, Sở Văn hóa phối hợp.",
      });
      expect(step.statusCode, step.body).toBe(200);
      mails = await w.mailsSince(from);
      // Who raised it is also an officer of the raising unit: one mail, not two.
      expect(w.recipients(mails)).toEqual(w.emails("canbo.so", "lanhdao.so", "canbo.syt", "lanhdao.syt"));
      expect(mails.find((m) => m.to.includes(w.emailOf["canbo.so"]))!.text).toContain(
        "Giao Sở Y tế chủ trì, Sở Văn hóa phối hợp.",
      );
      expect(await w.toldOf("escalation-decided", link)).toEqual([
        "canbo.so",
        "canbo.syt",
        "lanhdao.so",
        "lanhdao.syt",
        "vanthu.syt",
      ]);
    });

    it("a dialogue commitment is announced to its owner unit before it falls due and once overdue, never twice", async () => {
      const communes = (await listUnits(w.database.db, w.tenant.id)).filter(
        (u) => u.type === "commune" && !u.validTo,
      );
      const held = await w.users.dieuphoi.post("/api/dialogues", {
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
      const marked = await w.users.dieuphoi.patch(`/api/dialogues/${dialogueId}`, {
        status: "held",
        minutes: "Biên bản: 80 người dự, 6 ý kiến.",
        version: 1,
      });
      expect(marked.statusCode, marked.body).toBe(200);
      const today = clock.today();
      const commit = async (text: string, dueDate: string) => {
        const created = await w.users.dieuphoi.post(`/api/dialogues/${dialogueId}/commitments`, {
          text,
          ownerUnitId: w.sytId,
          dueDate,
        });
        expect(created.statusCode, created.body).toBe(201);
        return created.json().id as string;
      };
      await commit("Kiểm tra bếp ăn các trường mầm non", addCalendarDays(today, 5));
      await commit("Lấy mẫu thực phẩm tại chợ Rạch Giá", addCalendarDays(today, 20));
      await commit("Công khai kết quả kiểm tra quý III", addCalendarDays(today, -3));
      const done = await commit("Tập huấn cho bếp ăn tập thể", addCalendarDays(today, 2));
      const closed = await w.users["canbo.syt"].post(`/api/commitments/${done}/close`, {
        note: "Đã tập huấn 40 bếp ăn.",
      });
      expect(closed.statusCode, closed.body).toBeLessThan(300);
      await outboxIdle(w.database);
      const ours = (mails: ReceivedMail[]) =>
        mails.filter((m) => m.text.includes(`${w.ctx.config.publicUrl}${link}`));
      const deps = {
        database: w.database,
        config: w.ctx.config,
        tenantId: w.tenant.id,
        mailer: w.ctx.mailer,
        logger: quiet,
        noticeDays: DEFAULT_NOTICE_DAYS,
      };

      // Today: the one due in 5 days and the one 3 days overdue; not the one in 20 days, nor the done one.
      let from = w.smtp.mails.length;
      await runCommitmentNotices(deps);
      let mails = ours(await w.mailsSince(from));
      expect(w.recipients(mails)).toEqual(w.emails("canbo.syt", "canbo.syt", "lanhdao.syt", "lanhdao.syt"));
      const officerMails = mails.filter((m) => m.to.includes(w.emailOf["canbo.syt"]));
      expect(officerMails.map((m) => m.subject).sort()).toEqual(
        [
          `Cam kết đối thoại đã quá hạn ngày ${addCalendarDays(today, -3).split("-").reverse().join("/")}: Công khai kết quả kiểm tra quý III`,
          `Cam kết đối thoại đến hạn ngày ${addCalendarDays(today, 5).split("-").reverse().join("/")}: Kiểm tra bếp ăn các trường mầm non`,
        ].sort(),
      );
      expect(mails.find((m) => m.to.includes(w.emailOf["lanhdao.syt"]))!.subject).toMatch(
        /^A dialogue commitment is/,
      );
      expect(await w.toldOf("commitment-due", link)).toEqual(["canbo.syt", "lanhdao.syt", "vanthu.syt"]);
      expect(await w.toldOf("commitment-overdue", link)).toEqual(["canbo.syt", "lanhdao.syt", "vanthu.syt"]);

      // Again the same day, and the next day: nothing new.
      from = w.smtp.mails.length;
      expect(await runCommitmentNotices(deps)).toEqual({ due: 0, overdue: 0 });
      setClock(at(addCalendarDays(today, 1)));
      await runCommitmentNotices(deps);
      expect(ours(await w.mailsSince(from))).toHaveLength(0);

      // Sixteen days on: the twenty-day one is within the week, the five-day one is overdue.
      setClock(at(addCalendarDays(today, 16)));
      from = w.smtp.mails.length;
      await runCommitmentNotices(deps);
      await runCommitmentNotices(deps);
      mails = ours(await w.mailsSince(from));
      expect(w.recipients(mails)).toEqual(w.emails("canbo.syt", "canbo.syt", "lanhdao.syt", "lanhdao.syt"));
      expect(
        mails
          .filter((m) => m.to.includes(w.emailOf["canbo.syt"]))
          .map((m) => m.subject.replace(/ngày \S+: /, ""))
          .sort(),
      ).toEqual(
        [
          "Cam kết đối thoại đã quá hạn Kiểm tra bếp ăn các trường mầm non",
          "Cam kết đối thoại đến hạn Lấy mẫu thực phẩm tại chợ Rạch Giá",
        ].sort(),
      );
      // Nobody outside the owner unit heard of these commitments.
      expect(await w.toldOf("commitment-due", link)).toEqual([
        "canbo.syt",
        "canbo.syt",
        "lanhdao.syt",
        "lanhdao.syt",
        "vanthu.syt",
        "vanthu.syt",
      ]);
      const [pending] = await w.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notice_mail WHERE sent_at IS NULL",
      );
      expect(pending.n).toBe(0);
    });
  },
  { at: BASE },
);

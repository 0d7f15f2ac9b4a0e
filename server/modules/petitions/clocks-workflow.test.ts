import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { computeDeadline } from "../../lib/calendar/index.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import type { Client } from "../../test/harness.ts";
import type { MailMessage } from "../notifications/mailer.ts";
import { outboxIdle } from "../notifications/outbox.ts";
import type { PetitionDeps } from "./deps.ts";
import { checkClockWarnings } from "./jobs.ts";
import { openPetitionWorld, petitionBody } from "./testing.ts";

const KARAOKE =
  "Quán karaoke cạnh nhà hát đến hai giờ sáng, loa công suất lớn, cả xóm không ngủ được; đề nghị kiểm tra giấy phép kinh doanh karaoke.";

forEachEngineWithDemo("petitions: the legal clocks and their warnings", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let deps: PetitionDeps;
  let users: Record<string, Client>;
  let mails: MailMessage[];
  let unitId: (code: string) => Promise<string>;

  beforeAll(async () => {
    database = getDatabase();
    ({ app, deps, users, mails, unitId } = await openPetitionWorld(database));
  });
  afterAll(async () => {
    await app.close();
  });

  const staffIntake = (who: string, overrides: Record<string, unknown> = {}) =>
    users[who].post("/api/petitions", { ...petitionBody(), channel: "letter", ...overrides });
  const detail = (who: string, id: string) => users[who].get(`/api/petitions/${id}`);

  /** A petition entered by the coordinator and sent to the culture department. */
  async function assigned(overrides: Record<string, unknown> = {}) {
    const created = await staffIntake("dieuphoi", { text: KARAOKE, ...overrides });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const response = await users.dieuphoi.post(`/api/petitions/${id}/assign`, {
      unitId: await unitId("SVHTTDL"),
    });
    expect(response.statusCode, response.body).toBe(200);
    return { id, trackingCode: created.json().trackingCode as string, contact: overrides.contact };
  }

  it("runs complaint and denunciation clocks from acceptance, with the extensions the law allows", async () => {
    const today = deps.today();
    const complaint = await assigned({ kind: "khieu-nai" });
    const early = await users["canbo.so"].request("PUT", `/api/petitions/${complaint.id}/answer`, {
      text: "Trả lời trước khi thụ lý là sai quy trình.",
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("petition_state");
    expect(
      (await users.giamsat.post(`/api/petitions/${complaint.id}/acceptance`, { accepted: true })).statusCode,
    ).toBe(403);
    expect(
      (
        await users["canbo.so"].post(`/api/petitions/${complaint.id}/acceptance`, {
          accepted: true,
          decisionNumber: "12/TB-SVHTTDL",
        })
      ).statusCode,
    ).toBe(200);
    const clocks = (await detail("canbo.so", complaint.id)).json().clocks as {
      ruleKey: string;
      dueDate: string;
      status: string;
    }[];
    expect(clocks.find((c) => c.ruleKey === "khieu-nai.accept")?.status).toBe("met");
    const due = (days: number, unit: "calendar-days" | "working-days" = "calendar-days") =>
      computeDeadline({ start: today, amount: days, unit }, deps.calendar).due;
    expect(clocks.find((c) => c.ruleKey === "khieu-nai.resolve")?.dueDate).toBe(due(30));
    const extend = (id: string, body: object = {}) =>
      users["canbo.so"].post(`/api/petitions/${id}/extensions`, {
        reason: "Vụ việc phức tạp, cần xác minh",
        decisionNumber: "15/QĐ",
        ...body,
      });
    const first = await extend(complaint.id);
    expect(first.json()).toEqual({ dueDate: due(45), days: 15 });
    expect((await extend(complaint.id)).json().error.code).toBe("petition_extension_limit");

    const denunciation = await assigned({ kind: "to-cao" });
    await users["canbo.so"].post(`/api/petitions/${denunciation.id}/acceptance`, { accepted: true });
    expect((await extend(denunciation.id)).json().dueDate).toBe(due(60));
    const second = await extend(denunciation.id);
    expect(second.json().error.code).toBe("petition_extension_needs_flag");
    expect((await extend(denunciation.id, { veryComplex: true })).json()).toEqual({
      dueDate: due(90),
      days: 30,
    });
    expect((await extend(denunciation.id, { veryComplex: true })).json().error.code).toBe(
      "petition_extension_limit",
    );
    expect(
      await database.query("SELECT 1 FROM petition_extensions WHERE petition_id = $1", [denunciation.id]),
    ).toHaveLength(2);

    const refused = await assigned({ kind: "khieu-nai" });
    const noReason = await users["canbo.so"].post(`/api/petitions/${refused.id}/acceptance`, {
      accepted: false,
    });
    expect(noReason.statusCode).toBe(400);
    expect((await detail("canbo.so", refused.id)).json().status).toBe("assigned");
    await users["canbo.so"].post(`/api/petitions/${refused.id}/acceptance`, {
      accepted: false,
      reason: "Đã hết thời hiệu khiếu nại",
    });
    expect((await detail("canbo.so", refused.id)).json().status).toBe("refused");
  });

  it("warns the unit before a clock runs out, once per clock and threshold, and shows the overdue", async () => {
    const { id, trackingCode } = await assigned();
    const [clock] = await database.query<{ id: string; due_date: string }>(
      "SELECT id, due_date::text AS due_date FROM petition_clocks WHERE petition_id = $1 AND purpose = 'answer'",
      [id],
    );
    const warnings = async () =>
      (
        await database.query<{ threshold: number }>(
          "SELECT threshold FROM petition_clock_warnings WHERE clock_id = $1 ORDER BY threshold",
          [clock.id],
        )
      ).map((w) => w.threshold);
    const dayBefore = deps.calendar.addWorkingDays(clock.due_date, -1);
    // The warnings' e-mails leave through the outbox with this test's mailer: let the drain the
    // assignment started finish first.
    await outboxIdle(database);
    await checkClockWarnings(deps, dayBefore);
    await checkClockWarnings(deps, dayBefore);
    expect(await warnings()).toEqual([1]);
    const warned = mails.filter((m) => m.subject.includes(trackingCode));
    const warnedTo = warned.flatMap((m) => m.to);
    expect(warnedTo).toEqual(
      expect.arrayContaining(["canbo.so@dongthuan.local", "lanhdao.so@dongthuan.local"]),
    );
    expect(new Set(warnedTo).size).toBe(warnedTo.length);
    expect(warnedTo).not.toContain("dieuphoi@dongthuan.local");
    expect(warned[0].subject).toMatch(/sắp đến hạn/);
    expect(warned[0].text).not.toContain("Nguyễn Văn Thử");
    type Notice = { id: string; kind: string; link: string };
    const notices = (await users["canbo.so"].get("/api/notices?unread=true")).json().items as Notice[];
    const mine = notices.filter((n) => n.link === `/petitions/${id}` && n.kind === "petition-clock-warning");
    expect(mine).toHaveLength(1);
    expect((await users["canbo.so"].post(`/api/notices/${mine[0].id}/read`)).statusCode).toBe(204);
    expect((await users["lanhdao.so"].post(`/api/notices/${mine[0].id}/read`)).statusCode).toBe(404);

    const dayAfter = deps.calendar.addWorkingDays(clock.due_date, 1);
    await outboxIdle(database);
    await checkClockWarnings(deps, dayAfter);
    expect(await warnings()).toEqual([-1, 1]);
    const overdueTo = mails
      .filter((m) => m.subject.includes(trackingCode) && /quá hạn/.test(m.subject))
      .flatMap((m) => m.to);
    expect(overdueTo).toEqual(
      expect.arrayContaining(["dieuphoi@dongthuan.local", "canbo.so@dongthuan.local"]),
    );

    const realToday = deps.today;
    deps.today = () => dayAfter;
    try {
      for (const who of ["canbo.so", "dieuphoi"]) {
        const overdue = (await users[who].get("/api/petitions?overdue=true&limit=200")).json().items as {
          id: string;
          overdue: boolean;
        }[];
        expect(overdue.find((p) => p.id === id)?.overdue, who).toBe(true);
      }
    } finally {
      deps.today = realToday;
    }
  });
});

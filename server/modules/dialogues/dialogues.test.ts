import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { createWorkingCalendar, todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { dayFromToday, publicPost, randomPhone } from "./testing.ts";

const LIMITS = { CIVIC_RATE_LIMIT_IP: "4", CIVIC_RATE_LIMIT_PHONE: "3" };

forEachEngineWithDemo("dialogues: scheduling, questions, moderation, minutes, commitments", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  const users: Record<string, Client> = {};
  let deptId: string;
  let communes: { id: string; name: string }[];
  let upcomingId: string;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database, "kien-giang", LIMITS));
    for (const name of ["dieuphoi", "canbo.so", "giamsat", "baochi", "lanhdao.tinh", "admin"]) {
      users[name] = await signIn(app, name);
    }
    deptId = (await users["canbo.so"].get("/api/me")).json().roles[0].unitId;
    communes = (await users.dieuphoi.get(`/api/units?type=commune&asOf=${todayInVietnam()}`)).json().items;
  });
  afterAll(async () => {
    await app.close();
  });

  const count = async (table: string) =>
    Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  const dialogueBody = (over: Record<string, unknown> = {}) => ({
    title: "Đối thoại với Nhân dân về cải cách thủ tục hành chính",
    topic: "Giải quyết thủ tục hành chính về đất đai tại cấp xã",
    leader: "Chủ tịch UBND tỉnh",
    place: "Hội trường UBND phường Rạch Giá",
    startsAt: clock.fromNow(10 * 86_400_000).toISOString(),
    hostUnitId: communes[0].id,
    communeIds: [communes[0].id, communes[1].id],
    ...over,
  });
  const question = (over: Record<string, unknown> = {}) => ({
    text: "Bao giờ tuyến đường liên ấp được nâng cấp để học sinh đi học an toàn hơn?",
    contact: { name: "Nguyễn Văn Hỏi", phone: randomPhone() },
    ...over,
  });

  it("lets the coordinator schedule a dialogue, shown to staff and on the portal", async () => {
    const created = await users.dieuphoi.post("/api/dialogues", dialogueBody());
    expect(created.statusCode, created.body).toBe(201);
    upcomingId = created.json().id;
    const detail = (await users.dieuphoi.get(`/api/dialogues/${upcomingId}`)).json();
    expect(detail).toMatchObject({
      status: "scheduled",
      version: 1,
      actions: ["edit", "moderate", "answer"],
    });
    expect(detail.communes.map((c: { id: string }) => c.id)).toEqual([communes[0].id, communes[1].id]);
    const list = (await users["lanhdao.tinh"].get("/api/dialogues?when=upcoming")).json();
    expect(list.items.map((d: { id: string }) => d.id)).toContain(upcomingId);
    const portal = (await app.inject({ url: "/api/public/dialogues" })).json();
    const shown = portal.items.find((d: { id: string }) => d.id === upcomingId);
    expect(shown).toMatchObject({
      acceptsQuestions: true,
      publishedQuestions: 0,
      hostUnit: communes[0].name,
    });
  });

  it("refuses bad dialogues with the field named, and people who may not schedule", async () => {
    const { title: _t, ...noTitle } = dialogueBody();
    const missing = await users.dieuphoi.post("/api/dialogues", noTitle);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe("title");
    const long = await users.dieuphoi.post("/api/dialogues", dialogueBody({ place: "x".repeat(301) }));
    expect(long.json().error).toMatchObject({ code: "validation", field: "place" });
    const unknown = await users.dieuphoi.post(
      "/api/dialogues",
      dialogueBody({ hostUnitId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: "civic_unit_unknown", field: "hostUnitId" });
    const badDate = await users.dieuphoi.post("/api/dialogues", dialogueBody({ startsAt: "tomorrow" }));
    expect(badDate.json().error.field).toBe("startsAt");
    expect((await users.baochi.post("/api/dialogues", dialogueBody())).statusCode).toBe(403);
    expect((await users.giamsat.post("/api/dialogues", dialogueBody())).statusCode).toBe(403);
    // An officer of a department hosts for the department, not for a commune.
    expect((await users["canbo.so"].post("/api/dialogues", dialogueBody())).statusCode).toBe(403);
    expect(
      (await users["canbo.so"].post("/api/dialogues", dialogueBody({ hostUnitId: deptId }))).statusCode,
    ).toBe(201);
    expect((await users.baochi.get(`/api/dialogues/${upcomingId}`)).statusCode).toBe(404);
    expect((await users["canbo.so"].get(`/api/dialogues/${upcomingId}`)).statusCode).toBe(404);
  });

  it("takes a question from the portal, stores markup as text, and tells the asker its state", async () => {
    const before = await count("dialogue_questions");
    const text = "<script>alert('x')</script> Khi nào sửa cầu <b>Kênh Xáng</b> của xã?";
    const sent = await publicPost(app, `/api/public/dialogues/${upcomingId}/questions`, question({ text }));
    expect(sent.statusCode, sent.body).toBe(201);
    const { trackingCode } = sent.json();
    expect(trackingCode).toMatch(/^CH-[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(await count("dialogue_questions")).toBe(before + 1);
    const [row] = await database.query<{ text: string; status: string; asker_phone: string }>(
      "SELECT text, status, asker_phone FROM dialogue_questions WHERE text = $1",
      [text],
    );
    expect(row.text).toBe(text);
    expect(row.status).toBe("pending");
    expect(row.asker_phone).toMatch(/^\+849/);
    const state = await app.inject({ url: `/api/public/dialogue-questions/${trackingCode.toLowerCase()}` });
    expect(state.json()).toMatchObject({ status: "pending", reason: null, answered: false });
    expect((await app.inject({ url: "/api/public/dialogue-questions/CH-22222-22222" })).statusCode).toBe(404);
    // Pending questions are not on the portal.
    const portal = (await app.inject({ url: `/api/public/dialogues/${upcomingId}` })).json();
    expect(portal.questions).toEqual([]);
  });

  it("moderates with a reason from the list; publishes masked; refuses to answer what is not published", async () => {
    const url = `/api/public/dialogues/${upcomingId}/questions`;
    const named = await publicPost(
      app,
      url,
      question({ text: "Tôi là Phạm Thị Dung, số 0987654321, hỏi về việc cấp sổ đỏ ở ấp Mương Đào." }),
    );
    const trackingCode = named.json().trackingCode;
    const detail = (await users.dieuphoi.get(`/api/dialogues/${upcomingId}`)).json();
    const pending = detail.questionList.filter(
      (q: { moderation: { status: string } }) => q.moderation.status === "pending",
    );
    const target = pending.find((q: { text: string }) => q.text.includes("sổ đỏ"));
    expect(target.askerPhone).toMatch(/^\+84/);
    // That read of the askers' contacts is in the audit trail, naming the questions shown.
    const [read] = await database.query<{
      actor_name: string;
      after: { records: string[]; purpose: string };
    }>(
      "SELECT actor_name, after FROM audit_log WHERE action = 'dialogue.read_personal' AND entity_id = $1 ORDER BY seq DESC LIMIT 1",
      [upcomingId],
    );
    expect(read.actor_name).toContain("dieuphoi");
    expect(read.after).toMatchObject({ purpose: "staff.questions" });
    expect(read.after.records).toContain(target.id);
    const other = pending.find((q: { text: string }) => q.text.includes("<script>"));
    const moderation = (id: string) => `/api/dialogues/${upcomingId}/questions/${id}/moderation`;
    const noReason = await users.dieuphoi.post(moderation(other.id), { decision: "reject" });
    expect(noReason.json().error).toMatchObject({ code: "civic_reason_required", field: "reason" });
    const noNote = await users.dieuphoi.post(moderation(other.id), { decision: "reject", reason: "other" });
    expect(noNote.json().error).toMatchObject({ code: "civic_note_required", field: "note" });
    const badReason = await users.dieuphoi.post(moderation(other.id), {
      decision: "reject",
      reason: "boring",
    });
    expect(badReason.json().error.field).toBe("reason");
    expect((await users["lanhdao.tinh"].post(moderation(other.id), { decision: "publish" })).statusCode).toBe(
      403,
    );
    const rejected = await users.dieuphoi.post(moderation(other.id), {
      decision: "reject",
      reason: "off_topic",
    });
    expect(rejected.json()).toMatchObject({ status: "rejected" });
    expect((await users.dieuphoi.post(moderation(other.id), { decision: "publish" })).statusCode).toBe(409);
    const answerRejected = await users.dieuphoi.post(
      `/api/dialogues/${upcomingId}/questions/${other.id}/answer`,
      {
        answer: "Trả lời",
      },
    );
    expect(answerRejected.statusCode).toBe(409);
    expect(answerRejected.json().error.code).toBe("dialogue_question_not_published");
    expect((await users.dieuphoi.post(moderation(target.id), { decision: "publish" })).statusCode).toBe(200);
    const answered = await users.dieuphoi.post(`/api/dialogues/${upcomingId}/questions/${target.id}/answer`, {
      answer: "Sở Tài nguyên và Môi trường sẽ cấp giấy chứng nhận trong tháng tới.",
    });
    expect(answered.statusCode).toBe(200);
    const portal = (await app.inject({ url: `/api/public/dialogues/${upcomingId}` })).json();
    expect(portal.questions).toHaveLength(1);
    expect(portal.questions[0].text).not.toMatch(/Phạm Thị Dung|0987654321/);
    expect(portal.questions[0].text).toContain("sổ đỏ");
    expect(portal.questions[0].answer).toContain("giấy chứng nhận");
    expect(JSON.stringify(portal)).not.toMatch(/<script>|Nguyễn Văn Hỏi|\+849/);
    const state = (await app.inject({ url: `/api/public/dialogue-questions/${trackingCode}` })).json();
    expect(state).toMatchObject({ status: "published", answered: true });
  });

  it("takes commitments once held; refuses bad due dates; derives overdue; the owner unit closes it", async () => {
    const commit = (id: string, body: Record<string, unknown>) =>
      users.dieuphoi.post(`/api/dialogues/${id}/commitments`, body);
    const early = await commit(upcomingId, {
      text: "Sửa cầu Kênh Xáng",
      ownerUnitId: deptId,
      dueInWorkingDays: 10,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("dialogue_state");
    // A dialogue held two months ago, recorded afterwards.
    const past = await users.dieuphoi.post(
      "/api/dialogues",
      dialogueBody({
        startsAt: clock.fromNow(-60 * 86_400_000).toISOString(),
        title: "Đối thoại định kỳ quý I",
      }),
    );
    const pastId = past.json().id;
    const closedQuestions = await publicPost(app, `/api/public/dialogues/${pastId}/questions`, question());
    expect(closedQuestions.statusCode).toBe(409);
    expect(closedQuestions.json().error.code).toBe("dialogue_not_accepting");
    const stale = await users.dieuphoi.patch(`/api/dialogues/${pastId}`, { status: "held", version: 7 });
    expect(stale.statusCode).toBe(409);
    const held = await users.dieuphoi.patch(`/api/dialogues/${pastId}`, {
      status: "held",
      minutes: "Biên bản: 120 người dự, 9 ý kiến phát biểu.",
      version: 1,
    });
    expect(held.statusCode, held.body).toBe(200);
    const noDue = await commit(pastId, { text: "Nạo vét kênh", ownerUnitId: deptId });
    expect(noDue.json().error).toMatchObject({ code: "commitment_due_missing", field: "dueDate" });
    const both = await commit(pastId, {
      text: "Nạo vét kênh",
      ownerUnitId: deptId,
      dueDate: dayFromToday(5),
      dueInWorkingDays: 3,
    });
    expect(both.json().error.code).toBe("commitment_due_both");
    const beforeDialogue = await commit(pastId, {
      text: "Nạo vét kênh",
      ownerUnitId: deptId,
      dueDate: dayFromToday(-90),
    });
    expect(beforeDialogue.json().error).toMatchObject({ code: "commitment_due_past", field: "dueDate" });
    const noText = await commit(pastId, { ownerUnitId: deptId, dueDate: dayFromToday(5) });
    expect(noText.json().error.field).toBe("text");
    const noOwner = await commit(pastId, { text: "Nạo vét kênh", dueDate: dayFromToday(5) });
    expect(noOwner.json().error.field).toBe("ownerUnitId");
    const otherQuestion = await commit(pastId, {
      text: "Nạo vét kênh",
      ownerUnitId: deptId,
      dueDate: dayFromToday(5),
      questionId: (await users.dieuphoi.get(`/api/dialogues/${upcomingId}`)).json().questionList[0].id,
    });
    expect(otherQuestion.json().error.code).toBe("commitment_question_other");

    const overdue = await commit(pastId, {
      text: "Nạo vét kênh thủy lợi ấp 3",
      ownerUnitId: deptId,
      dueDate: dayFromToday(-10),
    });
    expect(overdue.statusCode, overdue.body).toBe(201);
    const inDays = await commit(pastId, {
      text: "Lắp đèn đường liên ấp",
      ownerUnitId: communes[2].id,
      dueInWorkingDays: 10,
    });
    const today = todayInVietnam();
    expect(inDays.json().dueDate).toBe(createWorkingCalendar().addWorkingDays(today, 10));

    const list = (await users.dieuphoi.get(`/api/commitments?dialogueId=${pastId}`)).json().items;
    expect(list.map((c: { state: string }) => c.state)).toEqual(["overdue", "open"]);
    const overdueOnly = (await users.dieuphoi.get("/api/commitments?state=overdue")).json().items;
    expect(overdueOnly.map((c: { id: string }) => c.id)).toContain(overdue.json().id);
    expect(overdueOnly.every((c: { state: string }) => c.state === "overdue")).toBe(true);
    expect(overdueOnly.map((c: { id: string }) => c.id)).not.toContain(inDays.json().id);
    const byOwner = (await users.dieuphoi.get(`/api/commitments?ownerUnitId=${communes[2].id}`)).json().items;
    expect(byOwner.map((c: { id: string }) => c.id)).toContain(inDays.json().id);
    expect(byOwner.every((c: { ownerUnit: { id: string } }) => c.ownerUnit.id === communes[2].id)).toBe(true);
    const publicOverdue = (await app.inject({ url: "/api/public/commitments?state=overdue" })).json().items;
    expect(publicOverdue).toContainEqual(
      expect.objectContaining({
        id: overdue.json().id,
        state: "overdue",
        dialogueTitle: "Đối thoại định kỳ quý I",
      }),
    );
    expect(publicOverdue.every((c: { state: string }) => c.state === "overdue")).toBe(true);

    // The department owns it though it did not host: it sees and closes it; the Front may not.
    const mine = (await users["canbo.so"].get("/api/commitments")).json().items;
    expect(mine.map((c: { id: string; actions: string[] }) => [c.id, c.actions])).toEqual([
      [overdue.json().id, ["close"]],
    ]);
    const closeUrl = `/api/commitments/${overdue.json().id}/close`;
    expect((await users.giamsat.post(closeUrl, { note: "Đã nạo vét xong." })).statusCode).toBe(403);
    expect((await users.baochi.post(closeUrl, { note: "Đã nạo vét xong." })).statusCode).toBe(404);
    expect((await users["canbo.so"].post(closeUrl, { note: "ok" })).json().error.field).toBe("note");
    expect((await users["canbo.so"].post(closeUrl, { note: "Đã nạo vét xong 2 km kênh." })).statusCode).toBe(
      200,
    );
    expect((await users["canbo.so"].post(closeUrl, { note: "Lại lần nữa." })).statusCode).toBe(409);
    const done = (await app.inject({ url: `/api/public/dialogues/${pastId}` })).json();
    expect(done.commitments.map((c: { state: string }) => c.state)).toEqual(["done", "open"]);
    expect(done.commitments[0].closingNote).toBe("Đã nạo vét xong 2 km kênh.");
    expect(done.minutes).toContain("120 người dự");
    expect((await users.baochi.get("/api/commitments")).statusCode).toBe(403);
  });

  describe("restructuring", () => {
    it("passes open commitments of a merged unit to its successor; done ones stay", async () => {
      const [closing, successor] = [communes[3], communes[4]];
      const past = await users.dieuphoi.post(
        "/api/dialogues",
        dialogueBody({
          startsAt: clock.fromNow(-86_400_000).toISOString(),
          hostUnitId: closing.id,
          communeIds: [closing.id],
        }),
      );
      const id = past.json().id;
      await users.dieuphoi.patch(`/api/dialogues/${id}`, { status: "held", version: 1 });
      const open = await users.dieuphoi.post(`/api/dialogues/${id}/commitments`, {
        text: "Mở rộng điểm trường ấp",
        ownerUnitId: closing.id,
        dueDate: dayFromToday(30),
      });
      const finished = await users.dieuphoi.post(`/api/dialogues/${id}/commitments`, {
        text: "Sửa trạm y tế",
        ownerUnitId: closing.id,
        dueDate: dayFromToday(30),
      });
      await users.dieuphoi.post(`/api/commitments/${finished.json().id}/close`, {
        note: "Đã sửa xong trạm y tế.",
      });
      const coming = await users.dieuphoi.post(
        "/api/dialogues",
        dialogueBody({ hostUnitId: closing.id, communeIds: [] }),
      );
      const event = {
        title: "Sáp nhập hai xã (thử nghiệm)",
        effectiveDate: todayInVietnam(),
        legalBasis: "Nghị quyết thử nghiệm",
        changes: [{ kind: "merge", from: [closing.id, successor.id], into: successor.id }],
      };
      const plan = (await users.admin.post("/api/directory/events?dryRun=true", event)).json();
      expect(JSON.stringify(plan)).toContain("cam kết sau đối thoại");
      const applied = await users.admin.post("/api/directory/events?dryRun=false", event);
      expect(applied.statusCode, applied.body).toBe(200);
      const rows = await database.query<{ id: string; owner_unit_id: string }>(
        "SELECT id, owner_unit_id FROM dialogue_commitments WHERE dialogue_id = $1",
        [id],
      );
      const owner = new Map(rows.map((r) => [r.id, r.owner_unit_id]));
      expect(owner.get(open.json().id)).toBe(successor.id);
      expect(owner.get(finished.json().id)).toBe(closing.id);
      const hosts = await database.query<{ id: string; host_unit_id: string }>(
        "SELECT id, host_unit_id FROM dialogues WHERE id = ANY($1::uuid[])",
        [[id, coming.json().id]],
      );
      const host = new Map(hosts.map((r) => [r.id, r.host_unit_id]));
      // The dialogue still to come goes to the successor; the one held keeps its host.
      expect(host.get(coming.json().id)).toBe(successor.id);
      expect(host.get(id)).toBe(closing.id);
    });
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import type { Client } from "../../test/harness.ts";
import { MASK } from "../intake/public.ts";
import type { MailMessage } from "../notifications/mailer.ts";
import type { PetitionDeps } from "./deps.ts";
import { requestFollowUps } from "./jobs.ts";
import { sendPetitionMail } from "./mail.ts";
import { openPetitionWorld, petitionBody, submit } from "./testing.ts";

const KARAOKE =
  "Quán karaoke cạnh nhà hát đến hai giờ sáng, loa công suất lớn, cả xóm không ngủ được; đề nghị kiểm tra giấy phép kinh doanh karaoke.";

forEachEngineWithDemo("petitions: staff intake, routing, answers, clocks, privacy", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let deps: PetitionDeps;
  let users: Record<string, Client>;
  let mails: MailMessage[];
  let unitId: (code: string) => Promise<string>;
  type CultureStats = {
    unitName: string;
    answered: number;
    answeredOnTime: number;
    closedResolved: number;
    closedUnresolved: number;
    ratings: number;
    averageRating: number | null;
    followUps: number;
  };
  let cultureBefore: CultureStats;

  beforeAll(async () => {
    database = getDatabase();
    ({ app, deps, users, mails, unitId } = await openPetitionWorld(database));
    const stats = (await users.dieuphoi.get("/api/petitions/stats?from=2020-01-01&to=2099-12-31")).json();
    cultureBefore = (stats.items as CultureStats[]).find((u) => u.unitName.startsWith("Sở Văn hóa")) ?? {
      unitName: "Sở Văn hóa",
      answered: 0,
      answeredOnTime: 0,
      closedResolved: 0,
      closedUnresolved: 0,
      ratings: 0,
      averageRating: null,
      followUps: 0,
    };
  });
  afterAll(async () => {
    await app.close();
  });

  const staffIntake = (who: string, overrides: Record<string, unknown> = {}) =>
    users[who].post("/api/petitions", { ...petitionBody(), channel: "letter", ...overrides });
  const detail = (who: string, id: string) => users[who].get(`/api/petitions/${id}`);
  const eventsOf = async (id: string) =>
    (
      await database.query<{ type: string }>(
        "SELECT type FROM petition_events WHERE petition_id = $1 ORDER BY at",
        [id],
      )
    ).map((e) => e.type);

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

  it("lets staff enter petitions and offers likely duplicates from their own scope", async () => {
    const phone = "0966 123 456";
    const first = await submit(app, petitionBody({ text: KARAOKE, contact: { name: "Võ Thị Mai", phone } }));
    expect(first.statusCode).toBe(201);
    const letter = await staffIntake("dieuphoi", {
      text: `${KARAOKE} Gửi lần hai.`,
      contact: { name: "Võ Thị Mai", phone: "+84966123456" },
    });
    expect(letter.statusCode, letter.body).toBe(201);
    expect(letter.json().duplicates[0]).toMatchObject({
      trackingCode: first.json().trackingCode,
      sameContact: true,
    });
    expect(letter.json().duplicates[0].excerpt).not.toContain("Võ Thị Mai");
    const similar = await staffIntake("dieuphoi", { text: `${KARAOKE} Xin cảm ơn.` });
    expect(similar.json().duplicates.length).toBeGreaterThanOrEqual(2);
    // An officer enters letters too, but sees no duplicates outside his unit's petitions:
    // neither the citizen's petition nor the coordinator's letters, none yet assigned to him.
    const byOfficer = await staffIntake("canbo.so", { text: KARAOKE });
    expect(byOfficer.statusCode).toBe(201);
    const offered = (byOfficer.json().duplicates as { trackingCode: string }[]).map((d) => d.trackingCode);
    for (const other of [first, letter, similar]) expect(offered).not.toContain(other.json().trackingCode);
    expect((await staffIntake("admin")).statusCode).toBe(403);
    expect((await staffIntake("giamsat")).statusCode).toBe(403);
  });

  it("suggests the responsible unit from the text: the department, or the commune for local matters", async () => {
    const karaoke = (await staffIntake("dieuphoi", { text: KARAOKE })).json().id;
    const suggestions = (await users.dieuphoi.get(`/api/petitions/${karaoke}/routing-suggestions`)).json()
      .items;
    expect(suggestions).toHaveLength(3);
    expect(suggestions[0]).toMatchObject({ code: "SVHTTDL" });
    expect(suggestions[0].score).toBeGreaterThan(suggestions[1].score);
    const local = (
      await staffIntake("dieuphoi", {
        text: "Con đường đal trong ấp bị lún, rác ở đầu hẻm không ai thu gom, chó thả rông cắn người; đề nghị xã xử lý.",
        communeName: "xa tan hiep",
      })
    ).json().id;
    const top = (await users.dieuphoi.get(`/api/petitions/${local}/routing-suggestions`)).json().items[0];
    expect(top.name).toBe("Xã Tân Hiệp");
  });

  it("records every transfer between units, and shows personal data only to those who handle the case", async () => {
    const contact = { name: "Đỗ Văn Riêng", phone: "0909 111 222", email: "rieng@example.vn" };
    const created = await staffIntake("dieuphoi", { text: `${KARAOKE} Liên hệ 0909 111 222.`, contact });
    const id = created.json().id;
    expect(
      (await users.dieuphoi.post(`/api/petitions/${id}/assign`, { unitId: await unitId("SXD") })).statusCode,
    ).toBe(200);
    const transfer = await users.dieuphoi.post(`/api/petitions/${id}/assign`, {
      unitId: await unitId("SVHTTDL"),
      note: "Không thuộc thẩm quyền Sở Xây dựng",
    });
    expect(transfer.statusCode).toBe(200);
    expect(await eventsOf(id)).toEqual(["received", "assigned", "transferred"]);
    const [route] = await database.query<{ status: string }>(
      "SELECT status FROM petition_clocks WHERE petition_id = $1 AND purpose = 'route'",
      [id],
    );
    expect(route.status).toBe("met");

    const officer = await detail("canbo.so", id);
    expect(officer.json()).toMatchObject({
      personalData: true,
      contact: { name: contact.name, phone: "0909 111 222" },
    });
    expect(officer.json().events.map((e: { toUnit: string }) => e.toUnit)).toContain(
      "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang",
    );
    const logged = await database.query<{ actor_name: string; fields: string[] }>(
      "SELECT actor_name, fields FROM petition_access_log WHERE petition_id = $1",
      [id],
    );
    expect(logged[0].actor_name).toContain("canbo.so");
    expect(logged[0].fields).toEqual(
      expect.arrayContaining(["contact.name", "contact.phone", "contact.email", "text"]),
    );

    for (const who of ["giamsat", "lanhdao.tinh"]) {
      const masked = await detail(who, id);
      expect(masked.statusCode, who).toBe(200);
      expect(masked.json()).toMatchObject({ personalData: false, contact: null });
      expect(masked.body).not.toMatch(/Riêng|0909|rieng@/);
      expect(masked.json().text).toContain(MASK.phone);
    }
    expect(
      await database.query("SELECT 1 FROM petition_access_log WHERE petition_id = $1", [id]),
    ).toHaveLength(1);
    // The read is in the keyed audit trail too; the masked reads are not reads of personal data.
    const audited = await database.query<{
      actor_name: string;
      after: { purpose: string; fields: string[] };
    }>("SELECT actor_name, after FROM audit_log WHERE entity_id = $1 AND action = 'petition.read_personal'", [
      id,
    ]);
    expect(audited).toHaveLength(1);
    expect(audited[0].actor_name).toContain("canbo.so");
    expect(audited[0].after).toMatchObject({
      purpose: "staff.detail",
      fields: expect.arrayContaining(["contact.phone"]),
    });
    await expect(
      database.query("DELETE FROM petition_access_log WHERE petition_id = $1", [id]),
    ).rejects.toThrow(/append-only/);
    for (const who of ["canbo.huyen", "admin"]) {
      expect((await detail(who, id)).statusCode, who).toBe(404);
      const list = await users[who].get("/api/petitions");
      expect(
        list.json().items.some((p: { id: string }) => p.id === id),
        who,
      ).toBe(false);
    }
    const mine = (await users["canbo.so"].get("/api/petitions?limit=200")).json().items as { id: string }[];
    expect(mine.some((p) => p.id === id)).toBe(true);
    const timeline = (
      await app.inject({ method: "GET", url: `/api/public/petitions/${created.json().trackingCode}` })
    ).json();
    expect(timeline.timeline.map((e: { type: string }) => e.type)).toEqual([
      "received",
      "assigned",
      "transferred",
    ]);
    expect(JSON.stringify(timeline)).not.toContain("Không thuộc thẩm quyền");
  });

  it("answers: the officer drafts, the leader approves; published masked, mailed, rated once", async () => {
    const contact = { name: "Huỳnh Thị Lan", phone: "0918 765 432", email: "lan@example.vn" };
    const { id, trackingCode } = await assigned({ contact });
    const text =
      "Kính gửi bà Huỳnh Thị Lan (0918 765 432): Sở đã kiểm tra quán karaoke tại số 12 đường Mạc Cửu và xử phạt vi phạm.";
    expect((await users["canbo.so"].request("PUT", `/api/petitions/${id}/answer`, { text })).statusCode).toBe(
      200,
    );
    expect((await users["canbo.so"].post(`/api/petitions/${id}/answer/approve`)).statusCode).toBe(403);
    const approved = await users["lanhdao.so"].post(`/api/petitions/${id}/answer/approve`);
    expect(approved.json()).toMatchObject({ status: "answered" });
    const view = (await app.inject({ method: "GET", url: `/api/public/petitions/${trackingCode}` })).json();
    expect(view.answer.text).toBe(
      `Kính gửi bà ${MASK.name} (${MASK.phone}): Sở đã kiểm tra quán karaoke tại ${MASK.address} và xử phạt vi phạm.`,
    );
    expect(view.clocks.find((c: { purpose: string }) => c.purpose === "answer")).toMatchObject({
      status: "met",
      overdue: false,
    });
    const mail = mails.find((m) => m.to === "lan@example.vn");
    expect(mail?.subject).toContain(trackingCode);
    expect(mail?.text).toContain("Mạc Cửu");

    const rate = (body: object) =>
      app.inject({ method: "POST", url: `/api/public/petitions/${trackingCode}/rating`, payload: body });
    expect((await rate({ score: 4 })).statusCode).toBe(400);
    expect((await rate({ score: 4, contact: "0918 000 000" })).statusCode).toBe(403);
    expect((await rate({ score: 4, comment: "Nhanh", contact: "lan@example.vn" })).statusCode).toBe(201);
    const again = await rate({ score: 1, contact: "0918765432" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("petition_already_rated");
    // Not even through SQL: the citizen's rating is theirs.
    await expect(database.query("UPDATE petitions SET rating_score = 5 WHERE id = $1", [id])).rejects.toThrow(
      /never change/,
    );
  });

  it("closes honestly and asks again weeks later whether it was actually resolved", async () => {
    const { id, trackingCode } = await assigned({ contact: { name: "Lý Văn Tám", email: "tam@example.vn" } });
    await users["canbo.so"].request("PUT", `/api/petitions/${id}/answer`, {
      text: "Sở đã làm việc với chủ quán, yêu cầu giảm âm lượng sau 22 giờ.",
    });
    await users["lanhdao.so"].post(`/api/petitions/${id}/answer/approve`);
    const noReason = await users["canbo.so"].post(`/api/petitions/${id}/close`, { resolved: false });
    expect(noReason.json().error).toMatchObject({ code: "petition_reason_required", field: "reason" });
    const closed = await users["canbo.so"].post(`/api/petitions/${id}/close`, {
      resolved: false,
      reason: "Chủ quán chưa khắc phục; đã chuyển thanh tra xử lý tiếp.",
    });
    expect(closed.json().status).toBe("closed_unresolved");
    await database.query("UPDATE petitions SET closed_at = $2 WHERE id = $1", [
      id,
      clock.fromNow(-5 * 7 * 86_400_000),
    ]);
    const before = mails.length;
    expect(await requestFollowUps(deps, sendPetitionMail)).toBeGreaterThanOrEqual(1);
    expect(mails.slice(before).some((m) => m.to === "tam@example.vn" && m.text.includes(trackingCode))).toBe(
      true,
    );
    expect(await requestFollowUps(deps, sendPetitionMail)).toBe(0);
    const followUp = (resolved: boolean) =>
      app.inject({
        method: "POST",
        url: `/api/public/petitions/${trackingCode}/follow-up`,
        payload: { resolved, contact: "TAM@example.vn" },
      });
    expect((await followUp(false)).statusCode).toBe(201);
    expect((await followUp(true)).statusCode).toBe(409);
    const view = (await app.inject({ method: "GET", url: `/api/public/petitions/${trackingCode}` })).json();
    expect(view).toMatchObject({ status: "closed_unresolved", followUp: { resolved: false } });
    expect(view.closeReason).toContain("thanh tra");
  });

  it("lets the holding unit pass a petition on, after which it no longer sees it", async () => {
    const { id } = await assigned();
    const passed = await users["canbo.so"].post(`/api/petitions/${id}/assign`, {
      unitId: await unitId("SYT"),
      note: "Thuộc lĩnh vực y tế",
    });
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json()).toMatchObject({ id, status: "assigned" });
    expect((await detail("canbo.so", id)).statusCode).toBe(404);
    expect((await detail("dieuphoi", id)).json().assignedUnit.name).toBe("Sở Y tế tỉnh An Giang");
    const again = await users.dieuphoi.post(`/api/petitions/${id}/assign`, { unitId: await unitId("SYT") });
    expect(again.json().error.code).toBe("petition_same_unit");
  });

  it("merges a duplicate into the petition that goes on, recorded on both", async () => {
    const survivor = await assigned();
    const duplicate = await assigned();
    expect(
      (await users.dieuphoi.post(`/api/petitions/${duplicate.id}/merge`, { intoId: duplicate.id }))
        .statusCode,
    ).toBe(400);
    expect(
      (await users.giamsat.post(`/api/petitions/${duplicate.id}/merge`, { intoId: survivor.id })).statusCode,
    ).toBe(403);
    const merged = await users["canbo.so"].post(`/api/petitions/${duplicate.id}/merge`, {
      intoId: survivor.id,
    });
    expect(merged.json()).toMatchObject({ status: "merged" });
    expect((await detail("canbo.so", duplicate.id)).json().mergedIntoId).toBe(survivor.id);
    expect(await eventsOf(duplicate.id)).toContain("merged");
    expect(await eventsOf(survivor.id)).toContain("merged_in");
    const twice = await users["canbo.so"].post(`/api/petitions/${duplicate.id}/merge`, {
      intoId: survivor.id,
    });
    expect(twice.statusCode).toBe(409);
    const view = (
      await app.inject({ method: "GET", url: `/api/public/petitions/${duplicate.trackingCode}` })
    ).json();
    expect(view.status).toBe("merged");
  });

  it("counts per unit: received, on time, overdue, closed resolved apart from not, rating and follow-up", async () => {
    const range = "from=2020-01-01&to=2099-12-31";
    const response = await users.dieuphoi.get(`/api/petitions/stats?${range}`);
    expect(response.statusCode).toBe(200);
    const culture = (response.json().items as CultureStats[]).find((u) =>
      u.unitName.startsWith("Sở Văn hóa"),
    )!;
    // This suite's petitions come on top of the demo's, counted before it began.
    const before = cultureBefore;
    expect(culture.answered - before.answered).toBe(2);
    expect(culture.answeredOnTime - before.answeredOnTime).toBe(2);
    expect(culture.closedUnresolved - before.closedUnresolved).toBe(1);
    expect(culture.closedResolved - before.closedResolved).toBe(0);
    expect(culture.ratings - before.ratings).toBe(1);
    expect(culture.followUps - before.followUps).toBe(1);
    const ratingSum = (s: CultureStats) => (s.averageRating ?? 0) * s.ratings;
    expect(ratingSum(culture) - ratingSum(before)).toBeCloseTo(4, 1);
    const own = (await users["canbo.so"].get(`/api/petitions/stats?${range}`)).json().items as {
      unitName: string;
    }[];
    expect(own.every((u) => u.unitName.startsWith("Sở Văn hóa"))).toBe(true);
    expect((await users.admin.get(`/api/petitions/stats?${range}`)).statusCode).toBe(403);
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { defaultWorkingCalendar } from "../../lib/calendar/index.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { MASK } from "../intake/public.ts";
import { type PetitionDeps, petitionDeps } from "./deps.ts";
import { petitionBody } from "./testing.ts";

const KARAOKE =
  "Quán karaoke cạnh nhà văn hóa mở nhạc đến khuya, loa công suất lớn, cả xóm không ngủ được; đề nghị kiểm tra giấy phép.";

forEachEngineWithDemo(
  "petitions: the inbox's counts and deadlines, the leader's review of a draft",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let deps: PetitionDeps;
    const users: Record<string, Client> = {};
    let culture: string;

    beforeAll(async () => {
      database = getDatabase();
      let ctx: Parameters<typeof petitionDeps>[0];
      ({ app, ctx } = await createTestApp(database, "kien-giang", { UPLOAD_STORAGE: "memory" }));
      deps = petitionDeps(ctx);
      for (const name of ["dieuphoi", "canbo.so", "lanhdao.so", "giamsat", "canbo.huyen"]) {
        users[name] = await signIn(app, name);
      }
      [{ id: culture }] = await database.query<{ id: string }>(
        "SELECT id FROM units WHERE code = 'SVHTTDL' AND valid_to IS NULL",
      );
    });
    afterAll(async () => {
      await app.close();
    });

    /** Entered by the coordinator, sent to the culture department, drafted by its officer. */
    async function drafted(answer: string) {
      const created = await users.dieuphoi.post("/api/petitions", {
        ...petitionBody({ text: KARAOKE, contact: { name: "Trương Văn Khiếu", phone: "0912 345 678" } }),
        channel: "reception",
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect((await users.dieuphoi.post(`/api/petitions/${id}/assign`, { unitId: culture })).statusCode).toBe(
        200,
      );
      const draft = await users["canbo.so"].request("PUT", `/api/petitions/${id}/answer`, { text: answer });
      expect(draft.statusCode, draft.body).toBe(200);
      return id;
    }

    it("counts the list by status under the other filters, and says how many working days are left", async () => {
      const all = (await users.dieuphoi.get("/api/petitions?limit=200")).json();
      const sum = Object.values(all.counts as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(sum).toBe(all.total);
      expect(all.counts.closed_resolved).toBeGreaterThan(0);
      expect(all.counts.closed_unresolved).toBeGreaterThan(0);

      const answered = (await users.dieuphoi.get("/api/petitions?status=answered")).json();
      expect(answered.total).toBe(all.counts.answered);
      // The tabs keep their counts whatever status is picked.
      expect(answered.counts).toEqual(all.counts);
      expect(answered.items.every((p: { status: string }) => p.status === "answered")).toBe(true);

      const complaints = (await users.dieuphoi.get("/api/petitions?kind=khieu-nai")).json();
      const complaintSum = Object.values(complaints.counts as Record<string, number>).reduce(
        (a, b) => a + b,
        0,
      );
      expect(complaintSum).toBe(complaints.total);
      expect(complaintSum).toBeLessThan(sum);

      const today = deps.today();
      const calendar = defaultWorkingCalendar();
      for (const p of all.items as {
        dueDate: string | null;
        overdue: boolean;
        dueSoon: boolean;
        workingDaysLeft: number | null;
      }[]) {
        if (p.dueDate === null) {
          expect(p).toMatchObject({ workingDaysLeft: null, dueSoon: false, overdue: false });
          continue;
        }
        expect(p.workingDaysLeft).toBe(calendar.workingDaysBetween(today, p.dueDate));
        expect(p.overdue).toBe(p.dueDate < today);
        // Warned within the largest of PETITION_WARNING_DAYS (3 by default), never once overdue.
        expect(p.dueSoon).toBe(!p.overdue && (p.workingDaysLeft ?? 99) <= 3);
      }
      const overdue = (await users.dieuphoi.get("/api/petitions?overdue=true")).json();
      expect(overdue.total).toBeGreaterThan(0);
      expect(overdue.items.every((p: { overdue: boolean }) => p.overdue)).toBe(true);

      // Outside any scope: nothing, and no counts either.
      const admin = await signIn(app, "admin");
      expect((await admin.get("/api/petitions")).json()).toMatchObject({ total: 0, counts: { received: 0 } });
    });

    it("previews the draft masked exactly as approval publishes it, for those who handle the case", async () => {
      const id = await drafted(
        "Kính gửi ông Trương Văn Khiếu (0912 345 678): Sở đã kiểm tra cơ sở karaoke và xử phạt theo quy định.",
      );
      const preview = await users["lanhdao.so"].get(`/api/petitions/${id}/answer/preview`);
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json().text).not.toMatch(/Khiếu|0912/);
      expect(preview.json().text).toContain(MASK.phone);
      expect(preview.json().text).toContain(MASK.name);
      // Leadership and the supervisor see the case masked, but not the draft's preview.
      expect((await users.giamsat.get(`/api/petitions/${id}/answer/preview`)).statusCode).toBe(404);
      // Another unit's officer does not even see the case.
      expect((await users["canbo.huyen"].get(`/api/petitions/${id}/answer/preview`)).statusCode).toBe(404);

      const approved = await users["lanhdao.so"].post(`/api/petitions/${id}/answer/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
      const detail = (await users["lanhdao.so"].get(`/api/petitions/${id}`)).json();
      expect(detail.answer.publishedText).toBe(preview.json().text);
      // Once published there is nothing left to preview.
      const after = await users["lanhdao.so"].get(`/api/petitions/${id}/answer/preview`);
      expect(after.statusCode).toBe(409);
      expect(after.json().error.code).toBe("petition_state");
    });

    it("lets the unit's leader return a draft with a comment, kept on the internal timeline", async () => {
      const id = await drafted("Sở sẽ kiểm tra và trả lời sau, xin ông chờ thêm một thời gian nữa.");
      const comment = "Cần nêu rõ kết quả kiểm tra và căn cứ xử phạt.";

      const byOfficer = await users["canbo.so"].post(`/api/petitions/${id}/answer/return`, { comment });
      expect(byOfficer.statusCode).toBe(403);
      const byCoordinator = await users.dieuphoi.post(`/api/petitions/${id}/answer/return`, { comment });
      expect(byCoordinator.statusCode).toBe(403);
      const short = await users["lanhdao.so"].post(`/api/petitions/${id}/answer/return`, { comment: "ok" });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.field).toBe("comment");
      const english = await users["lanhdao.so"].post(
        `/api/petitions/${id}/answer/return`,
        { comment: "" },
        { "accept-language": "en" },
      );
      expect(english.json().error.message).toMatch(/comment/i);

      const returned = await users["lanhdao.so"].post(`/api/petitions/${id}/answer/return`, { comment });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json().status).toBe("assigned");
      const detail = (await users["canbo.so"].get(`/api/petitions/${id}`)).json();
      const last = detail.events.at(-1);
      expect(last).toMatchObject({ type: "answer_returned", note: comment });
      expect(detail.answer.status).toBe("draft");
      expect(detail.allowed).toContain("draftAnswer");
      // The author is told; the public page does not show internal steps.
      const notices = (await users["canbo.so"].get("/api/notices")).json().items;
      expect(
        notices.some(
          (n: { kind: string; link: string; title: string }) =>
            n.kind === "petition-answer-returned" &&
            n.link === `/petitions/${id}` &&
            n.title.includes(comment),
        ),
      ).toBe(true);
      const [{ public: shown }] = await database.query<{ public: boolean }>(
        "SELECT public FROM petition_events WHERE petition_id = $1 AND type = 'answer_returned'",
        [id],
      );
      expect(shown).toBe(false);
      const audit = await database.query<{ after: unknown }>(
        "SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'petition.answer.return'",
        [id],
      );
      expect(JSON.stringify(audit)).not.toContain("căn cứ");

      // Nothing to return once published.
      expect((await users["lanhdao.so"].post(`/api/petitions/${id}/answer/approve`)).statusCode).toBe(200);
      const late = await users["lanhdao.so"].post(`/api/petitions/${id}/answer/return`, { comment });
      expect(late.statusCode).toBe(409);
    });

    it("keeps a case a unit's officer enters with that unit, so the officer can go on with it", async () => {
      const created = await users["canbo.so"].post("/api/petitions", {
        ...petitionBody({ text: KARAOKE, contact: { name: "Lê Thị Thư", phone: "0987 654 321" } }),
        channel: "letter",
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const seen = await users["canbo.so"].get(`/api/petitions/${id}`);
      expect(seen.statusCode, seen.body).toBe(200);
      expect(seen.json().status).toBe("assigned");
      expect(seen.json().assignedUnit.id).toBe(culture);
      expect(seen.json().events.map((e: { type: string }) => e.type)).toEqual(["received", "assigned"]);
      // Another unit's officer still does not see it; the coordinator does and may transfer it.
      expect((await users["canbo.huyen"].get(`/api/petitions/${id}`)).statusCode).toBe(404);
      expect((await users.dieuphoi.get(`/api/petitions/${id}`)).statusCode).toBe(200);
      // Entered by the coordinator, a case waits for routing as before.
      const central = await users.dieuphoi.post("/api/petitions", {
        ...petitionBody({ text: KARAOKE, contact: { name: "Lê Thị Thư", phone: "0987 654 321" } }),
        channel: "hotline",
      });
      expect(
        (await users.dieuphoi.get(`/api/petitions/${central.json().id}`)).json().assignedUnit,
      ).toBeNull();
    });
  },
);

import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { dayFromToday, publicPost, randomPhone } from "../dialogues/testing.ts";

forEachEngineWithDemo(
  "consultations: drafts, comments, moderation, answers, the explanatory report",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    const users: Record<string, Client> = {};
    let deptId: string;
    let id: string;
    let sections: { id: string; heading: string }[];

    beforeAll(async () => {
      database = getDatabase();
      ({ app } = await createTestApp(database));
      for (const name of ["dieuphoi", "canbo.so", "canbo.huyen", "giamsat", "baochi", "lanhdao.tinh"]) {
        users[name] = await signIn(app, name);
      }
      deptId = (await users["canbo.so"].get("/api/me")).json().roles[0].unitId;
    });
    afterAll(async () => {
      await app.close();
    });

    const count = async (table: string) =>
      Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

    const draft = (over: Record<string, unknown> = {}) => ({
      title: "Dự thảo Kế hoạch thực hiện dân chủ ở cơ sở năm 2026",
      summary: "Lấy ý kiến Nhân dân về dự thảo kế hoạch.",
      draftingUnitId: deptId,
      opensOn: dayFromToday(0),
      closesOn: dayFromToday(30),
      sections: [
        { heading: "I. MỤC ĐÍCH, YÊU CẦU", text: "Phát huy quyền làm chủ của Nhân dân." },
        { heading: "II. NHIỆM VỤ", text: "Tổ chức đối thoại định kỳ." },
      ],
      ...over,
    });
    const comment = (over: Record<string, unknown> = {}) => ({
      sectionId: sections[0].id,
      text: "Đề nghị bổ sung hình thức đối thoại trực tuyến cho người dân ở xa.",
      contact: { name: "Lê Văn Góp", phone: randomPhone() },
      ...over,
    });

    it("splits pasted text into sections at its headings", async () => {
      const split = await users["canbo.so"].post("/api/consultations/split", {
        text: "Lời mở đầu\nĐiều 1. Phạm vi\nNội dung 1\nĐiều 2. Đối tượng\nNội dung 2",
      });
      expect(split.json().sections.map((s: { heading: string }) => s.heading)).toEqual([
        "Phần mở đầu",
        "Điều 1. Phạm vi",
        "Điều 2. Đối tượng",
      ]);
      const empty = await users["canbo.so"].post("/api/consultations/split", { text: " \n " });
      expect(empty.json().error).toMatchObject({ code: "consultation_no_sections", field: "text" });
    });

    it("lets the drafting unit create a draft, hidden from the portal and from other units", async () => {
      const created = await users["canbo.so"].post("/api/consultations", draft());
      expect(created.statusCode, created.body).toBe(201);
      id = created.json().id;
      const detail = (await users["canbo.so"].get(`/api/consultations/${id}`)).json();
      expect(detail).toMatchObject({ phase: "draft", actions: ["edit", "publish"], version: 1 });
      sections = detail.sections;
      expect(sections.map((s) => s.heading)).toEqual(["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ"]);
      expect((await users["canbo.huyen"].get(`/api/consultations/${id}`)).statusCode).toBe(404);
      expect((await app.inject({ url: `/api/public/consultations/${id}` })).statusCode).toBe(404);
      expect((await publicPost(app, `/api/public/consultations/${id}/comments`, comment())).statusCode).toBe(
        404,
      );
    });

    it("refuses bad drafts with the field named, and people who may not draft", async () => {
      const missing = await users["canbo.so"].post("/api/consultations", draft({ title: undefined }));
      expect(missing.json().error.field).toBe("title");
      const noSections = await users["canbo.so"].post("/api/consultations", draft({ sections: [] }));
      expect(noSections.json().error.field).toBe("sections");
      const dates = await users["canbo.so"].post("/api/consultations", draft({ closesOn: dayFromToday(-1) }));
      expect(dates.json().error).toMatchObject({ code: "consultation_dates", field: "closesOn" });
      const badDate = await users["canbo.so"].post("/api/consultations", draft({ opensOn: "31/12/2026" }));
      expect(badDate.json().error.field).toBe("opensOn");
      const longHeading = await users["canbo.so"].post(
        "/api/consultations",
        draft({ sections: [{ heading: "x".repeat(501), text: "" }] }),
      );
      expect(longHeading.json().error.field).toBe("sections.0.heading");
      expect((await users.baochi.post("/api/consultations", draft())).statusCode).toBe(403);
      expect((await users["canbo.huyen"].post("/api/consultations", draft())).statusCode).toBe(403);
    });

    it("edits the draft with its version, publishes it, then refuses edits", async () => {
      const stale = await users["canbo.so"].patch(`/api/consultations/${id}`, {
        title: "Dự thảo mới",
        version: 9,
      });
      expect(stale.statusCode).toBe(409);
      const edited = await users["canbo.so"].patch(`/api/consultations/${id}`, {
        sections: [
          { heading: "I. MỤC ĐÍCH, YÊU CẦU", text: "Phát huy quyền làm chủ của Nhân dân." },
          { heading: "II. NHIỆM VỤ", text: "Tổ chức đối thoại định kỳ." },
          { heading: "III. TỔ CHỨC THỰC HIỆN", text: "Sở Nội vụ theo dõi." },
        ],
        version: 1,
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect((await users.giamsat.post(`/api/consultations/${id}/publish`)).statusCode).toBe(403);
      expect((await users["canbo.huyen"].post(`/api/consultations/${id}/publish`)).statusCode).toBe(404);
      expect((await users["canbo.so"].post(`/api/consultations/${id}/publish`)).statusCode).toBe(200);
      const detail = (await users["canbo.so"].get(`/api/consultations/${id}`)).json();
      sections = detail.sections;
      expect(sections).toHaveLength(3);
      expect(detail).toMatchObject({ phase: "open", actions: ["moderate", "answer", "comment", "report"] });
      const late = await users["canbo.so"].patch(`/api/consultations/${id}`, {
        title: "Đổi tên",
        version: 3,
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe("consultation_state");
      const portal = (await app.inject({ url: "/api/public/consultations?phase=open" })).json();
      expect(portal.items.map((c: { id: string }) => c.id)).toContain(id);
      expect((await users["canbo.huyen"].get(`/api/consultations/${id}`)).statusCode).toBe(200);
    });

    it("takes citizens' comments into the queue; refuses bad ones; keeps markup as text", async () => {
      const url = `/api/public/consultations/${id}/comments`;
      const before = await count("consultation_comments");
      const html = await publicPost(
        app,
        url,
        comment({ text: "<img src=x onerror=alert(1)> Bổ sung điều khoản giám sát." }),
      );
      expect(html.statusCode, html.body).toBe(201);
      const [row] = await database.query<{ text: string }>(
        "SELECT text FROM consultation_comments ORDER BY created_at DESC LIMIT 1",
      );
      expect(row.text).toBe("<img src=x onerror=alert(1)> Bổ sung điều khoản giám sát.");
      expect((await publicPost(app, url, comment({ website: "x" }))).statusCode).toBe(201);
      expect(await count("consultation_comments")).toBe(before + 1);
      const other = await users.dieuphoi.post("/api/consultations", draft({ draftingUnitId: deptId }));
      const foreign = (await users.dieuphoi.get(`/api/consultations/${other.json().id}`)).json().sections[0]
        .id;
      const wrongSection = await publicPost(app, url, comment({ sectionId: foreign }));
      expect(wrongSection.json().error).toMatchObject({
        code: "consultation_section_other",
        field: "sectionId",
      });
      const noContact = await publicPost(app, url, comment({ contact: { name: "A B" } }));
      expect(noContact.json().error).toMatchObject({ code: "civic_contact_missing", field: "contact.phone" });
      const badEmail = await publicPost(
        app,
        url,
        comment({ contact: { name: "A B", email: "not-an-email" } }),
      );
      expect(badEmail.json().error.field).toBe("contact.email");
      const long = await publicPost(app, url, comment({ text: "y".repeat(5001) }));
      expect(long.json().error.field).toBe("text");
      const key = `comment-${Date.now()}`;
      const body = comment({ sectionId: sections[1].id, text: "Đề nghị tổ chức đối thoại mỗi quý một lần." });
      const a = await publicPost(app, url, body, { key });
      const b = await publicPost(app, url, body, { key });
      expect(b.json().trackingCode).toBe(a.json().trackingCode);
      expect(await count("consultation_comments")).toBe(before + 2);
      // Not open yet: comments wait for the opening day.
      const upcoming = await users["canbo.so"].post(
        "/api/consultations",
        draft({ opensOn: dayFromToday(5) }),
      );
      await users["canbo.so"].post(`/api/consultations/${upcoming.json().id}/publish`);
      const upcomingSection = (await users["canbo.so"].get(`/api/consultations/${upcoming.json().id}`)).json()
        .sections[0].id;
      const early = await publicPost(
        app,
        `/api/public/consultations/${upcoming.json().id}/comments`,
        comment({ sectionId: upcomingSection }),
      );
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe("consultation_not_open");
    });

    it("moderates, answers each comment, and shows answers on the portal with personal data masked", async () => {
      const url = `/api/public/consultations/${id}/comments`;
      const personal = await publicPost(
        app,
        url,
        comment({
          text: "Tôi là Võ Thị Mai, điện thoại 0912 345 678, đề nghị công khai danh sách hộ nghèo.",
        }),
      );
      const trackingCode = personal.json().trackingCode;
      const queue = (await users["canbo.so"].get(`/api/consultations/${id}`)).json().commentList;
      const byText = (part: string) => queue.find((c: { text: string }) => c.text.includes(part));
      const html = byText("onerror");
      const named = byText("hộ nghèo");
      const quarterly = byText("mỗi quý");
      expect(named.authorName).toBe("Lê Văn Góp");
      const moderate = (cid: string, body: unknown) =>
        users["canbo.so"].post(`/api/consultations/${id}/comments/${cid}/moderation`, body);
      const answer = (cid: string, body: unknown) =>
        users["canbo.so"].post(`/api/consultations/${id}/comments/${cid}/response`, body);
      expect(
        (await answer(named.id, { result: "accepted", explanation: "Tiếp thu." })).json().error.code,
      ).toBe("consultation_comment_not_published");
      expect((await moderate(html.id, { decision: "reject" })).json().error.field).toBe("reason");
      expect((await moderate(html.id, { decision: "reject", reason: "offensive" })).statusCode).toBe(200);
      const refused = await answer(html.id, { result: "accepted", explanation: "Tiếp thu ý kiến." });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("consultation_comment_not_published");
      expect(
        (
          await users["lanhdao.tinh"].post(`/api/consultations/${id}/comments/${named.id}/moderation`, {
            decision: "publish",
          })
        ).statusCode,
      ).toBe(403);
      expect((await moderate(named.id, { decision: "publish" })).statusCode).toBe(200);
      expect((await moderate(quarterly.id, { decision: "publish" })).statusCode).toBe(200);
      const badResult = await answer(named.id, { result: "maybe", explanation: "Tiếp thu." });
      expect(badResult.json().error.field).toBe("result");
      const noExplanation = await answer(named.id, { result: "partly" });
      expect(noExplanation.json().error.field).toBe("explanation");
      const explanation = "Tiếp thu: danh sách hộ nghèo được niêm yết công khai tại trụ sở ấp, khóm.";
      expect((await answer(named.id, { result: "accepted", explanation })).statusCode).toBe(200);
      expect(
        (
          await answer(quarterly.id, {
            result: "not_accepted",
            explanation: "Giữ định kỳ 6 tháng theo Luật Thực hiện dân chủ ở cơ sở.",
          })
        ).statusCode,
      ).toBe(200);
      // The Front's written comment, entered by its staff: published at once, named on the portal.
      const front = await users.giamsat.post(`/api/consultations/${id}/comments`, {
        sectionId: sections[2].id,
        authorKind: "front",
        authorName: "Ủy ban MTTQ Việt Nam tỉnh",
        text: "Đề nghị phân công rõ trách nhiệm giám sát của Mặt trận.",
      });
      expect(front.statusCode, front.body).toBe(201);
      expect(
        (
          await users.baochi.post(`/api/consultations/${id}/comments`, {
            sectionId: sections[2].id,
            authorKind: "unit",
            authorName: "Báo",
            text: "Góp ý của báo.",
          })
        ).statusCode,
      ).toBe(404);

      const portal = (await app.inject({ url: `/api/public/consultations/${id}` })).json();
      const shown = portal.sections.flatMap((s: { comments: unknown[] }) => s.comments);
      expect(shown).toHaveLength(3);
      const text = JSON.stringify(portal);
      expect(text).not.toMatch(/Võ Thị Mai|0912 345 678|Lê Văn Góp|onerror|\+84/);
      expect(text).toContain("hộ nghèo");
      expect(text).toContain("Ủy ban MTTQ Việt Nam tỉnh");
      const answered = shown.find((c: { text: string }) => c.text.includes("hộ nghèo"));
      expect(answered.response).toMatchObject({ result: "accepted", explanation });
      expect(
        (await app.inject({ url: `/api/public/consultation-comments/${trackingCode}` })).json(),
      ).toMatchObject({
        status: "published",
        answered: true,
      });
      // The Front reads the published comments, without citizens' contacts: no read of personal data.
      const reads = async () =>
        (
          await database.query(
            "SELECT 1 FROM audit_log WHERE action = 'consultation.read_personal' AND entity_id = $1",
            [id],
          )
        ).length;
      const readsBefore = await reads();
      const seenByFront = (await users.giamsat.get(`/api/consultations/${id}`)).json();
      expect(await reads()).toBe(readsBefore);
      // Its managers see the contacts, and that read is in the audit trail.
      await users["canbo.so"].get(`/api/consultations/${id}`);
      expect(await reads()).toBe(readsBefore + 1);
      expect(
        seenByFront.commentList.every(
          (c: { authorPhone: null; moderation: { status: string } }) =>
            c.authorPhone === null && c.moderation.status === "published",
        ),
      ).toBe(true);
    });

    it("downloads the explanatory report as .docx with the answers in it", async () => {
      expect((await users.giamsat.get(`/api/consultations/${id}/report.docx`)).statusCode).toBe(403);
      const response = await users["canbo.so"].get(`/api/consultations/${id}/report.docx`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("wordprocessingml");
      expect(response.headers["content-disposition"]).toContain(".docx");
      const zip = await JSZip.loadAsync(response.rawPayload);
      const xml = await zip.file("word/document.xml")!.async("string");
      const plain = xml.replace(/<[^>]+>/g, "");
      expect(plain).toContain("BÁO CÁO");
      expect(plain).toContain("danh sách hộ nghèo được niêm yết công khai");
      expect(plain).toContain("Giữ định kỳ 6 tháng");
      expect(plain).toContain("Ý kiến được tiếp thu");
      expect(plain).toContain("Ý kiến không tiếp thu");
      expect(plain).not.toContain("Võ Thị Mai");
      const draftOnly = await users["canbo.so"].post("/api/consultations", draft());
      expect(
        (await users["canbo.so"].get(`/api/consultations/${draftOnly.json().id}/report.docx`)).statusCode,
      ).toBe(409);
    });

    it("passes a running consultation to the successor of a merged drafting unit", async () => {
      const admin = await signIn(app, "admin");
      const today = dayFromToday(0);
      const communes = (await users.dieuphoi.get(`/api/units?type=commune&asOf=${today}`)).json().items;
      const [closing, successor] = [communes[5], communes[6]];
      const running = await users.dieuphoi.post("/api/consultations", draft({ draftingUnitId: closing.id }));
      expect(running.statusCode, running.body).toBe(201);
      const event = {
        title: "Sáp nhập hai xã (thử nghiệm)",
        effectiveDate: today,
        legalBasis: "Nghị quyết thử nghiệm",
        changes: [{ kind: "merge", from: [closing.id, successor.id], into: successor.id }],
      };
      const plan = (await admin.post("/api/directory/events?dryRun=true", event)).json();
      expect(JSON.stringify(plan)).toContain("dự thảo đang lấy ý kiến");
      expect((await admin.post("/api/directory/events?dryRun=false", event)).statusCode).toBe(200);
      const detail = (await users.dieuphoi.get(`/api/consultations/${running.json().id}`)).json();
      expect(detail.draftingUnit.id).toBe(successor.id);
    });
  },
);

import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AssignmentSummary } from "../../../common/schemas/assignments.ts";
import type { Database } from "../../db/connection.ts";
import type { Tenant } from "../../http/context.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { resetClock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { installModules } from "../index.ts";
import { runOccurrences } from "./jobs.ts";
import {
  createTestPlan,
  MTTQ,
  multipartUpdate,
  RACH_GIA,
  SVHTTDL,
  sampleExe,
  samplePdf,
  samplePng,
} from "./testing.ts";

// As the server does on start: the demo plan, published while loading, gets its assignments.
installModules();

// The suite's plans and periods are of 2026: it runs on a day of its own (the demo loaded as of
// then), not on whatever day the machine or a pinned CI run says.
const SUITE_NOW = "2026-12-07T09:00:00+07:00";

forEachEngineWithDemo(
  "assignments: publishing, progress, evidence and rollups",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let tenant: Tenant;
    let coordinator: Client;
    let officer: Client;
    let leader: Client;
    let district: Client;
    let planId: string;
    let uploads: string;
    const today = todayInVietnam(new Date(SUITE_NOW));

    beforeAll(async () => {
      setClock(SUITE_NOW);
      uploads = mkdtempSync(join(tmpdir(), "dongthuan-evidence-"));
      database = getDatabase();
      ({ app, tenant } = await createTestApp(database, "kien-giang", {
        UPLOAD_LIMIT: "262144",
        UPLOAD_DIR: uploads,
      }));
      [coordinator, officer, leader, district] = await Promise.all(
        ["dieuphoi", "canbo.so", "lanhdao.so", "canbo.huyen"].map((name) => signIn(app, name)),
      );
      planId = await createTestPlan(database, tenant, "Kế hoạch thử nghiệm theo dõi nhiệm vụ");
      const published = await coordinator.post(`/api/plans/${planId}/publish`);
      expect(published.statusCode, published.body).toBe(201);
    });
    afterAll(async () => {
      resetClock();
      await app.close();
      rmSync(uploads, { recursive: true, force: true });
    });

    const list = async (client: Client, query = "") =>
      (await client.get(`/api/assignments?planId=${planId}${query}`)).json() as {
        items: AssignmentSummary[];
        total: number;
      };
    const find = async (code: string, unit: string, occurrence = "once") =>
      (await list(coordinator, `&code=${code}&limit=500`)).items.find(
        (a) => a.unit.name === unit && a.occurrence === occurrence,
      )!;
    const count = async (sql: string, params: unknown[] = []) =>
      (await database.query<{ n: number }>(sql, params))[0].n;
    const storedFiles = () =>
      readdirSync(uploads, { recursive: true }).filter((f) => !String(f).endsWith(".type")).length;

    it("creates one assignment per task, unit and role on publishing, and none again", async () => {
      const all = await list(coordinator, "&limit=500");
      const keys = all.items.map((a) => `${a.itemCode} ${a.role} ${a.unit.name} ${a.occurrence}`).sort();
      const quarters = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"];
      expect(keys).toEqual(
        [
          `II.1 coordinating ${RACH_GIA} once`,
          `II.1 lead ${SVHTTDL} once`,
          `II.2 implementing ${RACH_GIA} once`,
          ...quarters.map((q) => `II.3 implementing ${SVHTTDL} ${q}`),
          `II.4 requested ${MTTQ} once`,
          `II.5 implementing ${SVHTTDL} once`,
          `II.5.a implementing ${SVHTTDL} once`,
          `II.5.b implementing ${SVHTTDL} once`,
        ].sort(),
      );
      const rows = () => count("SELECT count(*)::int AS n FROM assignments WHERE plan_id = $1", [planId]);
      const before = await rows();
      const again = await coordinator.post(`/api/plans/${planId}/publish`);
      expect(again.statusCode).toBe(200);
      await runOccurrences(database, tenant.id, today);
      expect(await rows()).toBe(before);
      // The demo plan got its assignments when it was published, and kept them through the events.
      expect(
        await count("SELECT count(*)::int AS n FROM assignments WHERE plan_id <> $1", [planId]),
      ).toBeGreaterThan(1000);
    });

    it("records a progress report with figures and evidence, and serves the files within the same scope", async () => {
      const lead = await find("II.1", SVHTTDL);
      const { body, headers } = multipartUpdate(
        {
          version: String(lead.version),
          text: "Đã xây dựng kịch bản Ngày hội.",
          percent: "40",
          figures: JSON.stringify({ "Số buổi họp chuẩn bị": 3 }),
        },
        [
          { name: "bien-ban.pdf", body: samplePdf(), type: "application/pdf" },
          { name: "anh-hop.png", body: samplePng(), type: "image/png" },
        ],
      );
      const response = await officer.request("POST", `/api/assignments/${lead.id}/updates`, body, headers);
      expect(response.statusCode, response.body).toBe(201);
      const { assignment, update } = response.json();
      expect(assignment).toMatchObject({ status: "in_progress", percent: 40, version: lead.version + 1 });
      expect(update).toMatchObject({
        percent: 40,
        figures: { "Số buổi họp chuẩn bị": 3 },
        statusTo: "in_progress",
      });
      expect(update.files.map((f: { filename: string }) => f.filename)).toEqual([
        "bien-ban.pdf",
        "anh-hop.png",
      ]);
      const file = await officer.get(update.files[0].href);
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toBe("application/pdf");
      expect(file.rawPayload.equals(samplePdf())).toBe(true);
      expect((await district.get(update.files[0].href)).statusCode).toBe(404);
      const crossed = update.files[0].href.replace(update.id, lead.id);
      expect((await officer.get(crossed)).statusCode).toBe(404);
    });

    it("refuses an .exe renamed .pdf (415) and a file over the limit (413), leaving nothing stored", async () => {
      const lead = await find("II.1", SVHTTDL);
      const filesBefore = storedFiles();
      const send = (file: { name: string; body: Buffer }) => {
        const { body, headers } = multipartUpdate({ version: String(lead.version), text: "Kèm tệp" }, [
          { name: "bao-cao.pdf", body: samplePdf() },
          file,
        ]);
        return officer.request("POST", `/api/assignments/${lead.id}/updates`, body, headers);
      };
      const exe = await send({ name: "bao-cao-2.pdf", body: sampleExe() });
      expect(exe.statusCode).toBe(415);
      expect(exe.json().error).toMatchObject({ code: "evidence_file_type", field: "files" });
      expect(exe.json().error.message).toContain("exe");
      const large = await send({
        name: "lon.pdf",
        body: Buffer.concat([samplePdf(), Buffer.alloc(300 * 1024, 32)]),
      });
      expect(large.statusCode).toBe(413);
      expect(large.json().error.code).toBe("payload_too_large");
      expect(storedFiles()).toBe(filesBefore);
      expect((await find("II.1", SVHTTDL)).version).toBe(lead.version);
    });

    it("lets one of two officers reporting at once win; the other gets 409 and, reloading, loses nothing", async () => {
      const lead = await find("II.1", SVHTTDL);
      const post = (client: Client, text: string, version: number) =>
        client.post(`/api/assignments/${lead.id}/updates`, { version, text, percent: 60 });
      const results = await Promise.all([
        post(officer, "Báo cáo của cán bộ", lead.version),
        post(leader, "Báo cáo của lãnh đạo", lead.version),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const loser = results.find((r) => r.statusCode === 409)!;
      expect(loser.json().error).toMatchObject({
        code: "conflict",
        details: { currentVersion: lead.version + 1 },
      });
      const loserIsLeader = results[1] === loser;
      const retry = await post(
        loserIsLeader ? leader : officer,
        loserIsLeader ? "Báo cáo của lãnh đạo" : "Báo cáo của cán bộ",
        lead.version + 1,
      );
      expect(retry.statusCode).toBe(201);
      const texts = (
        (await officer.get(`/api/assignments/${lead.id}/updates`)).json().items as { text: string }[]
      ).map((u) => u.text);
      expect(texts).toEqual(expect.arrayContaining(["Báo cáo của cán bộ", "Báo cáo của lãnh đạo"]));
    });

    it("needs a reason to pause, and refuses to complete a task whose sub-items are open, naming them", async () => {
      const q1 = await find("II.3", SVHTTDL, "2026-Q1");
      const noReason = await officer.post(`/api/assignments/${q1.id}/status`, {
        version: q1.version,
        status: "paused",
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.code).toBe("assignment_pause_reason");
      const paused = await officer.post(`/api/assignments/${q1.id}/status`, {
        version: q1.version,
        status: "paused",
        reason: "Chờ số liệu",
      });
      expect(paused.json().assignment).toMatchObject({ state: "paused", pauseReason: "Chờ số liệu" });

      const parent = await find("II.5", SVHTTDL);
      const refused = await officer.post(`/api/assignments/${parent.id}/status`, {
        version: parent.version,
        status: "completed",
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: "assignment_children_open",
        details: { openItems: ["II.5.a", "II.5.b"] },
      });
      expect(refused.json().error.message).toContain("II.5.a, II.5.b");
      for (const code of ["II.5.a", "II.5.b", "II.5"]) {
        const row = await find(code, SVHTTDL);
        const done = await officer.post(`/api/assignments/${row.id}/status`, {
          version: row.version,
          status: "completed",
        });
        expect(done.statusCode, done.body).toBe(200);
        expect(done.json().assignment).toMatchObject({
          state: "completed",
          completedOn: today,
          percent: 100,
          classification: "completed_on_time",
        });
      }
      const closed = await find("II.5", SVHTTDL);
      const again = await officer.post(`/api/assignments/${closed.id}/updates`, {
        version: closed.version,
        text: "Bổ sung",
      });
      expect(again.json().error.code).toBe("assignment_closed");
    });

    it("classifies per plan, unit and heading, counting the Front's request apart", async () => {
      const byPlan = (await coordinator.get(`/api/assignments/summary?planId=${planId}&groupBy=plan`)).json();
      expect(byPlan.totals).toEqual({
        counts: { completed_on_time: 3, completed_late: 0, open_within_deadline: 2, open_overdue: 5 },
        requested: { completed: 0, open: 1 },
      });
      expect(byPlan.rule).toContain("never overdue");
      const byUnit = (await coordinator.get(`/api/assignments/summary?planId=${planId}&groupBy=unit`)).json();
      expect(byUnit.groups.find((g: { label: string }) => g.label === RACH_GIA).counts).toEqual({
        completed_on_time: 0,
        completed_late: 0,
        open_within_deadline: 1,
        open_overdue: 1,
      });
      const byHeading = (
        await coordinator.get(`/api/assignments/summary?planId=${planId}&groupBy=heading`)
      ).json();
      expect(byHeading.groups.map((g: { key: string }) => g.key)).toEqual(["II", "II.5"]);
      const own = (await officer.get(`/api/assignments/summary?planId=${planId}&groupBy=plan`)).json();
      expect(own.totals.requested.open).toBe(0);
    });

    it("draws the heading × unit matrix with the counts behind each cell and its colour", async () => {
      const matrix = (await coordinator.get(`/api/plans/${planId}/matrix`)).json();
      expect(matrix.headings.map((h: { code: string }) => h.code)).toEqual(["II", "II.5"]);
      const unit = (name: string) => matrix.units.find((u: { name: string }) => u.name === name).id;
      const cell = (heading: string, name: string) =>
        matrix.cells.find(
          (c: { heading: string; unitId: string }) => c.heading === heading && c.unitId === unit(name),
        );
      expect(cell("II", RACH_GIA)).toMatchObject({
        tone: "open_overdue",
        counts: { open_overdue: 1, open_within_deadline: 1, completed_on_time: 0, completed_late: 0 },
        progress: 0,
      });
      expect(cell("II.5", SVHTTDL)).toMatchObject({ tone: "completed_on_time", progress: 100 });
      expect(cell("II", MTTQ)).toMatchObject({ tone: "requested", requested: { open: 1, completed: 0 } });
      const seen = (await officer.get(`/api/plans/${planId}/matrix`)).json();
      expect(seen.units.map((u: { name: string }) => u.name).sort()).toEqual([RACH_GIA, SVHTTDL].sort());
    });

    it("rolls progress up the tree and lets only the coordinator weigh the items", async () => {
      const progress = (await coordinator.get(`/api/plans/${planId}/progress`)).json();
      expect(progress.rule).toContain("completed = 100");
      const section = progress.items.find((i: { code: string }) => i.code === "II");
      expect(section.children.find((c: { code: string }) => c.code === "II.5").progress).toBe(100);
      const put = (client: Client, body: object) =>
        client.request("PUT", `/api/plans/${planId}/weights`, body);
      expect((await put(officer, { code: "II.5", weight: 0 })).statusCode).toBe(403);
      expect((await put(coordinator, { code: "II.9", weight: 2 })).statusCode).toBe(400);
      const weighed = await put(coordinator, { code: "II.5", weight: 0 });
      expect(weighed.statusCode).toBe(200);
      const after = weighed.json().items.find((i: { code: string }) => i.code === "II");
      const counted = after.children.filter(
        (c: { weight: number; progress: number | null }) => c.weight > 0 && c.progress !== null,
      );
      const mean = counted.reduce((s: number, c: { progress: number }) => s + c.progress, 0) / counted.length;
      expect(after.progress).toBeCloseTo(mean, 0);
      expect(after.progress).toBeLessThan(section.progress);
    });

    it("shows officers what is due on their home page, and the coordinator the province's overdue units", async () => {
      const home = (await officer.get("/api/home")).json().sections;
      const due = home.find((s: { key: string }) => s.key === "assignments-due");
      expect(
        due.items.some(
          (i: { title: string; tone: string }) => i.title.startsWith("II.1") && i.tone === "danger",
        ),
      ).toBe(true);
      const province = (await coordinator.get("/api/home"))
        .json()
        .sections.find((s: { key: string }) => s.key === "assignments-overdue");
      expect(province.total).toBeGreaterThan(0);
      expect(province.items.some((i: { title: string }) => i.title === SVHTTDL)).toBe(true);
    });

    it("reconciles an amendment: a removed task's open assignment is cancelled, a new unit assigned, completed work kept", async () => {
      const completed = await find("II.5.a", SVHTTDL);
      const opened = await coordinator.post(`/api/plans/${planId}/amendments`, {
        reason: "Điều chỉnh",
        amendingNumber: "20/KH-UBND",
      });
      expect(opened.statusCode, opened.body).toBe(201);
      let revision = opened.json().plan.revision as number;
      const patch = async (code: string, changes: object) => {
        const response = await coordinator.patch(`/api/plans/${planId}/items/${code}`, {
          revision,
          ...changes,
        });
        expect(response.statusCode, response.body).toBe(200);
        revision = response.json().revision;
      };
      await patch("II.4", { kind: "statement" });
      await patch("II.2", {
        actors: { lead: [], coordinating: [], implementing: [RACH_GIA, SVHTTDL], requested: [] },
        due: { text: "năm 2027", recurrence: "once", date: "2027", month: null, day: null },
      });
      expect((await coordinator.post(`/api/plans/${planId}/publish`)).statusCode).toBe(201);
      const front = (await list(coordinator, "&code=II.4&status=cancelled")).items;
      expect(front).toHaveLength(1);
      const timeline = (await coordinator.get(`/api/assignments/${front[0].id}`)).json().updates;
      expect(timeline[0]).toMatchObject({ statusFrom: "not_started", statusTo: "cancelled" });
      // The reason publishing wrote reads in the reader's language, one language at a time.
      expect(timeline[0].reason).toMatch(/^Nhiệm vụ không còn trong phiên bản \d+ của kế hoạch$/);
      const inEnglish = await signIn(app, "dieuphoi", "en");
      const updates = (await inEnglish.get(`/api/assignments/${front[0].id}/updates`)).json().items;
      expect(updates[0].reason).toMatch(/^The task is no longer in version \d+ of the plan$/);
      expect(await find("II.2", SVHTTDL)).toMatchObject({ status: "not_started", dueDate: "2027-12-31" });
      expect((await find("II.2", RACH_GIA)).dueDate).toBe("2027-12-31");
      expect(await find("II.5.a", SVHTTDL)).toMatchObject({
        version: completed.version,
        status: "completed",
      });
    });
  },
  { at: SUITE_NOW },
);

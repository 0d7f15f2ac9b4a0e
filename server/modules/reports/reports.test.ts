// Longer than 400 lines: its tests carry one report through its whole workflow in order, each from where the last left it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import type { Tenant } from "../../http/context.ts";
import { resetClock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { loadActor } from "../auth/sessions.ts";
import { findUserByUsername } from "../auth/users.ts";
import { installModules } from "../index.ts";
import { listUnits } from "../orgs/service.ts";
import { allPlanHeads } from "../plans/registry.ts";
import { accessFor } from "./access.ts";
import { loadConsolidationInput } from "./consolidation.ts";
import { reopenPeriod } from "./periods.ts";
import { openReport, saveReport, transition } from "./workflow.ts";

installModules();

import { publishTestPlan, RACH_GIA, SVHTTDL, UBND } from "./testing.ts";

const SUITE_NOW = "2026-12-07T09:00:00+07:00";

forEachEngineWithDemo(
  "reports: demo 2024 cycle, workflow, concurrency, lock, escalations",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let tenant: Tenant;
    let coordinator: Client;
    let officer: Client;
    let leader: Client;
    let officerEn: Client;
    let planId: string;
    let periodId: string;
    let svId: string;
    let rachGiaId: string;

    let uploads: string;

    beforeAll(async () => {
      setClock(SUITE_NOW);
      uploads = mkdtempSync(join(tmpdir(), "dongthuan-reports-"));
      database = getDatabase();
      ({ app, tenant } = await createTestApp(database, "kien-giang", { UPLOAD_DIR: uploads }));
      [coordinator, officer, leader] = await Promise.all(
        ["dieuphoi", "canbo.so", "lanhdao.so"].map((u) => signIn(app, u)),
      );
      officerEn = await signIn(app, "canbo.so", "en");
      planId = await publishTestPlan(
        database.db,
        tenant.id,
        coordinator,
        "Thực hiện phong trào thi đua năm 2026",
      );
      const units = await listUnits(database.db, tenant.id);
      svId = units.find((u) => u.name === SVHTTDL)!.id;
      rachGiaId = units.find((u) => u.name === RACH_GIA)!.id;
      const periods = (await coordinator.get(`/api/reporting/plans/${planId}/periods`)).json();
      periodId = periods.items.find((p: { key: string }) => p.key === "2026").id;
    });
    afterAll(async () => {
      resetClock();
      await app.close();
      rmSync(uploads, { recursive: true, force: true });
    });

    it("loads the demo's 2024 cycle for consolidation: accepted, late, returned and fixed, missing", async () => {
      const head = (await allPlanHeads(database.db, tenant.id)).find(
        (h) => h.parentPlanId === null && h.currentVersion > 0,
      )!;
      const input = await loadConsolidationInput(database.db, tenant.id, {
        planId: head.id,
        periodKey: "2024",
      });
      expect(input.period).toMatchObject({
        key: "2024",
        from: "2023-12-15",
        to: "2024-12-14",
        deadline: "2024-12-10",
      });
      expect(input.plan.headings.map((h) => h.code)).toEqual([
        "II.1",
        "II.2",
        "II.3",
        "II.4",
        "II.5",
        "II.6",
        "II.7",
        "II.8",
        "III",
      ]);
      expect(input.issuer.name).toBe("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG");
      expect(input.reports.length).toBeGreaterThan(20);
      expect(input.reports.filter((r) => r.late).length).toBeGreaterThanOrEqual(3);
      const fixed = input.reports.filter((r) => r.revision === 2);
      expect(fixed).toHaveLength(1);
      expect(fixed[0].late).toBe(false);
      expect(fixed[0].sections.find((s) => s.headingCode === "II.6")?.text).toMatch(/Ngày hội/);
      expect(input.missing.map((m) => m.status).sort()).toEqual(["draft", "none"]);
      // The 2024 units, under their 2024 names: districts, not the communes of 2025.
      expect(input.reports.some((r) => r.unitType === "district" && /huyện|thành phố/.test(r.unitName))).toBe(
        true,
      );
      expect(input.reports.every((r) => !r.unitName.includes("An Giang"))).toBe(true);
      const district = input.reports.find((r) => r.unitType === "district")!;
      expect(district.values.unity_festivals).toBeGreaterThan(0);
      expect(input.reports.find((r) => r.unitType === "department")!.values).not.toHaveProperty(
        "unity_festivals",
      );
      // Narratives are the unit's own, not one text copied.
      expect(new Set(input.reports.map((r) => r.sections[0]?.text)).size).toBeGreaterThan(
        input.reports.length / 2,
      );
      expect(input.escalations.map((e) => e.status).sort()).toEqual(["decided", "open"]);
    });

    it("describes its routes in the OpenAPI document", async () => {
      const doc = (await coordinator.get("/api/openapi.json")).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          "/api/reports/{id}",
          "/api/reports/{id}/{action}",
          "/api/reporting/periods/{id}",
          "/api/reporting/plans/{planId}/form",
          "/api/escalations/{id}",
        ]),
      );
      expect(
        doc.paths["/api/reports/{id}"].put.requestBody.content["application/json"].schema.properties,
      ).toHaveProperty("version");
    });

    it("makes the form, the schedule and the periods on publishing", async () => {
      const form = (await coordinator.get(`/api/reporting/plans/${planId}/form`)).json();
      expect(form.version).toBe(1);
      expect(form.headings.map((h: { code: string }) => h.code)).toEqual(["II.1", "II.2", "III"]);
      const schedules = (await coordinator.get(`/api/reporting/plans/${planId}/schedules`)).json();
      expect(schedules.items).toHaveLength(1);
      expect(schedules.items[0]).toMatchObject({ source: "III.1", frequency: "yearly", to: UBND });
      const detail = (await coordinator.get(`/api/reporting/periods/${periodId}`)).json();
      expect(detail.period).toMatchObject({
        deadline: "2026-12-10",
        windowStart: "2025-12-15",
        windowEnd: "2026-12-14",
      });
      expect(detail.province).toMatchObject({ expected: 2, received: 0, missing: 2 });
    });

    let reportId: string;
    let version: number;

    it("lets only the unit's own people open its report (403 for another unit)", async () => {
      const other = await officer.post(`/api/reporting/periods/${periodId}/units/${rachGiaId}/report`);
      expect(other.statusCode).toBe(403);
      const opened = await officer.post(`/api/reporting/periods/${periodId}/units/${svId}/report`);
      expect(opened.statusCode, opened.body).toBe(201);
      const report = opened.json();
      reportId = report.id;
      version = report.version;
      expect(report.status).toBe("draft");
      expect(report.actions).toEqual(expect.arrayContaining(["edit", "submit"]));
      expect(report.actions).not.toContain("send");
      const snv = (await listUnits(database.db, tenant.id)).find((u) => u.code === "SNV" && !u.validTo)!;
      const notExpected = await coordinator.post(`/api/reporting/periods/${periodId}/units/${snv.id}/report`);
      expect(notExpected.statusCode).toBe(409);
      expect(notExpected.json().error.code).toBe("report_unit_not_expected");
      const again = await officer.post(`/api/reporting/periods/${periodId}/units/${svId}/report`);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(reportId);
    });

    it("refuses bad indicator values per field, in the request's language, and saves nothing", async () => {
      const negative = await officer.request("PUT", `/api/reports/${reportId}`, {
        version,
        values: { articles: -3 },
      });
      expect(negative.statusCode).toBe(400);
      expect(negative.json().error).toMatchObject({
        code: "report_value_negative",
        field: "values.articles",
      });
      expect(negative.json().error.message).toMatch(/không được là số âm/);
      const text = await officerEn.request("PUT", `/api/reports/${reportId}`, {
        version,
        values: { dialogues_held: "nhiều" },
      });
      expect(text.json().error).toMatchObject({
        code: "report_value_not_number",
        field: "values.dialogues_held",
      });
      expect(text.json().error.message).toMatch(/must be a number/);
      const unknown = await officer.request("PUT", `/api/reports/${reportId}`, {
        version,
        values: { bogus: 1 },
      });
      expect(unknown.json().error.code).toBe("report_indicator_unknown");
      const notForType = await officer.request("PUT", `/api/reports/${reportId}`, {
        version,
        values: { unity_festivals: 3 },
      });
      expect(notForType.json().error.code).toBe("report_indicator_not_reported");
      const heading = await officer.request("PUT", `/api/reports/${reportId}`, {
        version,
        sections: { "IX.9": "x" },
      });
      expect(heading.json().error.code).toBe("report_heading_unknown");
      const current = (await officer.get(`/api/reports/${reportId}`)).json();
      expect(current.version).toBe(version);
    });

    it("never lets two writers overwrite each other: 409 with the current text and the sections that differ", async () => {
      const first = await officer.request("PUT", `/api/reports/${reportId}`, {
        version,
        sections: { "II.1": "Tổ chức 4 hội nghị quán triệt." },
        values: { propaganda_sessions: 4, articles: "12" },
      });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().values).toMatchObject({ propaganda_sessions: 4, articles: 12 });
      const second = await leader.request("PUT", `/api/reports/${reportId}`, {
        version,
        sections: { "II.1": "Tổ chức 5 hội nghị.", "II.2": "Không thuộc nhiệm vụ." },
      });
      expect(second.statusCode).toBe(409);
      const error = second.json().error;
      expect(error.code).toBe("report_conflict");
      expect(error.details.differingSections).toEqual(["II.1", "II.2"]);
      expect(error.details.current.sections["II.1"]).toBe("Tổ chức 4 hội nghị quán triệt.");
      version = first.json().version;
    });

    it("goes draft → waiting for approval → sent, frozen once sent", async () => {
      const submitted = await officer.post(`/api/reports/${reportId}/submit`, { version });
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json().status).toBe("pending_approval");
      expect((await officer.post(`/api/reports/${reportId}/send`)).statusCode).toBe(403);
      const sent = await leader.post(`/api/reports/${reportId}/send`);
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({ status: "sent", late: false, revision: 1 });
      const frozen = await officer.request("PUT", `/api/reports/${reportId}`, {
        version: sent.json().version,
        proposals: "x",
      });
      expect(frozen.statusCode).toBe(409);
      expect(frozen.json().error.code).toBe("report_not_editable");
      await expect(
        database.query(`UPDATE reports SET proposals = 'x' WHERE id = $1`, [reportId]),
      ).rejects.toThrow(/frozen/);
    });

    it("is returned with comments per section and reopens as revision 2 with the differences shown", async () => {
      const noComment = await coordinator.post(`/api/reports/${reportId}/return`, {});
      expect(noComment.json().error.code).toBe("report_return_comment");
      expect((await officer.post(`/api/reports/${reportId}/return`, { comment: "x" })).statusCode).toBe(403);
      const returned = await coordinator.post(`/api/reports/${reportId}/return`, {
        sectionComments: { "II.1": "Nêu số lượt người tham dự." },
      });
      expect(returned.json().status).toBe("returned");
      const edited = await officer.request("PUT", `/api/reports/${reportId}`, {
        version: returned.json().version,
        sections: { "II.1": "Tổ chức 4 hội nghị quán triệt.\nCó 320 lượt người tham dự." },
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ status: "draft", revision: 2 });
      expect(edited.json().returnComments.sections["II.1"]).toMatch(/lượt người/);
      const diff = (await officer.get(`/api/reports/${reportId}/diff`)).json();
      expect(diff.changed).toEqual(["II.1"]);
      expect(diff.sections[0].lines).toContainEqual({ op: "added", text: "Có 320 lượt người tham dự." });
      const resent = await leader.post(`/api/reports/${reportId}/send`);
      expect(resent.json()).toMatchObject({ status: "sent", revision: 2 });
      expect(resent.json().revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
      const accepted = await coordinator.post(`/api/reports/${reportId}/accept`);
      expect(accepted.json().status).toBe("accepted");
      expect(accepted.json().events.map((e: { action: string }) => e.action)).toEqual([
        "created",
        "saved",
        "submit",
        "send",
        "return",
        "reopened",
        "saved",
        "send",
        "accept",
      ]);
      const period = (await coordinator.get(`/api/reporting/periods/${periodId}`)).json();
      expect(period.province).toMatchObject({ expected: 2, received: 1, onTime: 1, accepted: 1, missing: 1 });
    });

    it("keeps old reports on their form version when the indicators change", async () => {
      const form = (await coordinator.get(`/api/reporting/plans/${planId}/form`)).json();
      const indicators = [
        ...form.indicators,
        {
          code: "volunteers",
          name: "Tình nguyện viên",
          unit: "người",
          aggregation: "sum",
          unitTypes: [],
          sources: [],
        },
      ];
      expect(
        (
          await officer.request("PUT", `/api/reporting/plans/${planId}/form`, {
            indicators,
            reason: "Bổ sung",
          })
        ).statusCode,
      ).toBe(403);
      const changed = await coordinator.request("PUT", `/api/reporting/plans/${planId}/form`, {
        indicators,
        reason: "Bổ sung chỉ tiêu",
      });
      expect(changed.json().version).toBe(2);
      const old = (await officer.get(`/api/reports/${reportId}`)).json();
      expect(old.formVersion).toBe(1);
      expect(old.form.indicators.map((i: { code: string }) => i.code)).not.toContain("volunteers");
    });

    it("takes a report sent after the deadline (marked late), and locks edits after the lock day until reopened", async () => {
      const dieuphoi = await accessFor(database.db, await actorOf("dieuphoi"));
      const rachGiaStaff = await accessFor(database.db, {
        ...(await actorOf("dieuphoi")),
        grants: [{ role: "unit_leader", unitId: rachGiaId }],
      });
      const author = { userId: null, name: "test" };
      const opened = await database.db.transaction(async (tx) =>
        openReport(tx, rachGiaStaff, author, periodId, rachGiaId, "2026-12-20"),
      );
      const locked = database.db.transaction((tx) =>
        saveReport(
          tx,
          rachGiaStaff,
          author,
          opened.row.id,
          { version: opened.row.version, proposals: "x" },
          "2027-02-01",
        ),
      );
      await expect(locked).rejects.toMatchObject({ code: "report_period_locked" });
      await database.db.transaction((tx) =>
        reopenPeriod(
          tx,
          dieuphoi,
          author,
          periodId,
          rachGiaId,
          { until: "2027-02-05", reason: "Đơn vị xin bổ sung số liệu" },
          "2027-02-01",
        ),
      );
      const saved = await database.db.transaction((tx) =>
        saveReport(
          tx,
          rachGiaStaff,
          author,
          opened.row.id,
          { version: opened.row.version, proposals: "Đề nghị hỗ trợ" },
          "2027-02-02",
        ),
      );
      const sent = await database.db.transaction((tx) =>
        transition(
          tx,
          rachGiaStaff,
          author,
          saved.id,
          "send",
          {},
          "2027-02-02",
          new Date("2027-02-02T03:00:00Z"),
        ),
      );
      expect(sent).toMatchObject({ status: "sent", late: true });
    });

    it("raises an escalation inside a report and decides and closes it", async () => {
      const other = await officer.post("/api/escalations", {
        unitId: rachGiaId,
        kind: "proposal",
        title: "Kinh phí",
        body: "Đề nghị bố trí kinh phí",
      });
      expect(other.statusCode).toBe(403);
      const raised = await officer.post("/api/escalations", {
        unitId: svId,
        kind: "difficulty",
        title: "Thiếu kinh phí tổ chức",
        body: "Đề nghị UBND tỉnh bố trí kinh phí năm 2027.",
        reportId,
      });
      expect(raised.statusCode, raised.body).toBe(201);
      const e = raised.json();
      expect(e).toMatchObject({ status: "open", periodId });
      expect(
        (
          await officer.request("PATCH", `/api/escalations/${e.id}`, {
            version: 1,
            action: "decide",
            decision: "x",
          })
        ).statusCode,
      ).toBe(403);
      const noDecision = await coordinator.request("PATCH", `/api/escalations/${e.id}`, {
        version: 1,
        action: "decide",
      });
      expect(noDecision.json().error.code).toBe("escalation_decision_required");
      const decided = await coordinator.request("PATCH", `/api/escalations/${e.id}`, {
        version: 1,
        action: "decide",
        decision: "Giao Sở Tài chính bố trí.",
        dueOn: "2027-01-31",
      });
      expect(decided.json()).toMatchObject({ status: "decided", dueOn: "2027-01-31" });
      const home = (await coordinator.get("/api/home")).json();
      const open = home.sections.find((section: { key: string }) => section.key === "escalations-open");
      expect(open.items.map((i: { title: string }) => i.title)).toContain(
        "Chưa có tiêu chí thống nhất đánh giá kết quả thực hiện ở cơ sở",
      );
      const closed = await coordinator.request("PATCH", `/api/escalations/${e.id}`, {
        version: 2,
        action: "close",
        closingNote: "Đã bố trí",
      });
      expect(closed.json().status).toBe("closed");
      const input = await loadConsolidationInput(database.db, tenant.id, { planId, periodKey: "2026" });
      expect(input.escalations).toContainEqual(
        expect.objectContaining({ title: "Thiếu kinh phí tổ chức", status: "closed" }),
      );
      expect(input.reports.map((r) => r.unitName)).toEqual([SVHTTDL]);
    });

    it("passes the coming periods of closed units to their successors, and keeps 2024's", async () => {
      const head = (await allPlanHeads(database.db, tenant.id)).find(
        (h) => h.parentPlanId === null && h.currentVersion > 0,
      )!;
      const periods = (await coordinator.get(`/api/reporting/plans/${head.id}/periods`)).json();
      const byKey = new Map(periods.items.map((p: { key: string; id: string }) => [p.key, p.id]));
      const y2024 = (await coordinator.get(`/api/reporting/periods/${byKey.get("2024")}`)).json();
      const y2025 = (await coordinator.get(`/api/reporting/periods/${byKey.get("2025")}`)).json();
      expect(y2024.units.some((u: { unitType: string }) => u.unitType === "district")).toBe(true);
      expect(y2025.units.some((u: { unitType: string }) => u.unitType === "district")).toBe(false);
      expect(y2025.units.some((u: { unitName: string }) => u.unitName.includes("An Giang"))).toBe(true);
      expect(y2024.province.missing).toBe(2);
      const departments = y2024.byType.find((t: { key: string }) => t.key === "department");
      expect(departments.label).not.toMatch(/department/);
      expect(departments.counts.expected).toBeGreaterThan(10);
    });

    it("hides another unit's report (404) and lists only the user's own", async () => {
      const district = await signIn(app, "canbo.huyen");
      expect((await district.get(`/api/reports/${reportId}`)).statusCode).toBe(404);
      const mine = (await officer.get(`/api/reports?mine=true&planId=${planId}`)).json();
      expect(mine.items.map((r: { id: string }) => r.id)).toEqual([reportId]);
    });

    it("takes no signed scan once accepted, refusing as PUT does (the scan's own rules: files.test.ts)", async () => {
      const pdf = Buffer.from("%PDF-1.4\n%%EOF\n", "latin1");
      const boundary = "----reports-boundary";
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao-ky.pdf"\r\n\r\n`,
        ),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const refused = await leader.request("POST", `/api/reports/${reportId}/files`, body, {
        "content-type": `multipart/form-data; boundary=${boundary}`,
      });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error.code).toBe("report_not_editable");
      expect((await leader.get(`/api/reports/${reportId}`)).json().files).toEqual([]);
    });

    it("refuses steps out of order, stale versions and out-of-range settings", async () => {
      const accepted = (await coordinator.get(`/api/reports/${reportId}`)).json();
      const again = await coordinator.post(`/api/reports/${reportId}/accept`);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("report_transition");
      expect(again.json().error.message).toMatch(/đã chấp nhận/);
      const stale = await coordinator.post(`/api/reports/${reportId}/receive`, {
        version: accepted.version - 1,
      });
      expect(stale.statusCode).toBe(409);
      expect((await coordinator.post(`/api/reports/${reportId}/publish`)).statusCode).toBe(400);
      const schedules = (await coordinator.get(`/api/reporting/plans/${planId}/schedules`)).json();
      const schedule = schedules.items[0];
      const negative = await coordinator.request("PATCH", `/api/reporting/schedules/${schedule.id}`, {
        version: schedule.version,
        lockDays: -1,
      });
      expect(negative.statusCode).toBe(400);
      expect(negative.json().error.field).toBe("lockDays");
      const notMine = await officer.request("PATCH", `/api/reporting/schedules/${schedule.id}`, {
        version: schedule.version,
        lockDays: 10,
      });
      expect(notMine.statusCode).toBe(403);
      const saved = await coordinator.request("PATCH", `/api/reporting/schedules/${schedule.id}`, {
        version: schedule.version,
        lockDays: 15,
        reminderDays: [3, 10, 3],
      });
      expect(saved.json()).toMatchObject({
        lockDays: 15,
        reminderDays: [10, 3],
        version: schedule.version + 1,
      });
      const staleSchedule = await coordinator.request("PATCH", `/api/reporting/schedules/${schedule.id}`, {
        version: schedule.version,
        lockDays: 20,
      });
      expect(staleSchedule.statusCode).toBe(409);
    });

    it("refuses to reopen a period that is not locked, and an ad-hoc request with bad dates or units", async () => {
      const notLocked = await coordinator.post(`/api/reporting/periods/${periodId}/units/${svId}/reopen`, {
        until: "2027-01-01",
        reason: "Bổ sung",
      });
      expect(notLocked.json().error.code).toBe("report_period_not_locked");
      const body = {
        title: "Kết quả Tháng hành động",
        request: "Báo cáo nhanh kết quả",
        windowStart: "2026-01-01",
        windowEnd: "2026-11-20",
        unitIds: [svId, rachGiaId],
      };
      expect(
        (await officer.post(`/api/reporting/plans/${planId}/requests`, { ...body, deadline: "2027-01-05" }))
          .statusCode,
      ).toBe(403);
      const past = await coordinator.post(`/api/reporting/plans/${planId}/requests`, {
        ...body,
        deadline: "2020-01-05",
      });
      expect(past.json().error.code).toBe("report_request_dates");
      const unknown = await coordinator.post(`/api/reporting/plans/${planId}/requests`, {
        ...body,
        deadline: "2027-01-05",
        unitIds: [crypto.randomUUID()],
      });
      expect(unknown.json().error.code).toBe("report_request_units");
    });

    async function actorOf(username: string) {
      const user = await findUserByUsername(database.db, tenant.id, username);
      return loadActor(database.db, user!);
    }
  },
  { at: SUITE_NOW },
);

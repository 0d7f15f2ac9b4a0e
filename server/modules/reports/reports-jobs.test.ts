import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it, onTestFinished } from "vitest";
import type { Database } from "../../db/connection.ts";
import type { Tenant } from "../../http/context.ts";
import { addDays, todayInVietnam } from "../../lib/calendar/index.ts";
import { clock, resetClock, setClock } from "../../lib/clock.ts";
import { createMemoryStorage } from "../../lib/storage.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { loadActor } from "../auth/sessions.ts";
import { findUserByUsername } from "../auth/users.ts";
import { installModules } from "../index.ts";
import { outboxIdle } from "../notifications/outbox.ts";
import { listUnits } from "../orgs/service.ts";
import { accessFor } from "./access.ts";
import { generateUrgingLetter, runApprovalNotices, runReminders, runUrging } from "./jobs.ts";
import { reportSuccession } from "./succession.ts";
import { openReport, transition } from "./workflow.ts";

installModules();

import { publishTestPlan, RACH_GIA, SVHTTDL } from "./testing.ts";

const SUITE_NOW = "2026-12-07T09:00:00+07:00";

forEachEngineWithDemo(
  "reports: reminders, urging and succession",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let tenant: Tenant;
    let coordinator: Client;
    let officer: Client;
    let leader: Client;
    let planId: string;
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
      planId = await publishTestPlan(
        database.db,
        tenant.id,
        coordinator,
        "Thực hiện phong trào thi đua năm 2026",
      );
      const units = await listUnits(database.db, tenant.id);
      svId = units.find((u) => u.name === SVHTTDL)!.id;
      rachGiaId = units.find((u) => u.name === RACH_GIA)!.id;
    });
    afterAll(async () => {
      resetClock();
      await app.close();
      rmSync(uploads, { recursive: true, force: true });
    });

    it("reminds before the deadline, notifies the leader, urges after it, and never sends twice", async () => {
      // A spring day: no yearly (10 December) or half-yearly deadline of the other plans falls within
      // the jobs' windows, so every notice counted here is for this test's own request.
      const before = clock.now();
      setClock("2026-04-20T09:00:00+07:00");
      onTestFinished(() => setClock(before));
      const today = todayInVietnam();
      const deadline = addDays(today, 5);
      const created = await coordinator.post(`/api/reporting/plans/${planId}/requests`, {
        title: "Kết quả Tháng hành động",
        request: "Báo cáo nhanh kết quả Tháng hành động vì đại đoàn kết.",
        windowStart: addDays(today, -60),
        windowEnd: today,
        deadline,
        unitIds: [svId, rachGiaId],
      });
      expect(created.statusCode, created.body).toBe(201);
      const adHoc = created.json();
      expect(adHoc).toMatchObject({ kind: "ad_hoc", deadline });
      const mails: { to: string | string[]; subject: string }[] = [];
      const deps = {
        database,
        config: app.ctx.config,
        tenantId: tenant.id,
        mailer: {
          transport: "log" as const,
          send: async (m: { to: string | string[]; subject: string }) => {
            mails.push(m);
            return { messageId: "m" };
          },
          close: async () => {},
        },
        storage: createMemoryStorage(),
        logger: { info() {}, warn() {}, error() {} },
      };
      // The reminders' e-mails leave through the outbox with this test's mailer: let the drain the
      // request above started finish first.
      await outboxIdle(database);
      const reminders = await runReminders(deps, today);
      expect(reminders).toBeGreaterThanOrEqual(2);
      expect(
        mails.some((m) => String(m.to).includes("canbo.so@") && /Nhắc gửi báo cáo/.test(m.subject)),
      ).toBe(true);
      expect(await runReminders(deps, today)).toBe(0);
      const opened = (await officer.post(`/api/reporting/periods/${adHoc.id}/units/${svId}/report`)).json();
      await officer.post(`/api/reports/${opened.id}/submit`, { version: opened.version });
      // The leader was told on submission; the hourly scan is only the safety net and adds nothing.
      expect(await runApprovalNotices(deps)).toBe(0);
      const handoffs = (await leader.get("/api/notices")).json();
      expect(
        handoffs.items.filter(
          (n: { kind: string; link: string }) => n.link === `/reporting/periods/${adHoc.id}`,
        ),
      ).toMatchObject([{ kind: "report-reminder" }]);
      expect(
        handoffs.items.filter((n: { kind: string; link: string }) => n.link === `/reports/${opened.id}`),
      ).toMatchObject([{ kind: "report-submitted" }]);
      const home = (await leader.get("/api/home")).json();
      expect(home.sections.find((s: { key: string }) => s.key === "reports-approval").total).toBe(1);
      const after = addDays(deadline, 1);
      const urged = await runUrging(deps, after);
      expect(urged).toEqual({ notices: 2, letters: 1 });
      expect(await runUrging(deps, after)).toEqual({ notices: 0, letters: 0 });
      const directory = (await accessFor(database.db, await actorOf("dieuphoi"))).directory;
      const letter = await generateUrgingLetter(database.db, deps.storage, directory, adHoc.id, after, {
        userId: null,
        name: "test",
      });
      expect(letter!.lateUnitIds.sort()).toEqual([svId, rachGiaId].sort());
      const again = await generateUrgingLetter(database.db, deps.storage, directory, adHoc.id, after, {
        userId: null,
        name: "test",
      });
      expect(again!.id).toBe(letter!.id);
      const docx = await deps.storage.getObject(letter!.storageKey);
      expect(docx!.body.subarray(0, 2).toString()).toBe("PK");
      const early = await coordinator.post(`/api/reporting/periods/${adHoc.id}/urging-letters`);
      expect(early.json().error.code).toBe("urging_before_deadline");
    });

    it("passes an unsent report and the coming duty of a closed unit to its single successor", async () => {
      const today = todayInVietnam();
      const requested = await coordinator.post(`/api/reporting/plans/${planId}/requests`, {
        title: "Tình hình sáp nhập",
        request: "Báo cáo nhanh tình hình bàn giao hồ sơ trước khi sáp nhập.",
        windowStart: addDays(today, -30),
        windowEnd: today,
        deadline: addDays(today, 10),
        unitIds: [svId, rachGiaId],
      });
      expect(requested.statusCode, requested.body).toBe(201);
      const adHoc = requested.json();
      const staff = await accessFor(database.db, {
        ...(await actorOf("dieuphoi")),
        grants: [{ role: "unit_officer", unitId: rachGiaId }],
      });
      const author = { userId: null, name: "test" };
      const draft = await database.db.transaction((tx) => openReport(tx, staff, author, adHoc.id, rachGiaId));
      const successor = (await listUnits(database.db, tenant.id)).find(
        (u) => u.type === "commune" && !u.validTo && u.id !== rachGiaId,
      )!;
      const closure = {
        unitId: rachGiaId,
        unitName: RACH_GIA,
        successorIds: [successor.id],
        kind: "merge" as const,
      };
      // A report Rạch Giá has sent, for another request, must stay its own.
      const other = await coordinator.post(`/api/reporting/plans/${planId}/requests`, {
        title: "Số liệu hội nghị",
        request: "Báo cáo số hội nghị đã tổ chức.",
        windowStart: addDays(today, -30),
        windowEnd: today,
        deadline: addDays(today, 5),
        unitIds: [rachGiaId],
      });
      expect(other.statusCode, other.body).toBe(201);
      const leaderAccess = await accessFor(database.db, {
        ...(await actorOf("dieuphoi")),
        grants: [{ role: "unit_leader", unitId: rachGiaId }],
      });
      await database.db.transaction(async (tx) => {
        const opened = await openReport(tx, leaderAccess, author, other.json().id, rachGiaId);
        await transition(tx, leaderAccess, author, opened.row.id, "send", {});
      });
      const sentBefore = await sentReportsOf(rachGiaId);
      const planned = await database.db.transaction((tx) =>
        reportSuccession.plan(tx, tenant.id, [closure], todayInVietnam()),
      );
      expect(planned.transfers.map((t) => t.description)).toEqual(
        expect.arrayContaining([
          { vi: expect.stringMatching(/đang soạn/), en: expect.stringMatching(/unsent/) },
        ]),
      );
      await database.db.transaction((tx) =>
        reportSuccession.apply(tx, tenant.id, [closure], todayInVietnam(), crypto.randomUUID()),
      );
      const moved = (await coordinator.get(`/api/reports/${draft.row.id}`)).json();
      expect(moved.unit.id).toBe(successor.id);
      expect(moved.events.at(-1)).toMatchObject({ action: "transferred", actor: "Hệ thống" });
      const period = (await coordinator.get(`/api/reporting/periods/${adHoc.id}`)).json();
      expect(period.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual(
        [svId, successor.id].sort(),
      );
      // What Rạch Giá sent stays its own.
      const sentAfter = await sentReportsOf(rachGiaId);
      expect(sentAfter.length).toBeGreaterThan(0);
      expect(sentAfter).toEqual(sentBefore);
    });

    async function sentReportsOf(unitId: string) {
      const all = (await coordinator.get(`/api/reports?unitId=${unitId}`)).json();
      return all.items
        .filter((r: { status: string }) => r.status !== "draft")
        .map((r: { id: string }) => r.id)
        .sort();
    }

    async function actorOf(username: string) {
      const user = await findUserByUsername(database.db, tenant.id, username);
      return loadActor(database.db, user!);
    }
  },
  { at: SUITE_NOW },
);

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AssignmentDetail } from "../../../common/schemas/assignments.ts";
import type { Database } from "../../db/connection.ts";
import type { AppContext, Tenant } from "../../http/context.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { resetClock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { installModules } from "../index.ts";
import { registerAssignmentJobs, runOccurrences } from "./jobs.ts";
import { RACH_GIA, SVHTTDL, unitId } from "./testing.ts";

// As the server does on start: the demo plan, published while loading, gets its assignments.
installModules();

// The suite's plans and periods are of 2026: it runs on a day of its own (the demo loaded as of
// then), not on whatever day the machine or a pinned CI run says.
const SUITE_NOW = "2026-12-07T09:00:00+07:00";

forEachEngineWithDemo(
  "assignments across a restructuring",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let tenant: Tenant;
    let ctx: AppContext;
    let admin: Client;
    let coordinator: Client;
    let officer: Client;
    let demoPlan: string;

    beforeAll(async () => {
      setClock(SUITE_NOW);
      database = getDatabase();
      ({ app, tenant, ctx } = await createTestApp(database));
      [admin, coordinator, officer] = await Promise.all(
        ["admin", "dieuphoi", "canbo.so"].map((n) => signIn(app, n)),
      );
      demoPlan = (await coordinator.get("/api/plans")).json().items[0].id;
    });
    afterAll(async () => {
      resetClock();
      await app.close();
    });

    const rowsOf = (unit: string, extra = "") =>
      database.query<{ id: string; item_code: string; status: string; occurrence: string; version: number }>(
        `SELECT id, item_code, status, occurrence, version FROM assignments WHERE plan_id = $1 AND unit_id = $2 ${extra} ORDER BY item_code, occurrence`,
        [demoPlan, unit],
      );
    const detail = async (id: string) =>
      (await coordinator.get(`/api/assignments/${id}`)).json() as AssignmentDetail;

    it("passes a dissolved district's open assignments to each commune formed from it, linked to the original", async () => {
      const district = await unitId(database, tenant, "Ủy ban nhân dân huyện Châu Thành", "2024-06-30");
      const rows = await rowsOf(district);
      expect(rows.length).toBeGreaterThan(30);
      // Nothing stays open on a closed unit: what was not done before 1 July 2025 moved.
      expect(rows.every((row) => row.status === "transferred" || row.status === "completed")).toBe(true);
      const original = await detail(rows.find((row) => row.status === "transferred")!.id);
      expect(original.transferredTo.length).toBeGreaterThan(1);
      expect(
        original.transferredTo.every((t) => t.effectiveDate === "2025-07-01" && t.kind === "dissolve"),
      ).toBe(true);
      const successor = await detail(original.transferredTo[0].assignmentId);
      expect(successor).toMatchObject({ itemCode: original.itemCode, role: original.role });
      expect(successor.transferredFrom.map((t) => t.unit.name)).toContain("Ủy ban nhân dân huyện Châu Thành");
      // Each commune starts its own part: not started, whatever the district had reported.
      const first = successor.updates.at(-1);
      expect(first ? first.statusFrom : successor.status).toBe("not_started");
    });

    it("hands a merged department's assignment on, through both 2025 events, and shows who carries it", async () => {
      const stttt = await unitId(database, tenant, "Sở Thông tin và Truyền thông", "2024-06-30");
      // An assignment of the department that was still open on both dates.
      const [chain] = await database.query<{ id: string; item_code: string }>(
        `SELECT a.id, a.item_code FROM assignments a
       JOIN assignment_transfers t1 ON t1.transferred_from = a.id
       JOIN assignment_transfers t2 ON t2.transferred_from = t1.transferred_to
       WHERE a.unit_id = $1 AND a.plan_id = $2 ORDER BY a.item_code LIMIT 1`,
        [stttt, demoPlan],
      );
      const march = await detail(chain.id);
      expect(march.transferredTo.map((t) => `${t.effectiveDate} ${t.unit.name}`)).toEqual([
        "2025-03-01 Sở Khoa học và Công nghệ",
      ]);
      const july = await detail(march.transferredTo[0].assignmentId);
      expect(july.transferredTo.map((t) => `${t.effectiveDate} ${t.unit.name}`)).toEqual([
        "2025-07-01 Sở Khoa học và Công nghệ tỉnh An Giang",
      ]);
      const page = (await coordinator.get(`/api/plans/${demoPlan}/tasks/${chain.item_code}`)).json();
      const named = page.actors
        .flatMap((a: { units: { name: string }[] }) => a.units)
        .find((u: { name: string }) => u.name === "Sở Thông tin và Truyền thông");
      expect(named.validTo).toBe("2025-02-28");
      expect(named.carriers[0].map((s: { since: string; name: string }) => `${s.since} ${s.name}`)).toEqual([
        "2025-03-01 Sở Khoa học và Công nghệ",
        "2025-07-01 Sở Khoa học và Công nghệ tỉnh An Giang",
      ]);
      expect(page.item.source.text.length).toBeGreaterThan(0);
      expect(page.assignments.map((a: { id: string }) => a.id)).toEqual(
        expect.arrayContaining([chain.id, july.transferredTo[0].assignmentId]),
      );
      const iii3 = (await coordinator.get(`/api/plans/${demoPlan}/tasks/III.3`)).json();
      expect(iii3.actors[0]).toMatchObject({ role: "implementing", mention: "Sở Thông tin và Truyền thông" });
      expect(iii3.item.source.text.join(" ")).toContain("Sở Thông tin và Truyền thông chỉ đạo");
    });

    it("lists what would move in a dry run, and refuses an event that leaves open assignments with no successor", async () => {
      const rachGia = await unitId(database, tenant, RACH_GIA);
      const vinhThong = await unitId(database, tenant, "Ủy ban nhân dân phường Vĩnh Thông");
      const open = await rowsOf(rachGia, "AND status IN ('not_started', 'in_progress', 'paused')");
      const event = (successors: string[]) => ({
        title: "Giải thể thử nghiệm",
        effectiveDate: "2026-12-01",
        legalBasis: "thử nghiệm",
        changes: [{ kind: "dissolve", unit: rachGia, successors }],
      });
      const dry = await admin.post("/api/directory/events?dryRun=true", event([vinhThong]));
      expect(dry.statusCode, dry.body).toBe(200);
      const moving = dry.json().transfers.filter((t: { module: string }) => t.module === "assignments");
      expect(moving).toHaveLength(1);
      expect(moving[0]).toMatchObject({ from: RACH_GIA, to: ["Ủy ban nhân dân phường Vĩnh Thông"] });
      expect(moving[0].description).toContain(`${open.length} nhiệm vụ`);
      expect(moving[0].description).toContain("II.4.a.-5 (thực hiện)");
      const refused = await admin.post("/api/directory/events?dryRun=false", event([]));
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("event_blocked");
      const problems = (refused.json().error.details.problems as string[]).filter((p) =>
        p.includes("nhiệm vụ"),
      );
      expect(problems).toHaveLength(open.length);
      expect(problems.every((p) => p.startsWith(`“${RACH_GIA}”: nhiệm vụ`))).toBe(true);
      expect(await rowsOf(rachGia, "AND status IN ('not_started', 'in_progress', 'paused')")).toHaveLength(
        open.length,
      );
      const units = await database.query("SELECT valid_to FROM units WHERE id = $1", [rachGia]);
      expect(units[0].valid_to).toBeNull();
    });

    it("leaves completed work and filed reports untouched by an event dated in the past, and moves the open work", async () => {
      const svhttdl = await unitId(database, tenant, SVHTTDL);
      const [done, going] = (
        await rowsOf(svhttdl, "AND occurrence = 'once' AND status IN ('not_started', 'in_progress')")
      ).slice(0, 2);
      const doneNow = await officer.post(`/api/assignments/${done.id}/status`, {
        version: done.version,
        status: "completed",
      });
      expect(doneNow.statusCode, doneNow.body).toBe(200);
      const reported = await officer.post(`/api/assignments/${going.id}/updates`, {
        version: going.version,
        text: "Đã triển khai",
        percent: 30,
      });
      expect(reported.statusCode, reported.body).toBe(201);
      const snapshot = async () => ({
        row: (await database.query("SELECT * FROM assignments WHERE id = $1", [done.id]))[0],
        updates: await database.query(
          "SELECT * FROM assignment_updates WHERE assignment_id IN ($1, $2) ORDER BY id",
          [done.id, going.id],
        ),
      });
      const before = await snapshot();

      const applied = await admin.post("/api/directory/events?dryRun=false", {
        title: "Tổ chức lại Sở Văn hóa, Thể thao và Du lịch",
        effectiveDate: "2026-01-01",
        legalBasis: "Quyết định thử nghiệm",
        changes: [
          {
            kind: "merge",
            from: [svhttdl],
            into: {
              name: "Sở Văn hóa và Thể thao tỉnh An Giang",
              type: "department",
              parent: "UBND",
              code: "SVHTT-AG",
            },
          },
        ],
      });
      expect(applied.statusCode, applied.body).toBe(200);
      expect(await snapshot()).toEqual(before);
      const moved = await detail(going.id);
      expect(moved.status).toBe("transferred");
      expect(moved.updates.map((u) => u.text)).toContain("Đã triển khai");
      const successor = await detail(moved.transferredTo[0].assignmentId);
      expect(successor).toMatchObject({
        unit: { name: "Sở Văn hóa và Thể thao tỉnh An Giang" },
        status: "in_progress",
        percent: 30,
      });
      // The officer's role followed the merger: the new unit's work is theirs, the old history readable.
      const mine = await officer.get(`/api/assignments/${successor.id}`);
      expect(mine.json().permissions.update).toBe(true);
      const history = await officer.get(`/api/assignments/${done.id}`);
      expect(history.statusCode).toBe(200);
      expect(history.json()).toMatchObject({ status: "completed", permissions: { update: false } });
      await expect(
        database.query("UPDATE assignments SET status = 'in_progress' WHERE id = $1", [done.id]),
      ).rejects.toThrow(/completed assignment never changes/);
    });

    it("creates later occurrences for whoever carries the duty then, never for a closed unit", async () => {
      expect(await runOccurrences(database, tenant.id, "2027-12-20")).toBeGreaterThan(0);
      const closedCarriers = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM assignments a JOIN units u ON u.id = a.unit_id
       WHERE a.occurrence = '2028' AND u.valid_to IS NOT NULL`,
      );
      expect(closedCarriers[0].n).toBe(0);
      const svhtt2024 = await unitId(database, tenant, "Sở Văn hóa và Thể thao", "2024-06-30");
      const carried = await database.query<{ name: string }>(
        `SELECT u.name FROM assignments a JOIN units u ON u.id = a.unit_id
       WHERE a.occurrence = '2028' AND a.item_code = 'III.1' AND $1 = ANY(a.named_unit_ids)`,
        [svhtt2024],
      );
      expect(carried.map((r) => r.name)).toEqual(["Sở Văn hóa và Thể thao tỉnh An Giang"]);
      expect(await runOccurrences(database, tenant.id, "2027-12-20")).toBe(0);
    });

    it("schedules the daily run on the job queue, which creates nothing more the same day", async () => {
      const seen: { name?: string; cron?: string; handler?: (data: object) => Promise<void> } = {};
      const queue = {
        work: async (name: string, handler: (data: object) => Promise<void>) =>
          Object.assign(seen, { name, handler }),
        schedule: async (_name: string, cron: string) => Object.assign(seen, { cron }),
      } as unknown as JobQueue;
      const logged: object[] = [];
      const logger = { info: (o: object) => logged.push(o), warn() {}, error() {} };
      await registerAssignmentJobs(queue, { database, config: ctx.config, logger });
      expect(seen).toMatchObject({ name: "assignments.occurrences", cron: "30 0 * * *" });
      await seen.handler!({});
      expect(logged).toEqual([{ created: 0 }]);
    });
  },
  { at: SUITE_NOW },
);

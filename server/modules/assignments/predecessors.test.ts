import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AssignmentDetail } from "../../../common/schemas/assignments.ts";
import type { Database } from "../../db/connection.ts";
import type { AppContext, Tenant } from "../../http/context.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { installModules } from "../index.ts";
import { evidenceStorage } from "./evidence.ts";
import { unitId } from "./testing.ts";

installModules();

/** A successor's page carries on its predecessors' history: reports, evidence, the dates it passed. */
forEachEngineWithDemo("an assignment's predecessors' history", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let tenant: Tenant;
  let ctx: AppContext;
  let coordinator: Client;
  let officer: Client;
  let demoPlan: string;
  let chain: { first: string; second: string; third: string; firstUnit: string };
  let fileHref: string;
  let updateId: string;

  beforeAll(async () => {
    database = getDatabase();
    ({ app, tenant, ctx } = await createTestApp(database));
    [coordinator, officer] = await Promise.all(["dieuphoi", "canbo.so"].map((n) => signIn(app, n)));
    demoPlan = (await coordinator.get("/api/plans")).json().items[0].id;
    // An assignment passed on twice (March and July 2025): first → second → third.
    const [row] = await database.query<{ first: string; second: string; third: string; unit: string }>(
      `SELECT a.id AS first, t1.transferred_to AS second, t2.transferred_to AS third, a.unit_id AS unit
       FROM assignments a
       JOIN assignment_transfers t1 ON t1.transferred_from = a.id
       JOIN assignment_transfers t2 ON t2.transferred_from = t1.transferred_to
       WHERE a.plan_id = $1 AND a.unit_id = $2 ORDER BY a.item_code LIMIT 1`,
      [demoPlan, await unitId(database, tenant, "Sở Du lịch", "2024-06-30")],
    );
    chain = { first: row.first, second: row.second, third: row.third, firstUnit: row.unit };
    // What the first unit wrote before it closed: a report with a piece of evidence.
    const [update] = await database.query<{ id: string }>(
      `INSERT INTO assignment_updates (tenant_id, assignment_id, kind, percent, text, author_name, reported_on)
       VALUES ($1, $2, 'progress', 40, 'Đã tổ chức 3 hội nghị quán triệt', 'Cán bộ Sở Du lịch', '2025-01-15')
       RETURNING id`,
      [tenant.id, chain.first],
    );
    updateId = update.id;
    const key = `test/predecessor-${updateId}.txt`;
    await evidenceStorage(ctx).putObject(key, Buffer.from("biên bản hội nghị"), "text/plain");
    await database.query(
      `INSERT INTO assignment_files (tenant_id, assignment_id, update_id, storage_key, filename, content_type, size, sha256)
       VALUES ($1, $2, $3, $4, 'bien-ban.txt', 'text/plain', 17, 'x')`,
      [tenant.id, chain.first, updateId, key],
    );
  });
  afterAll(async () => {
    await app.close();
  });

  const detail = async (client: Client, id: string) => {
    const response = await client.get(`/api/assignments/${id}`);
    expect(response.statusCode).toBe(200);
    return response.json() as AssignmentDetail;
  };

  it("lists every predecessor, oldest first, with the day the duty passed on and what it wrote", async () => {
    const third = await detail(coordinator, chain.third);
    const passed = third.predecessors.map((p) => [p.assignmentId, p.passedOn]);
    // Sở Du lịch merged with another department in March (both are predecessors), then in July.
    expect(passed).toEqual(
      expect.arrayContaining([
        [chain.first, "2025-03-01"],
        [chain.second, "2025-07-01"],
      ]),
    );
    expect(passed.map(([, on]) => on)).toEqual([...passed.map(([, on]) => on)].sort());
    expect(passed.at(-1)).toEqual([chain.second, "2025-07-01"]);
    const fromFirst = third.predecessors.find((p) => p.assignmentId === chain.first)!;
    expect(fromFirst.unit.name).toBe("Sở Du lịch");
    const report = fromFirst.updates.find((u) => u.id === updateId)!;
    expect(report).toMatchObject({ text: "Đã tổ chức 3 hội nghị quán triệt", percent: 40 });
    // The evidence is fetched through the page that shows it.
    expect(report.files[0].href).toBe(
      `/api/assignments/${chain.third}/updates/${updateId}/files/${report.files[0].id}`,
    );
    fileHref = report.files[0].href;
    // Its own updates stay its own: nothing of the predecessors is copied into them.
    expect(third.updates.some((u) => u.id === updateId)).toBe(false);
    const first = await detail(coordinator, chain.first);
    expect(first.predecessors).toEqual([]);
  });

  it("serves a predecessor's evidence through its successor, within the successor's scope", async () => {
    const response = await coordinator.get(fileHref);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("biên bản hội nghị");
    // The successor unit's officer reads the history of the duty they carry now.
    const mine = await officer.get(`/api/assignments/${chain.third}`);
    if (mine.statusCode === 200) {
      const seen = (await detail(coordinator, chain.third)).predecessors.map((p) => p.assignmentId);
      expect((mine.json() as AssignmentDetail).predecessors.map((p) => p.assignmentId)).toEqual(seen);
      expect((await officer.get(fileHref)).statusCode).toBe(200);
    }
  });

  it("refuses a file of an assignment the page does not continue", async () => {
    // An unrelated assignment of the same plan: its page does not carry the Sở Du lịch file.
    const [other] = await database.query<{ id: string }>(
      `SELECT id FROM assignments WHERE plan_id = $1 AND id NOT IN ($2, $3, $4) AND NOT EXISTS (
         SELECT 1 FROM assignment_transfers t WHERE t.transferred_to = assignments.id) LIMIT 1`,
      [demoPlan, chain.first, chain.second, chain.third],
    );
    const fileId = fileHref.split("/").at(-1);
    const response = await coordinator.get(
      `/api/assignments/${other.id}/updates/${updateId}/files/${fileId}`,
    );
    expect(response.statusCode).toBe(404);
    // The predecessor's own page never lists its successor's history.
    const second = await detail(coordinator, chain.second);
    const before = second.predecessors.map((p) => p.assignmentId);
    expect(before).toContain(chain.first);
    expect(before).not.toContain(chain.second);
    expect(before).not.toContain(chain.third);
  });
});

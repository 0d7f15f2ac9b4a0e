import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventOutcome } from "../../../common/schemas/restructure.ts";
import type { Database } from "../../db/connection.ts";
import type { Tenant } from "../../http/context.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { installModules } from "../index.ts";
import { mappedSuccessors, proposeSuccessors, spokenNames } from "./succession.ts";
import { RACH_GIA, unitId } from "./testing.ts";

installModules();

const successor = (id: string, name: string, extra: string[] = []) => ({
  id,
  ref: id,
  name,
  names: [name, ...extra],
});

describe("the split mapping's rule", () => {
  const a = successor("a", "Ủy ban nhân dân xã Vĩnh Hòa");
  const b = successor("b", "Ủy ban nhân dân xã Vĩnh Thắng", ["UBND xã Vĩnh Thắng"]);

  it("recognises a unit by its name with or without “Ủy ban nhân dân”, in either spelling of “Ủy”", () => {
    expect(spokenNames(["Ủy ban nhân dân xã Vĩnh Hòa"])).toEqual([
      "ủy ban nhân dân xã vĩnh hòa",
      "xã vĩnh hòa",
    ]);
    expect(proposeSuccessors("UBND xã Vĩnh Hòa tổ chức hội nghị", [a, b])).toEqual({
      ids: ["a"],
      reason: "named",
    });
    expect(proposeSuccessors("Uỷ ban nhân dân xã Vĩnh Thắng chủ trì", [a, b]).ids).toEqual(["b"]);
  });

  it("proposes every successor when the text names none of them, or all of them", () => {
    expect(proposeSuccessors("Các xã, phường tổ chức tuyên truyền", [a, b])).toEqual({
      ids: ["a", "b"],
      reason: "all",
    });
    expect(proposeSuccessors("xã Vĩnh Hòa và xã Vĩnh Thắng phối hợp", [a, b]).reason).toBe("all");
  });

  it("takes an assignment's own entry before its task's in its plan, before its task's anywhere", () => {
    const row = { id: "r1", planId: "p1", itemCode: "II.1" };
    const byCode = { code: "II.1", successorIds: ["a"] };
    const byPlan = { code: "II.1", planId: "p1", successorIds: ["b"] };
    const byId = { assignmentId: "r1", successorIds: ["a", "b"] };
    expect(mappedSuccessors(row, [byCode])).toEqual(["a"]);
    expect(mappedSuccessors(row, [byCode, byPlan])).toEqual(["b"]);
    expect(mappedSuccessors(row, [byCode, byPlan, byId])).toEqual(["a", "b"]);
    expect(mappedSuccessors(row, [{ code: "II.2", successorIds: ["a"] }])).toBeNull();
    expect(mappedSuccessors(row, [{ code: "II.1", planId: "p2", successorIds: ["a"] }])).toBeNull();
  });
});

forEachEngineWithDemo("a split by the coordinator's mapping", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let tenant: Tenant;
  let admin: Client;
  let ward: string;
  let parent: string;
  let open: { id: string; item_code: string; plan_id: string; status: string; percent: number | null }[];

  beforeAll(async () => {
    database = getDatabase();
    ({ app, tenant } = await createTestApp(database));
    admin = await signIn(app, "admin");
    ward = await unitId(database, tenant, RACH_GIA);
    [{ parent_id: parent }] = await database.query<{ parent_id: string }>(
      "SELECT parent_id FROM units WHERE id = $1",
      [ward],
    );
    open = await database.query(
      `SELECT id, item_code, plan_id, status, percent FROM assignments
       WHERE unit_id = $1 AND status IN ('not_started', 'in_progress', 'paused') ORDER BY item_code, occurrence`,
      [ward],
    );
  });
  afterAll(async () => {
    await app.close();
  });

  const event = (mapping?: unknown[]) => ({
    title: "Chia tách phường Rạch Giá (thử nghiệm)",
    effectiveDate: "2026-12-01",
    legalBasis: "Nghị quyết thử nghiệm",
    changes: [
      {
        kind: "split",
        from: ward,
        into: [
          { key: "bac", name: "Ủy ban nhân dân phường Rạch Giá Bắc", type: "commune", parent },
          { key: "nam", name: "Ủy ban nhân dân phường Rạch Giá Nam", type: "commune", parent },
        ],
        ...(mapping ? { mapping } : {}),
      },
    ],
  });
  const stillOpen = async () =>
    (
      await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM assignments WHERE unit_id = $1 AND status IN ('not_started', 'in_progress', 'paused')",
        [ward],
      )
    )[0].n;

  it("proposes a mapping in the dry run: every open assignment, with the successors the rule suggests", async () => {
    expect(open.length).toBeGreaterThan(3);
    const dry = await admin.post("/api/directory/events?dryRun=true", event());
    expect(dry.statusCode, dry.body).toBe(200);
    const outcome = dry.json() as EventOutcome;
    expect(outcome.splits).toHaveLength(1);
    const [split] = outcome.splits;
    expect(split.from).toEqual({ id: ward, name: RACH_GIA });
    expect(split.successors).toEqual([
      { ref: "@bac", name: "Ủy ban nhân dân phường Rạch Giá Bắc" },
      { ref: "@nam", name: "Ủy ban nhân dân phường Rạch Giá Nam" },
    ]);
    expect(split.items.map((i) => i.assignmentId).sort()).toEqual(open.map((o) => o.id).sort());
    expect(split.items.every((i) => i.mapped === null && i.proposed.length > 0)).toBe(true);
    const moving = outcome.transfers.filter((t) => t.module === "assignments");
    expect(moving[0].description).toContain("chờ xác nhận phân giao");
  });

  it("refuses to apply a split without a mapping, listing every open assignment, and changes nothing", async () => {
    const refused = await admin.post("/api/directory/events?dryRun=false", event());
    expect(refused.statusCode).toBe(400);
    const error = refused.json().error;
    expect(error.code).toBe("split_unmapped");
    expect(error.message).toContain(`${open.length} nhiệm vụ chưa hoàn thành chưa được xác nhận`);
    expect(error.details.unmapped).toHaveLength(open.length);
    expect(await stillOpen()).toBe(open.length);
    const [unit] = await database.query<{ valid_to: string | null }>(
      "SELECT valid_to FROM units WHERE id = $1",
      [ward],
    );
    expect(unit.valid_to).toBeNull();
  });

  it("refuses, in the reader's language, a mapping that leaves one assignment out", async () => {
    const last = open.at(-1)!;
    const others = open.filter((o) => o.id !== last.id);
    const english = await signIn(app, "admin", "en");
    const refused = await english.post(
      "/api/directory/events?dryRun=false",
      event(others.map((o) => ({ assignmentId: o.id, to: ["@bac"] }))),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/^The split cannot be applied: 1 open assignments/);
    expect(refused.json().error.details.unmapped).toEqual([expect.stringContaining(last.item_code)]);
    expect(await stillOpen()).toBe(open.length);
  });

  it("refuses a mapping to a unit that is not a successor, or of an assignment the unit does not hold open", async () => {
    const outsider = await unitId(database, tenant, "Ủy ban nhân dân phường Vĩnh Thông");
    const wrongUnit = await admin.post(
      "/api/directory/events?dryRun=true",
      event([{ code: open[0].item_code, to: [outsider] }]),
    );
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error.code).toBe("event_invalid");
    expect(wrongUnit.json().error.details.problems[0]).toContain("is not a successor of this split");
    const [foreign] = await database.query<{ id: string }>(
      "SELECT id FROM assignments WHERE unit_id <> $1 LIMIT 1",
      [ward],
    );
    const wrongRow = await admin.post(
      "/api/directory/events?dryRun=true",
      event([{ assignmentId: foreign.id, to: ["@bac"] }]),
    );
    expect(wrongRow.statusCode).toBe(400);
    expect(wrongRow.json().error.details.problems[0]).toContain("does not hold open");
    const both = await admin.post(
      "/api/directory/events?dryRun=true",
      event([{ assignmentId: open[0].id, code: "II.1", to: ["@bac"] }]),
    );
    expect(both.statusCode).toBe(400);
  });

  it("applies a complete mapping: each assignment goes where it was mapped, one successor carrying it as it stands", async () => {
    const [first, ...rest] = open;
    const mapping = [
      { assignmentId: first.id, to: ["@nam"] },
      ...[...new Set(rest.map((o) => o.item_code))].map((code) => ({ code, to: ["@bac", "@nam"] })),
    ];
    const dry = await admin.post("/api/directory/events?dryRun=true", event(mapping));
    expect(dry.statusCode, dry.body).toBe(200);
    const items = (dry.json() as EventOutcome).splits[0].items;
    expect(items.find((i) => i.assignmentId === first.id)?.mapped).toEqual(["@nam"]);
    expect(items.every((i) => i.mapped !== null)).toBe(true);

    const applied = await admin.post("/api/directory/events?dryRun=false", event(mapping));
    expect(applied.statusCode, applied.body).toBe(200);
    expect(await stillOpen()).toBe(0);
    const moved = await database.query<{
      from_id: string;
      name: string;
      status: string;
      percent: number | null;
      kind: string;
    }>(
      `SELECT t.transferred_from AS from_id, u.name, a.status, a.percent, t.kind
       FROM assignment_transfers t JOIN assignments a ON a.id = t.transferred_to JOIN units u ON u.id = a.unit_id
       WHERE t.transferred_from = ANY($1::uuid[])`,
      [open.map((o) => o.id)],
    );
    const firstMoves = moved.filter((m) => m.from_id === first.id);
    expect(firstMoves.map((m) => m.name)).toEqual(["Ủy ban nhân dân phường Rạch Giá Nam"]);
    expect(firstMoves[0]).toMatchObject({ status: first.status, percent: first.percent, kind: "split" });
    for (const other of rest) {
      const names = moved
        .filter((m) => m.from_id === other.id)
        .map((m) => m.name)
        .sort();
      expect(names).toEqual(["Ủy ban nhân dân phường Rạch Giá Bắc", "Ủy ban nhân dân phường Rạch Giá Nam"]);
    }
    // The mapping is kept with the event, as confirmed.
    const [stored] = await database.query<{ spec: { changes: { mapping?: unknown[] }[] } }>(
      "SELECT spec FROM unit_events WHERE id = $1",
      [applied.json().eventId],
    );
    expect(stored.spec.changes[0].mapping).toHaveLength(mapping.length);
  });
});

import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { replayEdits } from "./review.ts";
import { plans } from "./tables.ts";
import { importSeed } from "./testing.ts";
import { locate } from "./tree.ts";

forEachEngineWithDemo("plan review API", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let coordinator: Client;
  let admin: Client;
  let id: string;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database));
    coordinator = await signIn(app, "dieuphoi");
    admin = await signIn(app, "admin");
    id = await importSeed(coordinator);
  });
  afterAll(async () => {
    await app.close();
  });

  const working = async (): Promise<PlanTree & { mentions: { mention: string }[] }> =>
    (await coordinator.get(`/api/plans/${id}/tree?version=working`)).json();
  const item = (tree: PlanTree, code: string): PlanItem | undefined => locate(tree, code)?.item;
  const revision = async () => (await coordinator.get(`/api/plans/${id}`)).json().revision as number;
  const row = async () => (await database.db.select().from(plans).where(eq(plans.id, id)))[0];
  const edits = async () =>
    (await coordinator.get(`/api/plans/${id}/edits`)).json().items as {
      seq: number;
      op: string;
      code: string;
    }[];

  it("corrects an item and keeps the correction as an edit over the unchanged imported version", async () => {
    const response = await coordinator.patch(`/api/plans/${id}/items/II.5.-2`, {
      revision: 1,
      actors: {
        lead: ["Công an tỉnh"],
        coordinating: ["Bộ Chỉ huy Quân sự tỉnh"],
        implementing: [],
        requested: [],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ revision: 2, items: [{ code: "II.5.-2", kind: "task" }] });
    const tree = await working();
    expect(item(tree, "II.5.-2")?.actors.lead).toEqual(["Công an tỉnh"]);
    expect(tree.warnings.some((w) => w.at === "II.5.-2")).toBe(false);
    expect(tree.mentions.map((m) => m.mention)).toContain("Bộ Chỉ huy Quân sự tỉnh");
    const history = await edits();
    expect(history).toMatchObject([{ seq: 1, op: "update", code: "II.5.-2" }]);
    const stored = await row();
    expect(locate(stored.importedTree, "II.5.-2")?.item.actors.lead).toEqual([]);
    expect(stored.importedTree.warnings.some((w) => w.at === "II.5.-2")).toBe(true);
  });

  it("refuses an edit made on a stale revision with 409, and loses neither edit", async () => {
    const current = await revision();
    const first = await admin.patch(`/api/plans/${id}/items/II.1.a`, {
      revision: current,
      text: "Văn bản đã sửa.",
    });
    expect(first.statusCode).toBe(200);
    const stale = await coordinator.patch(`/api/plans/${id}/items/II.1.a`, {
      revision: current,
      text: "Sửa khác.",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: "conflict", details: { currentVersion: current + 1 } });
    expect(item(await working(), "II.1.a")?.text).toBe("Văn bản đã sửa.");
    expect(await revision()).toBe(current + 1);
    expect((await edits()).length).toBe(2);
  });

  it("splits and merges keeping codes stable: a new sibling gets a bullet code the level never had", async () => {
    const text = item(await working(), "II.2.a.-1")!.text;
    const at = text.indexOf("Thực hiện hiệu quả");
    const split = await coordinator.post(`/api/plans/${id}/items/II.2.a.-1/split`, {
      revision: await revision(),
      atOffset: at,
    });
    expect(split.statusCode, split.body).toBe(200);
    expect(split.json().items.map((i: { code: string }) => i.code)).toEqual(["II.2.a.-1", "II.2.a.-12"]);
    const merged = await coordinator.post(`/api/plans/${id}/items/II.2.a.-12/merge`, {
      revision: await revision(),
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const tree = await working();
    expect(item(tree, "II.2.a.-2")).toBeUndefined();
    expect(item(tree, "II.2.a.-12")?.text).toMatch(/^Thực hiện hiệu quả[\s\S]*\nChú trọng bồi dưỡng/);
    const again = await coordinator.post(`/api/plans/${id}/items/II.2.a.-1/split`, {
      revision: await revision(),
      atParagraph: 1,
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe("split_position");
    const byOffset = await coordinator.post(`/api/plans/${id}/items/II.2.a.-1/split`, {
      revision: await revision(),
      atOffset: 20,
    });
    expect(byOffset.json().items[1].code).toBe("II.2.a.-13");
  });

  it("refuses what cannot be split or merged, and bodies that name both split positions", async () => {
    const rev = await revision();
    const section = await coordinator.post(`/api/plans/${id}/items/II/split`, {
      revision: rev,
      atParagraph: 1,
    });
    expect(section.json().error.code).toBe("split_section");
    const last = await coordinator.post(`/api/plans/${id}/items/III.5/merge`, { revision: rev });
    expect(last.statusCode).toBe(400);
    expect(last.json().error.code).toBe("merge_no_next");
    const both = await coordinator.post(`/api/plans/${id}/items/II.1.a/split`, {
      revision: rev,
      atParagraph: 1,
      atOffset: 3,
    });
    expect(both.statusCode).toBe(400);
    const missing = await coordinator.patch(`/api/plans/${id}/items/IX.9`, { revision: rev, text: "x" });
    expect(missing.statusCode).toBe(404);
    expect(await revision()).toBe(rev);
  });

  it("rebuilds the stored working tree exactly by replaying the edits on the imported tree", async () => {
    const stored = await row();
    expect((await edits()).length).toBeGreaterThanOrEqual(5);
    expect(await replayEdits(database.db, stored)).toEqual(stored.workingTree);
  });

  it("links source lines and items both ways", async () => {
    const tree = await working();
    const source = (await coordinator.get(`/api/plans/${id}/source`)).json().lines as {
      number: number;
      code: string | null;
    }[];
    const range = item(tree, "II.4.a.-4")!.source!.lines;
    for (let n = range[0]; n <= range[1]; n++) expect(source[n - 1].code).toBe("II.4.a.-4");
    expect(source.find((line) => line.code === "III.5")?.number).toBe(item(tree, "III.5")!.source!.lines[0]);
  });

  it("records every edit in the audit trail", async () => {
    const rows = await database.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'plan' AND entity_id = $1 AND action LIKE 'plan.edit.%'",
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["plan.edit.update", "plan.edit.split", "plan.edit.merge"]),
    );
    expect(rows.length).toBe((await edits()).length);
  });
});

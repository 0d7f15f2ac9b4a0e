import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SubPlanStatusEntry, TreeMention } from "../../../common/schemas/plans.ts";
import { loadDemoPlan } from "../../../demo/plan.ts";
import type { Database } from "../../db/connection.ts";
import type { Tenant } from "../../http/context.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { DISTRICT_PLAN, importSeed, upload } from "./testing.ts";

forEachEngineWithDemo("sub-plans and the demo plan", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let tenant: Tenant;
  let coordinator: Client;
  let districtOfficer: Client;
  let districtLeader: Client;
  let departmentOfficer: Client;
  let parentId: string;
  let childId: string;
  let districtId: string;

  beforeAll(async () => {
    database = getDatabase();
    ({ app, tenant } = await createTestApp(database));
    coordinator = await signIn(app, "dieuphoi");
    districtOfficer = await signIn(app, "canbo.huyen");
    districtLeader = await signIn(app, "lanhdao.huyen");
    departmentOfficer = await signIn(app, "canbo.so");
    districtId = (
      (await coordinator.get("/api/units?type=district&q=chau%20thanh")).json().items as {
        id: string;
        code: string;
      }[]
    ).find((unit) => unit.code === "905")!.id;
  });
  afterAll(async () => {
    await app.close();
  });

  const stored = async () =>
    (await database.query<{ n: number }>("SELECT count(*)::int AS n FROM plans"))[0].n;
  const revision = async (client: Client, id: string) =>
    (await client.get(`/api/plans/${id}`)).json().revision;

  it("loads the demo plan: the seed imported, every mention resolved by exact name or the demo's table, published", async () => {
    const { planId, lines } = await loadDemoPlan(database, tenant);
    parentId = planId;
    expect(lines[0]).toMatch(/Demo plan published/);
    const tree = (await departmentOfficer.get(`/api/plans/${planId}/tree`)).json();
    expect(tree.version).toBe(1);
    expect(tree.mentions.every((m: TreeMention) => m.confirmed)).toBe(true);
    const related = tree.mentions.find((m: TreeMention) => m.mention === "các đơn vị liên quan");
    expect(related).toMatchObject({ unit_ids: [], group_id: expect.any(String) });
    const stttt = tree.mentions.find((m: TreeMention) => m.mention === "Sở Thông tin và Truyền thông");
    expect(stttt.unit_ids).toHaveLength(1);
  });

  it("lets a district officer import the district's own plan under it; the district is the owner", async () => {
    const response = await upload(districtOfficer, "kh-chau-thanh.txt", DISTRICT_PLAN, `?parent=${parentId}`);
    expect(response.statusCode, response.body).toBe(201);
    const plan = response.json().plan;
    childId = plan.id;
    expect(plan).toMatchObject({
      status: "draft",
      parentPlanId: parentId,
      parent: { id: parentId },
      ownerUnit: { id: districtId, name: "Ủy ban nhân dân huyện Châu Thành" },
      permissions: { edit: true },
    });
  });

  it("hides the draft sub-plan from other units and the coordinator, and refuses them its edits", async () => {
    for (const other of [departmentOfficer, coordinator]) {
      expect((await other.get(`/api/plans/${childId}`)).statusCode).toBe(404);
      const edit = await other.patch(`/api/plans/${childId}/items/II.2`, {
        revision: 1,
        text: "Sửa trái phép.",
      });
      expect(edit.statusCode).toBe(404);
      expect((await other.get(`/api/plans/${parentId}/children`)).json().items).toEqual([]);
    }
    expect(await revision(districtOfficer, childId)).toBe(1);
    const leader = await districtLeader.patch(`/api/plans/${childId}/items/II.2`, {
      revision: await revision(districtLeader, childId),
      text: "Phòng Văn hóa và Thông tin huyện đẩy mạnh tuyên truyền trên hệ thống thông tin cơ sở và mạng xã hội.",
    });
    expect(leader.statusCode).toBe(200);
  });

  it("refuses a sub-plan for another unit (403) and under a draft parent (404 or 409), storing nothing", async () => {
    const before = await stored();
    const forOther = await upload(
      departmentOfficer,
      "kh.txt",
      DISTRICT_PLAN,
      `?parent=${parentId}&unit=${districtId}`,
    );
    expect(forOther.statusCode).toBe(403);
    const draft = await importSeed(coordinator);
    const afterDraft = await stored();
    expect((await upload(districtOfficer, "kh.txt", DISTRICT_PLAN, `?parent=${draft}`)).statusCode).toBe(404);
    const underDraft = await upload(coordinator, "kh.txt", DISTRICT_PLAN, `?parent=${draft}`);
    expect(underDraft.statusCode).toBe(409);
    expect(underDraft.json().error.code).toBe("parent_not_published");
    expect(await stored()).toBe(afterDraft);
    expect(afterDraft).toBe(before + 1);
  });

  it("links a sub-plan task to the parent task it carries out, checking both codes exist", async () => {
    const link = await districtOfficer.post(`/api/plans/${childId}/links`, {
      childCode: "II.1",
      parentCode: "II.1.a",
    });
    expect(link.statusCode, link.body).toBe(201);
    expect(link.json()).toMatchObject({ childCode: "II.1", parentPlanId: parentId, parentCode: "II.1.a" });
    const again = await districtOfficer.post(`/api/plans/${childId}/links`, {
      childCode: "II.1",
      parentCode: "II.1.a",
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(link.json().id);
    const noChild = await districtOfficer.post(`/api/plans/${childId}/links`, {
      childCode: "II.9",
      parentCode: "II.1.a",
    });
    expect(noChild.statusCode).toBe(400);
    expect(noChild.json().error).toMatchObject({ code: "link_code_not_found", field: "childCode" });
    const noParent = await districtOfficer.post(`/api/plans/${childId}/links`, {
      childCode: "II.1",
      parentCode: "II.99",
    });
    expect(noParent.json().error).toMatchObject({ code: "link_code_not_found", field: "parentCode" });
    const provincial = await coordinator.post(`/api/plans/${parentId}/links`, {
      childCode: "II.1.a",
      parentCode: "II.1.a",
    });
    expect(provincial.statusCode).toBe(409);
    expect((await districtOfficer.get(`/api/plans/${childId}/links`)).json().items).toHaveLength(1);
  });

  it("moves a link to the merged item when the linked task is merged into the one before it", async () => {
    expect(
      (await districtOfficer.post(`/api/plans/${childId}/links`, { childCode: "II.2", parentCode: "III.3" }))
        .statusCode,
    ).toBe(201);
    const merged = await districtOfficer.post(`/api/plans/${childId}/items/II.1/merge`, {
      revision: await revision(districtOfficer, childId),
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const links = (await districtOfficer.get(`/api/plans/${childId}/links`)).json().items as {
      childCode: string;
      parentCode: string;
    }[];
    expect(links.map((l) => `${l.childCode}→${l.parentCode}`).sort()).toEqual(["II.1→II.1.a", "II.1→III.3"]);
  });

  it("publishes the sub-plan; then the parent lists it and every unit sees who has issued theirs", async () => {
    const mentions = (await districtOfficer.get(`/api/plans/${childId}/mentions`)).json().items as {
      mention: string;
    }[];
    for (const { mention } of mentions) {
      const response = await districtOfficer.request("PUT", `/api/plans/${childId}/mentions`, {
        mention,
        unitIds: [districtId],
        confirmed: true,
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    expect((await districtOfficer.post(`/api/plans/${childId}/publish`)).statusCode).toBe(201);

    const children = (await departmentOfficer.get(`/api/plans/${parentId}/children`)).json().items;
    expect(children.map((c: { id: string }) => c.id)).toEqual([childId]);
    expect((await departmentOfficer.get(`/api/plans/${parentId}`)).json().children).toHaveLength(1);

    const status = (await departmentOfficer.get(`/api/plans/${parentId}/sub-plan-status`)).json()
      .items as SubPlanStatusEntry[];
    const district = status.find((entry) => entry.unit.id === districtId)!;
    expect(district).toMatchObject({ issued: true, plan: { id: childId } });
    const culture = status.find((entry) => entry.unit.name === "Sở Văn hóa và Thể thao")!;
    expect(culture).toMatchObject({ issued: false, plan: null });
    expect(culture.roles).toContain("implementing");
    expect(status.filter((entry) => entry.issued)).toHaveLength(1);
    // The Front is named as asked (đề nghị) and as a partner; UBND tỉnh only receives reports.
    const front = status.find((entry) => entry.unit.name.startsWith("Ủy ban Mặt trận Tổ quốc"))!;
    expect(front.roles).toEqual(expect.arrayContaining(["requested", "coordinating"]));
    expect(status.some((entry) => entry.unit.name === "Ủy ban nhân dân tỉnh Kiên Giang")).toBe(false);
  });

  it("lets every official read the published sub-plan, and only its unit edit it (403 for others)", async () => {
    expect((await departmentOfficer.get(`/api/plans/${childId}`)).json()).toMatchObject({
      status: "published",
      permissions: { edit: false },
    });
    const amend = await departmentOfficer.post(`/api/plans/${childId}/amendments`, {
      reason: "x",
      amendingNumber: "1/KH",
    });
    expect(amend.statusCode).toBe(403);
    const link = await departmentOfficer.post(`/api/plans/${childId}/links`, {
      childCode: "II.3",
      parentCode: "II.6",
    });
    expect(link.statusCode).toBe(403);
    expect((await districtOfficer.get(`/api/plans/${childId}`)).json()).toMatchObject({
      status: "published",
    });
    expect((await districtOfficer.get(`/api/plans/${childId}/links`)).json().items).toHaveLength(2);
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlanTree } from "../../../common/plan-tree.ts";
import type { PlanMention, TreeMention } from "../../../common/schemas/plans.ts";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { importSeed } from "./testing.ts";
import { locate } from "./tree.ts";

forEachEngineWithDemo("plan mentions, publishing and amendments", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let coordinator: Client;
  let officer: Client;
  let id: string;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database));
    coordinator = await signIn(app, "dieuphoi");
    officer = await signIn(app, "canbo.so");
    id = await importSeed(coordinator, "Kế hoạch thử nghiệm ban hành");
  });
  afterAll(async () => {
    await app.close();
  });

  const mentions = async () =>
    (await coordinator.get(`/api/plans/${id}/mentions`)).json().items as PlanMention[];
  const mention = async (name: string) => (await mentions()).find((m) => m.mention === name)!;
  const put = (body: object) => coordinator.request("PUT", `/api/plans/${id}/mentions`, body);
  const group = async (name: string) =>
    ((await coordinator.get("/api/unit-groups")).json().items as { id: string; name: string }[]).find(
      (g) => g.name === name,
    )!;
  const versions = async () =>
    (await database.query("SELECT version FROM plan_versions WHERE plan_id = $1", [id])).length;

  describe("mentions", () => {
    it("lists every distinct mention with its uses and the directory's suggestions", async () => {
      const all = await mentions();
      expect(new Set(all.map((m) => m.mention)).size).toBe(all.length);
      const snv = all.find((m) => m.mention === "Sở Nội vụ")!;
      expect(snv.uses).toBe(6);
      expect(snv.suggestions[0]).toMatchObject({
        kind: "unit",
        name: "Sở Nội vụ",
        confidence: 1,
        reason: "exact",
      });
      expect((await mention("UBND các huyện, thành phố")).suggestions[0]).toMatchObject({
        kind: "group",
        confidence: 1,
      });
      expect((await mention("Các sở, ban, ngành")).suggestions[0]).toMatchObject({
        kind: "group",
        name: "Các sở, ban, ngành tỉnh",
        reason: "alias",
      });
      // Exact names were confirmed when the plan was imported, and say so; nothing else was.
      expect(snv.resolution).toMatchObject({ confirmed: true, byExactName: true });
      expect(all.filter((m) => m.resolution).every((m) => m.resolution!.byExactName)).toBe(true);
      expect((await mention("Các sở, ban, ngành")).resolution).toBeNull();
    });

    it("offers a collective mention groups only, and no weak name match as a one-click choice", async () => {
      const all = await mentions();
      const levels = all.find((m) => m.mention === "UBND cấp huyện, cấp xã")!;
      expect(levels.collective).toBe(true);
      expect(levels.suggestions.filter((s) => s.kind === "unit")).toEqual([]);
      const heads = all.find((m) => m.mention === "Thủ trưởng các ban, ngành tỉnh")!;
      expect(heads.collective).toBe(true);
      expect(heads.suggestions.filter((s) => s.kind === "unit")).toEqual([]);
      expect(all.flatMap((m) => m.suggestions).every((s) => s.confidence >= 0.95)).toBe(true);
      expect(all.find((m) => m.mention === "Sở Nội vụ")!.collective).toBe(false);
    });

    it("suggests units for abbreviations written in an edited item (Sở TT&TT, UBND tỉnh)", async () => {
      const revision = (await coordinator.get(`/api/plans/${id}`)).json().revision;
      const edited = await coordinator.patch(`/api/plans/${id}/items/III.3`, {
        revision,
        actors: { lead: ["Sở TT&TT"], coordinating: [], implementing: [], requested: ["UBND tỉnh"] },
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect((await mention("Sở TT&TT")).suggestions[0]).toMatchObject({
        name: "Sở Thông tin và Truyền thông",
      });
      expect((await mention("UBND tỉnh")).suggestions[0]).toMatchObject({
        name: "Ủy ban nhân dân tỉnh Kiên Giang",
      });
      expect((await mentions()).some((m) => m.mention === "Sở Thông tin và Truyền thông")).toBe(false);
    });

    it("auto-confirms exact names and non-empty exact groups, and leaves aliases and empty groups to a person", async () => {
      const response = await coordinator.post(`/api/plans/${id}/mentions/auto-confirm`);
      expect(response.statusCode).toBe(200);
      const { confirmed, remaining } = response.json();
      // "Sở TT&TT" is the unit's name once the abbreviation is expanded: exact. The names exact
      // at import were confirmed then.
      expect(confirmed).toEqual(["Sở TT&TT"]);
      for (const name of ["Sở Nội vụ", "UBND các huyện, thành phố", "Ban Dân tộc"]) {
        expect((await mention(name)).resolution).toMatchObject({ confirmed: true, byExactName: true });
      }
      expect(remaining).toEqual(
        expect.arrayContaining([
          "Các sở, ban, ngành",
          "các đơn vị liên quan",
          "UBND tỉnh",
          "UBND cấp huyện, cấp xã",
        ]),
      );
      expect((await mention("Sở TT&TT")).resolution?.units.map((u) => u.name)).toEqual([
        "Sở Thông tin và Truyền thông",
      ]);
      const districts = await mention("UBND các huyện, thành phố");
      expect(districts.resolution).toMatchObject({
        confirmed: true,
        groupId: (await group("UBND các huyện, thành phố")).id,
      });
      expect(districts.resolution!.unitIds).toHaveLength(15);
    });

    it("resolves a group to its members valid on the plan's date, keeping the group", async () => {
      const departments = await group("Các sở, ban, ngành tỉnh");
      const response = await put({ mention: "Các sở, ban, ngành", groupId: departments.id, confirmed: true });
      expect(response.statusCode, response.body).toBe(200);
      const members = (
        await coordinator.get(`/api/unit-groups/${departments.id}/members?asOf=2024-06-01`)
      ).json().items;
      expect(response.json()).toMatchObject({ group_id: departments.id, confirmed: true });
      expect([...response.json().unit_ids].sort()).toEqual(members.map((u: { id: string }) => u.id).sort());
      expect(members.map((u: { name: string }) => u.name)).toContain("Sở Thông tin và Truyền thông");
    });

    it("refuses a mention the plan does not use, an unknown unit, and an empty choice", async () => {
      const unit = (await coordinator.get("/api/units?q=so%20noi%20vu")).json().items[0].id;
      const absent = await put({ mention: "Sở Ngoại giao", unitIds: [unit], confirmed: true });
      expect(absent.statusCode).toBe(400);
      expect(absent.json().error.code).toBe("mention_not_in_plan");
      const unknown = await put({
        mention: "Mặt trận Tổ quốc",
        unitIds: ["00000000-0000-4000-8000-000000000000"],
        confirmed: true,
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.code).toBe("unknown_units");
      expect((await put({ mention: "Mặt trận Tổ quốc", confirmed: true })).statusCode).toBe(400);
      expect((await mention("Mặt trận Tổ quốc")).resolution).toBeNull();
    });
  });

  describe("publishing", () => {
    it("refuses while any mention is unconfirmed, listing them, and stores no version", async () => {
      const response = await coordinator.post(`/api/plans/${id}/publish`);
      expect(response.statusCode).toBe(409);
      const error = response.json().error;
      expect(error.code).toBe("unresolved_mentions");
      expect(error.details.mentions).toEqual(
        expect.arrayContaining(["Mặt trận Tổ quốc", "các đơn vị liên quan"]),
      );
      expect(error.message).toMatch(/Chưa thể ban hành: còn \d+ tên đơn vị/);
      expect(await versions()).toBe(0);
      expect((await coordinator.get(`/api/plans/${id}`)).json()).toMatchObject({
        status: "draft",
        currentVersion: 0,
      });
    });

    it("publishes version 1 once every mention is confirmed; publishing again returns it unchanged", async () => {
      for (const m of (await mentions()).filter((m) => !m.resolution?.confirmed)) {
        const first = m.suggestions[0];
        const choice = !first
          ? { unitIds: [(await coordinator.get("/api/units?q=so%20noi%20vu")).json().items[0].id] }
          : first.kind === "group"
            ? { groupId: first.id }
            : { unitIds: [first.id] };
        expect((await put({ mention: m.mention, ...choice, confirmed: true })).statusCode).toBe(200);
      }
      const first = await coordinator.post(`/api/plans/${id}/publish`);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({
        plan: { status: "published", currentVersion: 1, counts: { unresolvedMentions: 0 } },
        version: { version: 1, reason: null, publishedBy: expect.stringContaining("dieuphoi") },
      });
      const again = await coordinator.post(`/api/plans/${id}/publish`);
      expect(again.statusCode).toBe(200);
      expect(again.json().version).toEqual(first.json().version);
      expect(await versions()).toBe(1);
    });

    it("serves the published tree to every official, valid plan-tree/1 with each mention's units", async () => {
      const response = await officer.get(`/api/plans/${id}/tree`);
      expect(response.statusCode).toBe(200);
      const tree = response.json() as PlanTree & { version: number; mentions: TreeMention[] };
      expect(tree.version).toBe(1);
      expect(PlanTree.safeParse(tree).success).toBe(true);
      const snv = tree.mentions.find((m) => m.mention === "Sở Nội vụ")!;
      expect(snv).toMatchObject({ confirmed: true, group_id: null });
      expect(snv.unit_ids).toHaveLength(1);
      expect((await officer.get(`/api/plans/${id}/tree?version=working`)).statusCode).toBe(404);
      expect((await officer.get(`/api/plans/${id}/mentions`)).statusCode).toBe(403);
      expect((await officer.post(`/api/plans/${id}/publish`)).statusCode).toBe(403);
    });

    it("refuses edits and resolutions of a published plan until an amendment is opened", async () => {
      const revision = (await coordinator.get(`/api/plans/${id}`)).json().revision;
      const edit = await coordinator.patch(`/api/plans/${id}/items/II.1.a`, {
        revision,
        text: "Sửa sau ban hành.",
      });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().error.code).toBe("plan_not_editable");
      const unit = (await coordinator.get("/api/units?q=so%20noi%20vu")).json().items[0].id;
      expect((await put({ mention: "Mặt trận Tổ quốc", unitIds: [unit], confirmed: true })).statusCode).toBe(
        409,
      );
    });
  });

  describe("amendments", () => {
    it("opens an amendment draft, publishes it as version 2 with its reason, and keeps version 1 in force meanwhile", async () => {
      const body = {
        reason: "Bổ sung nhiệm vụ chuyển đổi số",
        amendingNumber: "15/KH-UBND",
        amendingDate: "2025-01-20",
      };
      const opened = await coordinator.post(`/api/plans/${id}/amendments`, body);
      expect(opened.statusCode, opened.body).toBe(201);
      expect(opened.json().plan).toMatchObject({
        status: "amending",
        pendingAmendment: { amendingNumber: "15/KH-UBND" },
      });
      expect((await coordinator.post(`/api/plans/${id}/amendments`, body)).json().error.code).toBe(
        "amendment_open",
      );

      let revision = (await coordinator.get(`/api/plans/${id}`)).json().revision;
      const edit = await coordinator.patch(`/api/plans/${id}/items/II.1.a`, {
        revision,
        text: "Nội dung sửa đổi.",
      });
      expect(edit.statusCode).toBe(200);
      revision = edit.json().revision;
      const split = await coordinator.post(`/api/plans/${id}/items/II.7.-1/split`, {
        revision,
        atOffset: 40,
      });
      expect(split.statusCode).toBe(200);
      const newCode = split.json().items[1].code;

      // Readers still get version 1 while the amendment is drafted.
      const inForce = (await officer.get(`/api/plans/${id}/tree`)).json();
      expect(inForce.version).toBe(1);
      expect(locate(inForce, "II.1.a")!.item.text).not.toBe("Nội dung sửa đổi.");
      expect((await officer.get(`/api/plans/${id}`)).json().pendingAmendment).toBeNull();

      const published = await coordinator.post(`/api/plans/${id}/publish`);
      expect(published.statusCode).toBe(201);
      expect(published.json().version).toMatchObject({
        version: 2,
        reason: body.reason,
        amendingNumber: "15/KH-UBND",
        amendingDate: "2025-01-20",
      });
      const list = (await officer.get(`/api/plans/${id}/versions`)).json().items;
      expect(list.map((v: { version: number }) => v.version)).toEqual([1, 2]);

      const diff = (await officer.get(`/api/plans/${id}/versions/1/diff/2`)).json();
      expect(diff.added.map((i: { code: string }) => i.code)).toEqual([newCode]);
      expect(diff.removed).toEqual([]);
      const changed = diff.changed.find((c: { code: string }) => c.code === "II.1.a");
      expect(changed.changes).toEqual([
        {
          field: "text",
          before: expect.stringMatching(/^Tiếp tục tổ chức học tập/),
          after: "Nội dung sửa đổi.",
        },
      ]);
      expect(diff.changed.map((c: { code: string }) => c.code)).toContain("II.7.-1");
      expect((await officer.get(`/api/plans/${id}/versions/1/diff/working`)).statusCode).toBe(404);
      expect((await officer.get(`/api/plans/${id}/versions/1/diff/7`)).statusCode).toBe(404);
    });

    it("refuses an amendment of a draft that was never published", async () => {
      const draft = await importSeed(coordinator);
      const response = await coordinator.post(`/api/plans/${draft}/amendments`, {
        reason: "x",
        amendingNumber: "1/KH",
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe("plan_not_published");
    });

    it("keeps versions and edits append-only and the imported tree unchanged, even to direct SQL", async () => {
      await expect(
        database.query("UPDATE plan_versions SET reason = 'x' WHERE plan_id = $1", [id]),
      ).rejects.toThrow(/append-only/);
      await expect(database.query("DELETE FROM plan_edits WHERE plan_id = $1", [id])).rejects.toThrow(
        /append-only/,
      );
      await expect(
        database.query("UPDATE plans SET imported_tree = working_tree WHERE id = $1", [id]),
      ).rejects.toThrow(/never change/);
    });
  });

  describe("the registry", () => {
    it("finds plans without diacritics by title words, number, issuer and cited documents", async () => {
      const find = async (q: string, who = officer) =>
        ((await who.get(`/api/plans?q=${encodeURIComponent(q)}`)).json().items as { id: string }[]).map(
          (p) => p.id,
        );
      expect(await find("ke hoach thu nghiem ban hanh")).toEqual([id]);
      expect(await find("ke hoach dai doan ket")).toContain(id);
      expect(await find("43-NQ/TW")).toContain(id);
      expect(await find("uy ban nhan dan tinh kien giang KH-UBND")).toContain(id);
      expect(await find("ke hoach khong ton tai")).toEqual([]);
      // punctuation, case and word order do not matter; each word must begin a word
      expect(await find("BAN HÀNH, thử nghiệm — kế hoạch")).toEqual([id]);
      expect(await find("doan ket dai; toan dan toc")).toContain(id);
      expect(await find("TW 43 NQ")).toContain(id);
      expect(await find("oan ket dai")).not.toContain(id);
      expect(await find("100%_")).toEqual([]);
      const published = (await officer.get("/api/plans?status=published")).json().items as {
        status: string;
      }[];
      expect(published.every((p) => p.status === "published")).toBe(true);
    });

    it("describes a plan: metadata, current version, counts, the documents it implements", async () => {
      const detail = (await officer.get(`/api/plans/${id}`)).json();
      expect(detail).toMatchObject({
        title:
          "Kế hoạch thử nghiệm ban hành về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc, xây dựng đất nước ta ngày càng phồn vinh, hạnh phúc",
        status: "published",
        currentVersion: 2,
        parent: null,
        children: [],
        permissions: { edit: false, readWorking: false },
      });
      expect(detail.counts).toMatchObject({ items: 65, unresolvedMentions: 0 });
      expect(detail.implements.map((r: { number: string }) => r.number)).toEqual(
        expect.arrayContaining(["51-CTr/TU", "43-NQ/TW"]),
      );
    });
  });
});

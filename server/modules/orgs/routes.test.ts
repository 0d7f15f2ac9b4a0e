import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Unit } from "../../../common/schemas/units.ts";
import { forEachEngine, forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";

forEachEngine("directory API", (getDatabase) => {
  let app: FastifyInstance;
  let admin: Client;
  let officer: Client;

  beforeAll(async () => {
    ({ app } = await createTestApp(getDatabase()));
    admin = await signIn(app, "admin");
    officer = await signIn(app, "canbo.so");
  });
  afterAll(async () => {
    await app.close();
  });

  const find = async (q: string) =>
    (await admin.get(`/api/units?q=${encodeURIComponent(q)}`)).json().items as Unit[];

  it("lists the 2024 directory as a tree: province, committee, 15 districts with their communes", async () => {
    const response = await officer.get("/api/units/tree?asOf=2024-06-30");
    expect(response.statusCode).toBe(200);
    const roots = response.json() as (Unit & { children: (Unit & { children: Unit[] })[] })[];
    const province = roots.find((unit) => unit.type === "province")!;
    const committee = province.children.find((unit) => unit.type === "province_committee")!;
    const districts = committee.children.filter((unit) => unit.type === "district");
    expect(districts).toHaveLength(15);
    expect(
      districts.reduce((sum, d) => sum + (d as unknown as { children: Unit[] }).children.length, 0),
    ).toBe(143);
    expect(committee.children.map((unit) => unit.name)).toEqual(
      expect.arrayContaining([
        "Sở Nội vụ",
        "Sở Thông tin và Truyền thông",
        "Ban Dân tộc",
        "Ủy ban nhân dân thành phố Rạch Giá",
      ]),
    );
  });

  it("lists today's directory after the 2025 restructuring: An Giang, 102 communes, no district", async () => {
    const roots = (await officer.get("/api/units/tree")).json() as (Unit & {
      children: (Unit & { children: Unit[] })[];
    })[];
    const province = roots.find((unit) => unit.type === "province")!;
    expect(province.name).toBe("Tỉnh An Giang");
    const committee = province.children.find((unit) => unit.type === "province_committee")!;
    expect(committee.children.filter((unit) => unit.type === "commune")).toHaveLength(102);
    expect(committee.children.filter((unit) => unit.type === "district")).toHaveLength(0);
    expect(committee.children.map((unit) => unit.name)).toEqual(
      expect.arrayContaining([
        "Sở Khoa học và Công nghệ tỉnh An Giang",
        "Sở Dân tộc và Tôn giáo tỉnh An Giang",
        "Ủy ban nhân dân phường Rạch Giá",
        "Ủy ban nhân dân đặc khu Phú Quốc",
      ]),
    );
  });

  it("finds units without diacritics, by short names and aliases", async () => {
    expect((await find("so noi vu"))[0].name).toBe("Sở Nội vụ");
    expect((await find("SO TT&TT")).map((u) => u.name)).toContain("Sở Thông tin và Truyền thông");
    expect((await find("rach gia")).map((u) => u.name)).toContain("Ủy ban nhân dân thành phố Rạch Giá");
    expect((await find("mttq")).map((u) => u.type)).toContain("front");
    expect(await find("100%_\\")).toEqual([]);
  });

  it("finds names typed without diacritics or punctuation, in any word order, by word starts", async () => {
    const names = async (q: string) => (await find(q)).map((u) => u.name);
    const merged = (list: string[]) =>
      list.filter((name) => name.startsWith("Sở Văn hóa, Thể thao và Du lịch"));
    for (const q of [
      "van hoa the thao",
      "the thao van hoa",
      "THE THAO, VAN HOA",
      "du lich; van hoa - the thao",
    ]) {
      expect(merged(await names(q)), q).not.toEqual([]);
    }
    // every word must begin a word: "hao" is inside "thao", "y te" is not in the name
    expect(merged(await names("van hoa hao"))).toEqual([]);
    expect(merged(await names("van hoa y te"))).toEqual([]);
    expect(await names("dong hoa")).toEqual(await names("Đông Hòa"));
    expect((await names("dong hoa")).every((name) => /Đông Hòa/.test(name))).toBe(true);
    expect(await find(" , ; - ")).toEqual([]);
  });

  it("finds a unit by a partial word without diacritics, and puts the exact name first", async () => {
    const created = (
      await admin.post("/api/units", {
        type: "other",
        parentId: null,
        name: "Câu lạc bộ Trống Chhay-dam tỉnh",
        aliases: ["CLB Trống Chhay-dam"],
      })
    ).json() as Unit;
    const other = (
      await admin.post("/api/units", {
        type: "other",
        parentId: null,
        name: "Nhà văn hóa Câu lạc bộ Trống Chhay-dam tỉnh cũ",
      })
    ).json() as Unit;
    const ids = async (q: string) => (await find(q)).map((u) => u.id);
    for (const q of ["Trống", "trong chhay", "chhay-dam", "dam trong", "clb tron"]) {
      expect(await ids(q), q).toContain(created.id);
    }
    expect(await ids("cau lac bo trong chhay dam tinh")).toEqual([created.id, other.id]);
    // exact first even when the list is cut
    const one = (
      await admin.get(`/api/units?limit=1&q=${encodeURIComponent("CAU LAC BO, TRONG CHHAY DAM TINH")}`)
    ).json().items as Unit[];
    expect(one.map((u) => u.id)).toEqual([created.id]);
    // a name starting with the query before one that only contains its words
    expect((await ids("cau lac bo trong")).slice(0, 2)).toEqual([created.id, other.id]);
  });

  it("refuses a search longer than 200 characters with a clear message", async () => {
    const response = await admin.get(`/api/units?q=${"a".repeat(201)}`);
    expect(response.statusCode).toBe(400);
  });

  it("resolves collective mentions to groups and names to units", async () => {
    const group = (
      await officer.get(`/api/units/resolve?mention=${encodeURIComponent("UBND các huyện, thành phố")}`)
    ).json().items[0];
    expect(group).toMatchObject({ kind: "group", name: "UBND các huyện, thành phố", confidence: 1 });
    const unit = (
      await officer.get(`/api/units/resolve?mention=${encodeURIComponent("Ủy ban MTTQ Việt Nam tỉnh")}`)
    ).json().items[0];
    expect(unit).toMatchObject({ kind: "unit", reason: "alias" });
    const groups = (await officer.get("/api/unit-groups")).json().items as { id: string; name: string }[];
    const departments = groups.find((g) => g.name === "Các sở, ban, ngành tỉnh")!;
    const members = (await officer.get(`/api/unit-groups/${departments.id}/members?asOf=2024-06-30`)).json()
      .items as Unit[];
    expect(members.length).toBeGreaterThanOrEqual(20);
    expect(members.every((m) => m.type === "department")).toBe(true);
  });

  it("shows the directory as of a date", async () => {
    const created = (
      await admin.post("/api/units", {
        type: "other",
        parentId: null,
        name: "Đơn vị tạm thời",
        validFrom: "2025-03-01",
        validTo: "2025-06-30",
      })
    ).json() as Unit;
    const names = async (asOf: string) =>
      ((await admin.get(`/api/units?asOf=${asOf}&q=tam thoi`)).json().items as Unit[]).map((u) => u.id);
    expect(await names("2025-02-28")).not.toContain(created.id);
    expect(await names("2025-03-01")).toContain(created.id);
    expect(await names("2025-06-30")).toContain(created.id);
    expect(await names("2025-07-01")).not.toContain(created.id);
    await admin.delete(`/api/units/${created.id}?version=1`);
  });
});

// Province A is the demo template; province B is loaded beside it, before the test (a hook has the
// time a whole province's loading needs).
forEachEngineWithDemo("another province's directory", (getDatabase) => {
  let appA: FastifyInstance;
  let appB: FastifyInstance;
  beforeAll(async () => {
    ({ app: appA } = await createTestApp(getDatabase(), "kien-giang"));
    ({ app: appB } = await createTestApp(getDatabase(), "an-giang-test"));
  });
  afterAll(async () => {
    await appA?.close();
    await appB?.close();
  });

  it("is invisible: its units answer 404 and never appear in lists or search", async () => {
    const adminB = await signIn(appB, "admin");
    const unitB = (
      await adminB.post("/api/units", { type: "other", parentId: null, name: "Đơn vị riêng của tỉnh B" })
    ).json() as Unit;
    const adminA = await signIn(appA, "admin");
    expect((await adminA.get(`/api/units/${unitB.id}`)).statusCode).toBe(404);
    expect((await adminA.get("/api/units?q=rieng cua tinh B")).json().items).toEqual([]);
    expect((await adminA.patch(`/api/units/${unitB.id}`, { version: 1, name: "x" })).statusCode).toBe(404);
    // A session of province B is not a session in province A.
    const crossed = await appA.inject({
      method: "GET",
      url: "/api/me",
      headers: { cookie: `dt_session=${adminB.cookies.dt_session}` },
    });
    expect(crossed.statusCode).toBe(401);
  });
});

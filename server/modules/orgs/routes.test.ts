import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Unit } from "../../../common/schemas/units.ts";
import { forEachEngine } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";

function multipart(filename: string, content: Buffer, contentType: string) {
  const boundary = "----dongthuan-test-boundary";
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

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

  it("lets the administrator create, rename, move and delete a unit, and records each step", async () => {
    const [snv] = await find("Sở Nội vụ");
    const created = await admin.post("/api/units", {
      type: "other",
      parentId: snv.id,
      name: "Ban Thi đua - Khen thưởng",
      aliases: ["Ban TĐKT"],
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json() as Unit;
    const renamed = await admin.patch(`/api/units/${unit.id}`, {
      version: unit.version,
      name: "Ban Thi đua - Khen thưởng tỉnh",
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: "Ban Thi đua - Khen thưởng tỉnh", version: 2 });
    const detail = (await admin.get(`/api/units/${unit.id}`)).json();
    expect(detail.path.map((p: Unit) => p.name)).toEqual([
      "Tỉnh Kiên Giang",
      "Ủy ban nhân dân tỉnh Kiên Giang",
      "Sở Nội vụ",
    ]);
    const audit = (await admin.get(`/api/audit?entityType=unit&entityId=${unit.id}`)).json().items;
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(["unit.update", "unit.create"]);
    expect(audit[0].before.name).toBe("Ban Thi đua - Khen thưởng");
    const deleted = await admin.delete(`/api/units/${unit.id}?version=2`);
    expect(deleted.statusCode).toBe(204);
    expect((await admin.get(`/api/units/${unit.id}`)).statusCode).toBe(404);
  });

  it("refuses moving a unit under its own descendant, and changes nothing", async () => {
    const [district] = await find("Ủy ban nhân dân huyện Châu Thành");
    const communes = (await admin.get(`/api/units?parentId=${district.id}`)).json().items as Unit[];
    const response = await admin.patch(`/api/units/${district.id}`, {
      version: district.version,
      parentId: communes[0].id,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "cycle", field: "parentId" });
    expect(response.json().error.message).toMatch(/cấp dưới/);
    const self = await admin.patch(`/api/units/${district.id}`, {
      version: district.version,
      parentId: district.id,
    });
    expect(self.json().error.code).toBe("cycle");
    expect((await admin.get(`/api/units/${district.id}`)).json()).toMatchObject({
      parentId: district.parentId,
      version: district.version,
    });
  });

  it("of two administrators renaming the same unit at once, one wins and the other gets 409", async () => {
    const [unit] = await find("Sở Du lịch");
    const other = await signIn(app, "admin");
    const [a, b] = await Promise.all([
      admin.patch(`/api/units/${unit.id}`, { version: unit.version, name: "Sở Du lịch (A)" }),
      other.patch(`/api/units/${unit.id}`, { version: unit.version, name: "Sở Du lịch (B)" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe("conflict");
    expect(loser.json().error.details.currentVersion).toBe(unit.version + 1);
    const winner = (a.statusCode === 200 ? a : b).json() as Unit;
    expect((await admin.get(`/api/units/${unit.id}`)).json().name).toBe(winner.name);
    await admin.patch(`/api/units/${unit.id}`, { version: winner.version, name: "Sở Du lịch" });
  });

  it("refuses deleting a unit with sub-units or accounts", async () => {
    const [district] = await find("Ủy ban nhân dân huyện Châu Thành");
    const response = await admin.delete(`/api/units/${district.id}?version=${district.version}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("has_children");
  });

  it("refuses invalid input with the field named", async () => {
    const badType = await admin.post("/api/units", { type: "kingdom", parentId: null, name: "X" });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.field).toBe("type");
    const dates = await admin.post("/api/units", {
      type: "other",
      parentId: null,
      name: "X",
      validFrom: "2025-01-01",
      validTo: "2024-01-01",
    });
    expect(dates.json().error).toMatchObject({ code: "invalid_dates", field: "validTo" });
    const missingParent = await admin.post("/api/units", {
      type: "other",
      parentId: "00000000-0000-4000-8000-000000000000",
      name: "X",
    });
    expect(missingParent.json().error.field).toBe("parentId");
  });

  it("lets only administrators change the directory", async () => {
    const [unit] = await find("Sở Y tế");
    const response = await officer.patch(`/api/units/${unit.id}`, { version: unit.version, name: "Hacked" });
    expect(response.statusCode).toBe(403);
    expect((await officer.post("/api/units", { type: "other", parentId: null, name: "X" })).statusCode).toBe(
      403,
    );
    expect((await admin.get(`/api/units/${unit.id}`)).json().name).toBe("Sở Y tế");
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

  it("exports CSV and XLSX and imports them back with no change", async () => {
    const csv = await admin.get("/api/units/export?format=csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Sở Nội vụ");
    const csvImport = multipart("danh-ba.csv", csv.rawPayload, "text/csv");
    const dry = await admin.request(
      "POST",
      "/api/units/import?dryRun=true",
      csvImport.body,
      csvImport.headers,
    );
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, created: 0, updated: 0, errors: [] });
    expect(dry.json().unchanged).toBeGreaterThan(200);

    const xlsx = await admin.get("/api/units/export?format=xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBeGreaterThan(200);
    // Add one row and change one name, then import for real.
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const nameCol = header.findIndex((h) => h.includes("(name)")) + 1;
    const codeCol = header.findIndex((h) => h.includes("(parent_code)")) + 1;
    const typeCol = header.findIndex((h) => h.includes("(type)")) + 1;
    const row = sheet.getRow(sheet.rowCount + 1);
    row.getCell(typeCol).value = "other";
    row.getCell(nameCol).value = "Trung tâm Phục vụ hành chính công tỉnh";
    row.getCell(codeCol).value = "UBND";
    row.commit();
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const upload = multipart(
      "danh-ba.xlsx",
      body,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const real = await admin.request("POST", "/api/units/import?dryRun=false", upload.body, upload.headers);
    expect(real.json()).toMatchObject({ created: 1, updated: 0, errors: [] });
    const [center] = await find("phuc vu hanh chinh cong");
    expect((await admin.get(`/api/units/${center.id}`)).json().path.at(-1).name).toBe(
      "Ủy ban nhân dân tỉnh An Giang",
    );
  });

  it("reads a directory file off the request thread: others are answered while it is stopped at the limit", async () => {
    // An app whose reading stops after a fifth of a second, and a workbook that takes longer to read
    // on any machine (a worker alone takes about that long to start).
    const { app: strict } = await createTestApp(
      getDatabase(),
      "kien-giang",
      {},
      { parseTimeLimitSeconds: 0.2 },
    );
    try {
      const hurried = await signIn(strict, "admin", "en");
      const before = (await admin.get("/api/units?limit=1000")).json().items.length;
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("don-vi");
      sheet.addRow(["ma (code)", "loai (type)", "ten (name)", "ma_don_vi_cha (parent_code)"]);
      for (let i = 0; i < 60_000; i++) sheet.addRow([`N${i}`, "other", `Đơn vị thử số ${i}`, "UBND"]);
      const upload = multipart(
        "rat-lon.xlsx",
        Buffer.from(await workbook.xlsx.writeBuffer()),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      const order: string[] = [];
      const slow = hurried
        .request("POST", "/api/units/import?dryRun=false", upload.body, upload.headers)
        .then((response) => {
          order.push("import");
          return response;
        });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const health = await strict.inject({ method: "GET", url: "/api/health/live" });
      order.push("health");
      expect(health.statusCode).toBe(200);
      const response = await slow;
      expect(order).toEqual(["health", "import"]);
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe("document_limit");
      expect(response.json().error.message).toMatch(
        /too complex to read within the server's limits \(0\.2 s, PARSE_TIME_LIMIT\)/,
      );
      expect((await admin.get("/api/units?limit=1000")).json().items.length).toBe(before);
    } finally {
      await strict.close();
    }
  });

  it("refuses a file that is not a directory table, in the reader's language", async () => {
    const fake = multipart("danh-ba.xlsx", Buffer.from("ma,ten\nX,Y\n"), "application/octet-stream");
    const answer = await admin.request("POST", "/api/units/import?dryRun=true", fake.body, fake.headers);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error).toMatchObject({ code: "import_invalid" });
    expect(answer.json().error.message).toMatch(/không phải tệp \.xlsx/);
    const other = multipart("danh-ba.ods", Buffer.from("PK"), "application/octet-stream");
    const refused = await admin.request("POST", "/api/units/import?dryRun=true", other.body, other.headers);
    expect(refused.json().error.message).toMatch(/chỉ nhận \.csv hoặc \.xlsx/);
  });

  it("checks every row of an import first: with one bad row nothing is written", async () => {
    const before = (await admin.get("/api/units?limit=1000")).json().items.length;
    const csv = Buffer.from(
      "ma (code),loai (type),ten (name),ma_don_vi_cha (parent_code),hieu_luc_tu (valid_from)\n" +
        "X1,other,Đơn vị hợp lệ,UBND,\n" +
        "X2,planet,Đơn vị sai loại,UBND,\n" +
        "X3,other,Đơn vị sai ngày,UBND,01/03/2025\n" +
        "X4,other,Đơn vị mồ côi,KHONGCO,\n",
    );
    const upload = multipart("sai.csv", csv, "text/csv");
    const result = (
      await admin.request("POST", "/api/units/import?dryRun=false", upload.body, upload.headers)
    ).json();
    expect(result.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual([
      "3:type",
      "4:validFrom",
      "5:parentCode",
    ]);
    expect((await admin.get("/api/units?limit=1000")).json().items.length).toBe(before);
  });

  it("refuses a file that is not a table, with a clear message", async () => {
    const fake = multipart("danh-ba.xlsx", Buffer.from("this is not a zip"), "application/octet-stream");
    const response = await admin.request("POST", "/api/units/import?dryRun=true", fake.body, fake.headers);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("import_invalid");
    const exe = multipart("virus.exe", Buffer.from("MZ"), "application/octet-stream");
    expect(
      (await admin.request("POST", "/api/units/import", exe.body, exe.headers)).json().error.message,
    ).toMatch(/\.csv/);
  });
});

forEachEngine("another province's directory", (getDatabase) => {
  it("is invisible: its units answer 404 and never appear in lists or search", async () => {
    const database = getDatabase();
    const { app: appA } = await createTestApp(database, "kien-giang");
    const { app: appB } = await createTestApp(database, "an-giang-test");
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
    await appA.close();
    await appB.close();
  });
});

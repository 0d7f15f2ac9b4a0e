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

forEachEngine("directory API: export and import", (getDatabase) => {
  let app: FastifyInstance;
  let admin: Client;

  beforeAll(async () => {
    ({ app } = await createTestApp(getDatabase()));
    admin = await signIn(app, "admin");
  });
  afterAll(async () => {
    await app.close();
  });

  const find = async (q: string) =>
    (await admin.get(`/api/units?q=${encodeURIComponent(q)}`)).json().items as Unit[];

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

import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Consolidation } from "../../../../common/schemas/consolidation.ts";
import type { Tenant } from "../../../http/context.ts";
import { clock, resetClock, setClock } from "../../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../../test/harness.ts";
import { zipText } from "../../../test/zip.ts";
import { loadConsolidationInput } from "../consolidation.ts";
import { annexWorkbook } from "./annex.ts";
import { draftToDocument } from "./document.ts";
import { buildConsolidationDraft } from "./draft.ts";
import { GROUP_TITLES, synthesise, unitGroup } from "./synthesis.ts";

/**
 * The consolidated report over HTTP, on the demo province (whose 2024 reporting cycle has
 * accepted, late, returned and missing reports): draft, edit with optimistic concurrency,
 * refresh keeping edits, refuse what must be refused, finalise, download.
 */
forEachEngineWithDemo("consolidated provincial report", (getDatabase) => {
  let app: FastifyInstance;
  let coordinator: Client;
  let report: Consolidation;
  let tenant: Tenant;

  beforeAll(async () => {
    ({ app, tenant } = await createTestApp(getDatabase()));
    coordinator = await signIn(app, "dieuphoi");
  }, 120_000);
  afterAll(async () => app?.close());

  const section = (r: Consolidation, kind: string) => r.draft.sections.find((s) => s.kind === kind)!;

  it("drafts the 2024 report from the accepted unit reports of the most recently published plan", async () => {
    const response = await coordinator.post("/api/reporting/consolidations", { periodKey: "2024" });
    expect(response.statusCode, response.body).toBe(201);
    report = response.json();
    expect(report.status).toBe("draft");
    expect(report.version).toBe(1);
    expect(report.actions).toMatchObject({ edit: true, finalise: true });
    const { counts } = report.draft;
    expect(counts.accepted).toBeGreaterThan(5);
    expect(counts.missing).toBeGreaterThanOrEqual(2);
    expect(counts.late).toBeGreaterThanOrEqual(1);
    expect(counts.expected).toBe(counts.accepted + counts.missing);
    const headings = report.draft.sections.filter((s) => s.kind === "heading");
    expect(headings.length).toBeGreaterThan(3);
    // one paragraph per kind of unit, led by its kind
    expect(headings.some((s) => /^Trong năm, các sở, ban, ngành /m.test(s.text))).toBe(true);
    expect(headings.some((s) => /^(Trong năm, )?UBND các huyện, thành phố /m.test(s.text))).toBe(true);
    expect(section(report, "reporting").text).toMatch(/chưa có báo cáo được chấp nhận:/);
    expect(section(report, "directions").text).toBe("");
    expect(report.draft.annex).toHaveLength(counts.accepted);
  });

  it("synthesises each heading by kind of unit, its figures those of the annex", async () => {
    const input = await loadConsolidationInput(getDatabase().db, tenant.id, {
      planId: report.planId,
      periodKey: "2024",
    });
    // deterministic: drafting again from the same reports gives the same text
    const again = buildConsolidationDraft(input);
    const headings = report.draft.sections.filter((s) => s.kind === "heading");
    for (const s of headings) expect(again.sections.find((x) => x.key === s.key)?.text).toBe(s.text);
    // far fewer paragraphs than units under each heading
    for (const s of headings) {
      const writers = input.reports.filter((r) => r.sections.some((x) => x.headingCode === s.headingCode));
      if (writers.length < 10) continue;
      expect(s.text.split("\n").length, s.title).toBeLessThanOrEqual(writers.length / 5);
    }
    // the annex's figures per kind of unit
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await annexWorkbook(report.draft)) as never);
    const sheet = workbook.getWorksheet("Tổng hợp theo nhóm")!;
    const cells: string[][] = [];
    sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    const header = cells.find((row) => row[0] === "Nhóm đơn vị")!;
    const annexValue = (groupTitle: string, indicator: { name: string; unit: string }) =>
      Number(
        cells.find((row) => row[0] === groupTitle)![header.indexOf(`${indicator.name} (${indicator.unit})`)],
      );
    let whole = 0;
    for (const s of headings) {
      const narratives = input.reports.flatMap((r) =>
        r.sections.filter((x) => x.headingCode === s.headingCode).map((x) => ({ ...r, text: x.text })),
      );
      for (const figure of synthesise(narratives, input.reports, input.indicators).figures) {
        expect(s.text, figure.text).toContain(figure.text);
        const indicator = input.indicators.find((i) => i.code === figure.indicator)!;
        const giving = input.reports.filter(
          (r) => unitGroup(r.unitType) === figure.group && typeof r.values[indicator.code] === "number",
        );
        const stated = input.reports.filter((r) => figure.units.includes(r.unitName));
        // the stated figure is the sum of the annex's rows of the units that stated it …
        expect(figure.value).toBe(stated.reduce((a, r) => a + (r.values[indicator.code] ?? 0), 0));
        // … and, said of a whole kind of unit, the annex's total of that kind
        if (stated.length === giving.length) {
          whole += 1;
          expect(
            annexValue(GROUP_TITLES[figure.group], indicator),
            `${indicator.name}, ${figure.group}`,
          ).toBe(figure.value);
          const rounded = figure.text.startsWith("hơn ");
          const printed = Number(figure.text.replace(/^hơn /, "").replace(/\./g, ""));
          if (rounded) {
            expect(figure.value).toBeGreaterThan(printed);
            expect(figure.value - printed).toBeLessThan(10_000);
          } else expect(printed).toBe(figure.value);
        }
      }
    }
    // sessions, participants, dialogues, petitions, commendations for both kinds, Ngày hội for localities
    expect(whole).toBeGreaterThanOrEqual(10);
  });

  it("is issued by the authority in force on the report's date", async () => {
    const on = (date: string) => draftToDocument(report.draft, { date: new Date(`${date}T05:00:00Z`) });
    expect(on("2024-12-20")).toMatchObject({
      issuer: { name: "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" },
      place: "Kiên Giang",
    });
    // Kiên Giang was merged into An Giang on 1 July 2025 (the demo's restructuring events)
    expect(on("2025-08-15")).toMatchObject({
      issuer: { name: "ỦY BAN NHÂN DÂN TỈNH AN GIANG" },
      place: "An Giang",
    });
    const closing = (doc: ReturnType<typeof on>) => {
      const last = doc.body.at(-1);
      return last?.type === "paragraph" ? last.text : "";
    };
    expect(closing(on("2025-08-15"))).toMatch(/của Ủy ban nhân dân tỉnh An Giang\.\/\.$/);
    // undated, the day it is printed decides
    try {
      setClock("2025-06-30T10:00:00+07:00");
      expect(draftToDocument(report.draft).place).toBe("Kiên Giang");
      setClock("2025-07-01T10:00:00+07:00");
      expect(draftToDocument(report.draft).place).toBe("An Giang");
    } finally {
      resetClock();
    }
  });

  it("refuses what is not the coordinator's to do, and hides drafts from the Front", async () => {
    const officer = await signIn(app, "canbo.so");
    expect((await officer.post("/api/reporting/consolidations", { periodKey: "2024" })).statusCode).toBe(403);
    expect((await officer.get(`/api/reporting/consolidations/${report.id}`)).statusCode).toBe(404);
    const leader = await signIn(app, "lanhdao.tinh");
    expect((await leader.get(`/api/reporting/consolidations/${report.id}`)).statusCode).toBe(200);
    const leaderEdit = await leader.patch(`/api/reporting/consolidations/${report.id}/sections/directions`, {
      version: report.version,
      text: "x",
    });
    expect(leaderEdit.statusCode).toBe(403);
    const front = await signIn(app, "giamsat");
    expect((await front.get(`/api/reporting/consolidations/${report.id}`)).statusCode).toBe(404);
    expect((await front.get("/api/reporting/consolidations")).json().items).toEqual([]);
  });

  it("refuses bad input with a clear message in the request's language", async () => {
    const unknownPeriod = await coordinator.post("/api/reporting/consolidations", { periodKey: "1999" });
    expect(unknownPeriod.statusCode).toBe(404);
    expect(unknownPeriod.json().error.message).toMatch(/Không tìm thấy kỳ báo cáo 1999/);
    const noPeriod = await coordinator.post("/api/reporting/consolidations", {});
    expect(noPeriod.statusCode).toBe(400);
    const extra = await coordinator.post("/api/reporting/consolidations", { periodKey: "2024", force: true });
    expect(extra.statusCode).toBe(400);
    const badPlan = await coordinator.post("/api/reporting/consolidations", {
      periodKey: "2024",
      planId: "not-a-uuid",
    });
    expect(badPlan.statusCode).toBe(400);
    const otherPlan = await coordinator.post("/api/reporting/consolidations", {
      periodKey: "2024",
      planId: "00000000-0000-4000-8000-000000000000",
    });
    expect(otherPlan.statusCode).toBe(404);
    const unknownSection = await coordinator.patch(
      `/api/reporting/consolidations/${report.id}/sections/nope`,
      {
        version: report.version,
        text: "x",
      },
    );
    expect(unknownSection.statusCode).toBe(404);
    expect(unknownSection.json().error.message).toBe("Bản tổng hợp không có mục “nope”.");
    const badDate = await coordinator.patch(`/api/reporting/consolidations/${report.id}`, {
      version: report.version,
      date: "20/12/2024",
    });
    expect(badDate.statusCode).toBe(400);
    const english = await signIn(app, "dieuphoi", "en");
    const early = await english.post(`/api/reporting/consolidations/${report.id}/finalise`, {
      version: report.version,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toMatch(/next year's directions/);
    // nothing was written by any refusal
    const after = (await coordinator.get(`/api/reporting/consolidations/${report.id}`)).json();
    expect(after.version).toBe(report.version);
    expect(after.status).toBe("draft");
  });

  it("refuses a period without any accepted report, storing nothing", async () => {
    const units: { id: string; type: string; validTo: string | null }[] = (
      await coordinator.get("/api/units")
    ).json().items;
    const unit = units.find((u) => u.type === "department" && !u.validTo)!;
    const today = clock.today();
    const soon = new Date(clock.nowMs() + 7 * 3600_000 + 10 * 86400_000).toISOString().slice(0, 10);
    const request = await coordinator.post(`/api/reporting/plans/${report.planId}/requests`, {
      title: "Báo cáo đột xuất về đối thoại",
      request: "Báo cáo kết quả đối thoại với Nhân dân.",
      windowStart: today,
      windowEnd: today,
      deadline: soon,
      unitIds: [unit.id],
    });
    expect(request.statusCode, request.body).toBe(201);
    const periodKey = request.json().key;
    const english = await signIn(app, "dieuphoi", "en");
    const refused = await english.post("/api/reporting/consolidations", { planId: report.planId, periodKey });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("consolidation_no_reports");
    expect(refused.json().error.message).toMatch(/No unit report for .* has been accepted yet/);
    const list = (await coordinator.get("/api/reporting/consolidations")).json();
    expect(list.items.map((i: { periodKey: string }) => i.periodKey)).toEqual(["2024"]);
  });

  it("edits a section at the version read, and refuses a stale version with 409", async () => {
    const directions = "- Tiếp tục quán triệt Nghị quyết số 43-NQ/TW;\n- Tổ chức đối thoại định kỳ.";
    const first = await coordinator.patch(`/api/reporting/consolidations/${report.id}/sections/directions`, {
      version: report.version,
      text: directions,
    });
    expect(first.statusCode, first.body).toBe(200);
    const edited: Consolidation = first.json();
    expect(edited.version).toBe(report.version + 1);
    expect(section(edited, "directions")).toMatchObject({ text: directions, edited: true });
    const stale = await coordinator.patch(`/api/reporting/consolidations/${report.id}/sections/intro`, {
      version: report.version,
      text: "Ghi đè.",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/phiên bản/);
    const fields = await coordinator.patch(`/api/reporting/consolidations/${report.id}`, {
      version: edited.version,
      number: "245/BC-UBND",
      date: "2024-12-20",
      signerName: "Lê Văn Bình",
    });
    expect(fields.statusCode, fields.body).toBe(200);
    report = fields.json();
    expect(report.document).toEqual({ number: "245/BC-UBND", date: "2024-12-20", signerName: "Lê Văn Bình" });
  });

  it("refreshes from the reports, keeping the coordinator's edits", async () => {
    const response = await coordinator.post("/api/reporting/consolidations", { periodKey: "2024" });
    expect(response.statusCode).toBe(200);
    const refreshed: Consolidation = response.json();
    expect(refreshed.id).toBe(report.id);
    expect(refreshed.version).toBe(report.version + 1);
    expect(section(refreshed, "directions").text).toMatch(/^- Tiếp tục quán triệt/);
    expect(refreshed.document.number).toBe("245/BC-UBND");
    report = refreshed;
  });

  it("downloads the .docx in the Nghị định 30 layout and the .xlsx annex", async () => {
    const docx = await coordinator.get(`/api/reporting/consolidations/${report.id}/report.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    expect(docx.headers["content-disposition"]).toContain("bao-cao-tong-hop-2024-du-thao.docx");
    const xml = zipText(docx.rawPayload, "word/document.xml");
    for (const text of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Số: 245/BC-UBND",
      "BÁO CÁO",
      "I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN",
      "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI",
      "- Tiếp tục quán triệt Nghị quyết số 43-NQ/TW;",
      "Lê Văn Bình",
      "Nơi nhận:",
    ]) {
      expect(xml, text).toContain(`>${text}<`);
    }
    expect(xml).toMatch(/>[^<]*, ngày 20 tháng 12 năm 2024</);
    const xlsx = await coordinator.get(`/api/reporting/consolidations/${report.id}/annex.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    const sheet = workbook.worksheets[0];
    const frozen = sheet.views[0] as { ySplit: number };
    const rows: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > frozen.ySplit) rows.push(String(row.getCell(2).value));
    });
    expect(rows.at(-1)).toBe("Tổng cộng");
    expect(rows).toHaveLength(report.draft.counts.accepted + 1);
  });

  it("answers 503 naming the package when LibreOffice is missing, and says so in the actions", async () => {
    const saved = process.env.SOFFICE_PATH;
    process.env.SOFFICE_PATH = "/nonexistent/soffice";
    try {
      const pdf = await coordinator.get(`/api/reporting/consolidations/${report.id}/report.pdf`);
      expect(pdf.statusCode).toBe(503);
      expect(pdf.json().error.message).toContain("libreoffice-writer-nogui");
      expect((await coordinator.get(`/api/reporting/consolidations/${report.id}`)).json().actions.pdf).toBe(
        false,
      );
    } finally {
      if (saved === undefined) delete process.env.SOFFICE_PATH;
      else process.env.SOFFICE_PATH = saved;
    }
  });

  it("finalises, then refuses every change and refresh", async () => {
    const final = await coordinator.post(`/api/reporting/consolidations/${report.id}/finalise`, {
      version: report.version,
    });
    expect(final.statusCode, final.body).toBe(200);
    report = final.json();
    expect(report.status).toBe("final");
    expect(report.finalisedBy).toMatch(/dieuphoi/);
    expect(report.actions).toMatchObject({ edit: false, finalise: false });
    const edit = await coordinator.patch(`/api/reporting/consolidations/${report.id}/sections/intro`, {
      version: report.version,
      text: "x",
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toMatch(/đã hoàn thành và được khóa/);
    const refinal = await coordinator.post(`/api/reporting/consolidations/${report.id}/finalise`, {
      version: report.version,
    });
    expect(refinal.statusCode).toBe(409);
    const refresh = await coordinator.post("/api/reporting/consolidations", { periodKey: "2024" });
    expect(refresh.statusCode).toBe(409);
    expect(refresh.json().error.message).toMatch(/đã hoàn thành và được khóa/);
    // the Front reads it once final
    const front = await signIn(app, "giamsat");
    expect((await front.get(`/api/reporting/consolidations/${report.id}`)).statusCode).toBe(200);
    const docx = await front.get(`/api/reporting/consolidations/${report.id}/report.docx`);
    expect(docx.headers["content-disposition"]).toContain("bao-cao-tong-hop-2024.docx");
    const list = (await coordinator.get("/api/reporting/consolidations")).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: report.id,
      status: "final",
      periodLabel: expect.stringContaining("2024"),
    });
  });
});

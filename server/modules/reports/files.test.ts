import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it, onTestFinished } from "vitest";
import type { PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import type { Database } from "../../db/connection.ts";
import type { Tenant } from "../../http/context.ts";
import { addDays } from "../../lib/calendar/index.ts";
import { clock, resetClock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, createTestApp, signIn } from "../../test/harness.ts";
import { installModules } from "../index.ts";
import { listUnits } from "../orgs/service.ts";
import { resolveMention } from "../plans/mentions.ts";
import { createPlan } from "../plans/registry.ts";
import { collectMentions } from "../plans/tree.ts";

installModules();

/**
 * The signed scan follows the report's own rules: it is attached only while the report's
 * `attach` action is allowed, and refused otherwise with the code and message its content route
 * (PUT) answers, leaving no row and no stored file behind.
 */

const SVHTTDL = "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang";
const UBND = "Ủy ban nhân dân tỉnh An Giang";

function node(code: string, kind: PlanItem["kind"], text: string, children: PlanItem[] = []): PlanItem {
  return {
    code,
    kind,
    title: kind === "task" ? null : text,
    text,
    actors: { lead: [], coordinating: [], implementing: kind === "task" ? [SVHTTDL] : [], requested: [] },
    due: null,
    children,
  };
}

const tree: PlanTree = {
  format: "plan-tree/1",
  document: {
    type: "KẾ HOẠCH",
    number: "27",
    symbol: "KH-UBND",
    place: "An Giang",
    date: "2026-01-12",
    issuer: UBND,
    title: "Báo cáo có bản ký số đính kèm năm 2026",
    signer: null,
    recipients: [],
  },
  references: [],
  reporting: [
    {
      from: [SVHTTDL],
      to: UBND,
      via: null,
      due: { text: "trước ngày 10/12 hằng năm", recurrence: "yearly", date: null, month: 12, day: 10 },
      source: "III.1",
    },
  ],
  warnings: [],
  items: [
    node("II", "section", "NHIỆM VỤ", [
      node("II.1", "heading", "Tuyên truyền", [node("II.1.a", "task", "Tổ chức hội nghị quán triệt")]),
    ]),
    node("III", "section", "TỔ CHỨC THỰC HIỆN", [node("III.1", "task", "Báo cáo kết quả hằng năm")]),
  ],
};

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n", "latin1");

function scan(name: string, body: Buffer) {
  const boundary = "----report-files-boundary";
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      body,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

// The suite's plans and periods are of 2026: it runs on a day of its own (the demo loaded as of
// then), not on whatever day the machine or a pinned CI run says.
const SUITE_NOW = "2026-12-07T09:00:00+07:00";

forEachEngineWithDemo(
  "reports: a signed scan only while the report may take one",
  (getDatabase) => {
    let app: FastifyInstance;
    let database: Database;
    let tenant: Tenant;
    let coordinator: Client;
    let officer: Client;
    let leader: Client;
    let reportId: string;

    let uploads: string;

    beforeAll(async () => {
      setClock(SUITE_NOW);
      uploads = mkdtempSync(join(tmpdir(), "dongthuan-report-files-"));
      database = getDatabase();
      ({ app, tenant } = await createTestApp(database, "kien-giang", { UPLOAD_DIR: uploads }));
      [coordinator, officer, leader] = await Promise.all(
        ["dieuphoi", "canbo.so", "lanhdao.so"].map((u) => signIn(app, u)),
      );
      const planId = await database.db.transaction(async (tx) => {
        const row = await createPlan(
          tx,
          tenant.id,
          { userId: null, name: "test" },
          { tree, parentPlanId: null, ownerUnitId: null },
        );
        const units = await listUnits(tx, tenant.id, { asOf: "2026-01-12" });
        for (const { mention } of collectMentions(tree)) {
          const unit = units.find((u) => u.name === mention)!;
          await resolveMention(tx, tenant.id, { userId: null, name: "test" }, row.id, {
            mention,
            unitIds: [unit.id],
            confirmed: true,
          });
        }
        return row.id;
      });
      expect((await coordinator.post(`/api/plans/${planId}/publish`)).statusCode).toBe(201);
      const svId = (await listUnits(database.db, tenant.id)).find((u) => u.name === SVHTTDL)!.id;
      const periods = (await coordinator.get(`/api/reporting/plans/${planId}/periods`)).json();
      const periodId = periods.items.find((p: { key: string }) => p.key === "2026").id;
      const opened = await officer.post(`/api/reporting/periods/${periodId}/units/${svId}/report`);
      expect(opened.statusCode, opened.body).toBe(201);
      reportId = opened.json().id;
    });
    afterAll(async () => {
      resetClock();
      await app.close();
      rmSync(uploads, { recursive: true, force: true });
    });

    const storedFiles = () =>
      readdirSync(uploads, { recursive: true, withFileTypes: true }).filter(
        (entry) => entry.isFile() && !entry.name.endsWith(".type"),
      ).length;
    const fileRows = async () =>
      (await database.query(`SELECT id FROM report_files WHERE report_id = $1`, [reportId])).length;
    const current = async (who: Client) => (await who.get(`/api/reports/${reportId}`)).json();
    const attach = (who: Client, name = "bao-cao-ky.pdf", body = PDF) => {
      const form = scan(name, body);
      return who.request("POST", `/api/reports/${reportId}/files`, form.body, form.headers);
    };

    /** The file route refuses as PUT does, and nothing is written. */
    async function refusedLikePut(who: Client, code: string) {
      const report = await current(who);
      expect(report.actions).not.toContain("attach");
      const put = await who.request("PUT", `/api/reports/${reportId}`, {
        version: report.version,
        proposals: "Đề nghị bổ sung kinh phí",
      });
      expect(put.statusCode, put.body).toBe(409);
      expect(put.json().error.code).toBe(code);
      const [rows, files] = [await fileRows(), storedFiles()];
      const refused = await attach(who);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error).toEqual(put.json().error);
      expect(await fileRows()).toBe(rows);
      expect(storedFiles()).toBe(files);
    }

    it("refuses a draft in a locked period, as PUT does (report_period_locked)", async () => {
      const { period } = await current(officer);
      const before = clock.now();
      setClock(`${addDays(period.lockDay, 2)}T10:00:00+07:00`);
      onTestFinished(() => setClock(before));
      // A session of two months ago has expired; sign in again on the moved clock.
      await refusedLikePut(await signIn(app, "canbo.so"), "report_period_locked");
    });

    it("takes the draft's scan (201, stored), sniffed whatever its name", async () => {
      expect((await current(officer)).actions).toContain("attach");
      const program = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00", "latin1"), Buffer.alloc(256, 0)]);
      const wrongType = await attach(officer, "bao-cao-ky.pdf", program);
      expect(wrongType.statusCode).toBe(415);
      expect(wrongType.json().error.code).toBe("report_scan_type");
      expect(await fileRows()).toBe(0);
      expect(storedFiles()).toBe(0);
      const attached = await attach(officer);
      expect(attached.statusCode, attached.body).toBe(201);
      expect(await fileRows()).toBe(1);
      expect(storedFiles()).toBe(1);
      const download = await coordinator.get(`/api/reports/${reportId}/files/${attached.json().id}`);
      expect(download.rawPayload.equals(PDF)).toBe(true);
    });

    it("refuses the officer once submitted to the leader (report_not_editable)", async () => {
      const submitted = await officer.post(`/api/reports/${reportId}/submit`, {
        version: (await current(officer)).version,
      });
      expect(submitted.json().status).toBe("pending_approval");
      await refusedLikePut(officer, "report_not_editable");
      // The leader, who may still edit it before sending, may attach.
      expect((await current(leader)).actions).toContain("attach");
    });

    it("refuses the officer once sent; the leader attaches the paper they signed", async () => {
      const sent = await leader.post(`/api/reports/${reportId}/send`);
      expect(sent.json().status).toBe("sent");
      await refusedLikePut(officer, "report_not_editable");
      expect((await current(leader)).actions).toContain("attach");
      const signed = await attach(leader, "ban-ky.pdf");
      expect(signed.statusCode, signed.body).toBe(201);
      expect(await fileRows()).toBe(2);
    });

    it("refuses everyone once accepted (report_not_editable): no row, no file", async () => {
      const accepted = await coordinator.post(`/api/reports/${reportId}/accept`);
      expect(accepted.json().status).toBe("accepted");
      expect((await current(officer)).actions).toEqual([]);
      await refusedLikePut(officer, "report_not_editable");
      await refusedLikePut(leader, "report_not_editable");
      expect(await fileRows()).toBe(2);
      expect(storedFiles()).toBe(2);
    });
  },
  { at: SUITE_NOW },
);

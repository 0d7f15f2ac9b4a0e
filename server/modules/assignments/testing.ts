import type { Actors, Due, PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import type { Database } from "../../db/connection.ts";
import type { Tenant } from "../../http/context.ts";
import { listUnits } from "../orgs/service.ts";
import { resolveMention } from "../plans/mentions.ts";
import { createPlan } from "../plans/registry.ts";
import { collectMentions } from "../plans/tree.ts";

/** Helpers shared by the assignments module's integration tests. */

const ACTOR = { userId: null, name: "test" };
export const SVHTTDL = "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang";
export const RACH_GIA = "Ủy ban nhân dân phường Rạch Giá";
export const MTTQ = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh An Giang";

const none: Actors = { lead: [], coordinating: [], implementing: [], requested: [] };

export function item(
  code: string,
  text: string,
  actors: Partial<Actors> = {},
  due: Due | null = null,
  children: PlanItem[] = [],
): PlanItem {
  const kind = code.split(".").length === 1 ? "section" : children.length > 0 ? "heading" : "task";
  return {
    code,
    kind,
    title: kind === "task" ? null : text,
    text,
    actors: { ...none, ...actors },
    due,
    children,
  };
}

export const due = (text: string, fields: Partial<Due>): Due => ({
  text,
  recurrence: "once",
  date: null,
  month: null,
  day: null,
  ...fields,
});

/**
 * A small provincial plan of January 2026 naming units in force today: a task led by Sở VHTTDL
 * with a ward coordinating (due 30/6/2026, so overdue), one for the ward (due in 2026), a
 * quarterly report, a request to the Front, and a task with sub-items (a loaded tree may have one).
 */
export function testTree(title: string): PlanTree {
  const section = (code: string, text: string, children: PlanItem[]) => ({ ...item(code, text), children });
  const parent = item("II.5", "Tổ chức Tuần lễ văn hóa các dân tộc", { implementing: [SVHTTDL] }, null, [
    item("II.5.a", "Xây dựng kịch bản", { implementing: [SVHTTDL] }),
    item("II.5.b", "Tổ chức biểu diễn", { implementing: [SVHTTDL] }),
  ]);
  return {
    format: "plan-tree/1",
    document: {
      type: "KẾ HOẠCH",
      number: "12",
      symbol: "KH-UBND",
      place: "An Giang",
      date: "2026-01-10",
      issuer: "Ủy ban nhân dân tỉnh An Giang",
      title,
      signer: null,
      recipients: [],
    },
    references: [],
    reporting: [],
    warnings: [],
    items: [
      section("I", "MỤC ĐÍCH, YÊU CẦU", [{ ...item("I.1", "Theo dõi việc thực hiện."), kind: "statement" }]),
      section("II", "NHIỆM VỤ", [
        item(
          "II.1",
          "Tổ chức Ngày hội văn hóa",
          { lead: [SVHTTDL], coordinating: [RACH_GIA, SVHTTDL] },
          due("trước ngày 30/6/2026", { date: "2026-06-30" }),
        ),
        item(
          "II.2",
          "Rà soát thiết chế văn hóa cơ sở",
          { implementing: [RACH_GIA] },
          due("năm 2026", { date: "2026" }),
        ),
        item(
          "II.3",
          "Báo cáo kết quả",
          { implementing: [SVHTTDL] },
          due("hằng quý", { recurrence: "quarterly" }),
        ),
        item(
          "II.4",
          "Giám sát việc thực hiện",
          { requested: [MTTQ] },
          due("trước ngày 30/9/2026", { date: "2026-09-30" }),
        ),
        { ...parent, kind: "task" },
      ]),
    ],
  };
}

/** Stores the test plan as a draft with every mention resolved to the unit of that name. */
export async function createTestPlan(database: Database, tenant: Tenant, title: string): Promise<string> {
  return database.db.transaction(async (tx) => {
    const tree = testTree(title);
    const row = await createPlan(tx, tenant.id, ACTOR, { tree, parentPlanId: null, ownerUnitId: null });
    const units = await listUnits(tx, tenant.id, { asOf: "2026-01-10" });
    for (const { mention } of collectMentions(tree)) {
      const unit = units.find((u) => u.name === mention);
      if (!unit) throw new Error(`no unit named ${mention}`);
      await resolveMention(tx, tenant.id, ACTOR, row.id, { mention, unitIds: [unit.id], confirmed: true });
    }
    return row.id;
  });
}

export async function unitId(database: Database, tenant: Tenant, name: string, asOf?: string) {
  const unit = (await listUnits(database.db, tenant.id, { asOf })).find((u) => u.name === name);
  if (!unit) throw new Error(`no unit named ${name}`);
  return unit.id;
}

/** A multipart body with fields and files, as a browser's form sends it. */
export function multipartUpdate(
  fields: Record<string, string>,
  files: { name: string; body: Buffer; type?: string }[],
) {
  const boundary = "----dongthuan-assignments-boundary";
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      file.body,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

export const samplePdf = () =>
  Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n", "latin1");
export const samplePng = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
/** A Windows program's first bytes ("MZ"), whatever name it is sent under. */
export const sampleExe = () =>
  Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00", "latin1"), Buffer.alloc(256, 0)]);

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Locale } from "../../../common/enums.ts";
import { REPORT_ACTIONS } from "../../../common/schemas/reports.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { type ChangeRow, describeChanges, fill, sentenceOf } from "./changes.ts";

const root = join(import.meta.dirname, "../../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

/** Every action the code writes to the audit trail as a literal, and those it builds from a list. */
function auditedActions(): string[] {
  const found = new Set<string>();
  for (const file of [...sources(join(root, "server/modules")), ...sources(join(root, "demo"))]) {
    const text = readFileSync(file, "utf8");
    for (const line of text.split("\n")) {
      if (line.includes("AppError")) continue; // an error's parameter, not an audit entry
      for (const match of line.matchAll(/action:\s*"([a-z_]+(?:\.[a-z_-]+)+)"/g)) found.add(match[1]);
    }
    for (const match of text.matchAll(/await audit\(tx, actor, "([a-z_.-]+)"/g))
      found.add(`petition.${match[1]}`);
  }
  for (const action of REPORT_ACTIONS) found.add(`report.${action}`);
  for (const action of ["assign", "decide", "close", "reopen"]) found.add(`escalation.${action}`);
  for (const op of ["update", "split", "merge"]) found.add(`plan.edit.${op}`);
  for (const target of ["dialogue.question", "consultation.comment"])
    for (const outcome of ["publish", "reject"]) found.add(`${target}.${outcome}`);
  found.add("petition.transfer");
  // Moderation targets are prefixes of the recorded action, not actions themselves.
  found.delete("dialogue.question");
  found.delete("consultation.comment");
  return [...found].sort();
}

const row = (partial: Partial<ChangeRow>): ChangeRow => ({
  seq: 1,
  at: "2025-03-01T03:00:00.000Z",
  actorUserId: null,
  actorName: "system",
  action: "unit.update",
  entityType: "unit",
  entityId: null,
  before: null,
  after: null,
  ...partial,
});

// Rows naming no id need no look-up: the database is never reached.
const noDatabase = null as unknown as DbOrTx;

describe("recent changes in words", () => {
  const actions = auditedActions();

  it("finds the audited actions in the code", () => {
    expect(actions).toContain("assignments.transfer");
    expect(actions).toContain("report.return");
    expect(actions).toContain("petition.transfer");
    expect(actions.length).toBeGreaterThan(60);
  });

  for (const locale of ["vi", "en"] as Locale[]) {
    it(`has a sentence for every audited action in ${locale}`, () => {
      const missing = actions.filter((action) => !sentenceOf(locale, action));
      expect(missing).toEqual([]);
    });
  }

  it("fills the parameters and drops the unknown ones", () => {
    expect(
      fill("{{actor}} trả lại báo cáo của {{unit}}", { actor: "Sở Nội vụ", unit: "UBND huyện Châu Thành" }),
    ).toBe("Sở Nội vụ trả lại báo cáo của UBND huyện Châu Thành");
    expect(fill("{{actor}} đăng nhập {{nothing}}", { actor: "A" })).toBe("A đăng nhập");
  });

  it("says an unknown action in a generic sentence, never as a key or an id", async () => {
    const id = "a2042fd4-0000-4000-8000-000000000001";
    for (const locale of ["vi", "en"] as Locale[]) {
      const [change] = await describeChanges(
        noDatabase,
        "t",
        [row({ action: "widget.polish", entityType: "widget", entityId: id })],
        locale,
      );
      expect(change.title).not.toContain("widget");
      expect(change.title).not.toContain(id);
      expect(change.title).toBe(
        locale === "vi" ? "Hệ thống cập nhật dữ liệu" : "The system changed some data",
      );
    }
  });

  it("names a restructuring by its title and date, and a deleted unit by its last name", async () => {
    const [event, deleted] = await describeChanges(
      noDatabase,
      "t",
      [
        row({
          action: "directory.event",
          entityType: "unit_event",
          after: { title: "Hợp nhất Sở Du lịch", effectiveDate: "2025-03-01" },
        }),
        row({ seq: 2, action: "unit.delete", before: { name: "Phòng Tư pháp" } }),
      ],
      "vi",
    );
    expect(event.title).toBe("Sắp xếp tổ chức “Hợp nhất Sở Du lịch” có hiệu lực từ 01/03/2025");
    expect(event.date).toBe("2025-03-01");
    expect(deleted.title).toBe("Hệ thống xóa đơn vị Phòng Tư pháp");
  });

  it("names an actor that is not a user by its code, in the reader's language, old glued names too", async () => {
    const generic = { action: "widget.polish", entityType: "widget" };
    const rows = [
      row({ ...generic, actorName: "restructuring" }),
      row({ ...generic, seq: 2, actorName: "sắp xếp tổ chức bộ máy / restructuring" }),
      row({ ...generic, seq: 3, actorName: "directory" }),
      row({ ...generic, seq: 4, actorName: "demo loader" }),
      row({ seq: 5, action: "report.periods", entityType: "plan", actorName: "hệ thống / system" }),
    ];
    const titles = async (locale: Locale) =>
      (await describeChanges(noDatabase, "t", rows, locale)).map((change) => change.title);
    expect(await titles("vi")).toEqual([
      "Sắp xếp tổ chức bộ máy cập nhật dữ liệu",
      "Sắp xếp tổ chức bộ máy cập nhật dữ liệu",
      "Sự kiện sắp xếp tổ chức cập nhật dữ liệu",
      "Hệ thống cập nhật dữ liệu",
      "Hệ thống lập các kỳ báo cáo của kế hoạch một kế hoạch",
    ]);
    expect(await titles("en")).toEqual([
      "The restructuring changed some data",
      "The restructuring changed some data",
      "The restructuring event changed some data",
      "The system changed some data",
      "The system set the reporting periods of the plan a plan",
    ]);
  });

  it("says a citizen on the portal sent a petition, where staff receive one", async () => {
    for (const actorName of ["portal", "công dân (cổng thông tin) / citizen (portal)"]) {
      const portal = row({ action: "petition.receive", entityType: "petition", actorName });
      const [vi] = await describeChanges(noDatabase, "t", [portal], "vi");
      const [en] = await describeChanges(noDatabase, "t", [portal], "en");
      expect(vi.title).toBe("Công dân gửi một phản ánh, kiến nghị qua cổng thông tin");
      expect(en.title).toBe("A citizen sent a petition through the portal");
      expect(vi.subtitle).toBeNull();
    }
    const [staff] = await describeChanges(
      noDatabase,
      "t",
      [row({ action: "petition.receive", entityType: "petition", actorName: "system" })],
      "en",
    );
    expect(staff.title).toBe("The system received a petition");
  });

  it("falls back to the generic sentence when the data a sentence needs is missing", async () => {
    const [change] = await describeChanges(noDatabase, "t", [row({ action: "unit.update" })], "en");
    expect(change.title).toBe("The system changed some data");
  });
});

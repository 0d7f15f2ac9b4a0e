import { describe, expect, it } from "vitest";
import type { PlanTree } from "../../../common/plan-tree.ts";
import { reportingPeriod } from "../../lib/periods.ts";
import { compareCodes } from "./list.ts";
import { headingsOf, obligationsOf } from "./obligations.ts";
import { dueInPeriod, lastDayOf, occurrencesOf } from "./occurrences.ts";
import { rollup } from "./rollup.ts";
import {
  checkTransition,
  classify,
  emptyCounts,
  emptyRequested,
  isOverdue,
  scoreOf,
  stateOf,
  tally,
} from "./status.ts";
import { due, item, testTree } from "./testing.ts";

describe("due dates and occurrences", () => {
  it("reads a partial date as its last day: a year is 31/12, a month its last day", () => {
    expect(lastDayOf("2025")).toBe("2025-12-31");
    expect(lastDayOf("2024-02")).toBe("2024-02-29");
    expect(lastDayOf("2025-06-30")).toBe("2025-06-30");
  });

  it("gives a one-off task one occurrence, with or without a due date", () => {
    expect(occurrencesOf(null, "2024-06-01", "2026-11-27")).toEqual([
      { key: "once", dueDate: null, startsOn: null },
    ]);
    expect(
      occurrencesOf(due("thường xuyên", { recurrence: null }), "2024-06-01", "2026-11-27")[0].dueDate,
    ).toBeNull();
    expect(occurrencesOf(due("năm 2025", { date: "2025" }), "2024-06-01", "2026-11-27")[0].dueDate).toBe(
      "2025-12-31",
    );
  });

  it("gives a yearly task one occurrence per year from the plan's date until the year after today's, on its day", () => {
    const yearly = due("định kỳ trước ngày 10/12 hằng năm", { recurrence: "yearly", month: 12, day: 10 });
    expect(occurrencesOf(yearly, "2024-06-01", "2026-11-27")).toEqual([
      { key: "2024", dueDate: "2024-12-10", startsOn: "2023-12-15" },
      { key: "2025", dueDate: "2025-12-10", startsOn: "2024-12-15" },
      { key: "2026", dueDate: "2026-12-10", startsOn: "2025-12-15" },
      { key: "2027", dueDate: "2027-12-10", startsOn: "2026-12-15" },
    ]);
  });

  it("keeps the day's place within a half-year, and takes the period's default deadline when the plan gives no day", () => {
    const half = due("trước ngày 15/6 và 15/12 hằng năm", { recurrence: "half-yearly", month: 12, day: 15 });
    expect(dueInPeriod(half, { frequency: "half-yearly", year: 2025, index: 1 })).toBe("2025-06-15");
    expect(dueInPeriod(half, { frequency: "half-yearly", year: 2025, index: 2 })).toBe("2025-12-15");
    const quarterly = due("hằng quý", { recurrence: "quarterly" });
    const q = occurrencesOf(quarterly, "2026-01-10", "2026-11-27");
    expect(q.map((o) => o.key)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]);
    expect(q[0].dueDate).toBe(reportingPeriod("2026-Q1").deadline);
    const monthly = due("trước ngày 25 hằng tháng", { recurrence: "monthly", day: 25 });
    expect(dueInPeriod(monthly, { frequency: "monthly", year: 2026, index: 2 })).toBe("2026-02-25");
  });
});

describe("obligations of a version", () => {
  const tree = testTree("thử");
  const mentions = [
    { mention: "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang", unitIds: ["svh"], groupId: null },
    { mention: "Ủy ban nhân dân phường Rạch Giá", unitIds: ["rg"], groupId: null },
    { mention: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh An Giang", unitIds: ["mt"], groupId: null },
  ];

  it("names each unit of a task once, in its strongest role, for every occurrence", () => {
    const found = obligationsOf(tree, mentions, "2026-01-10", "2026-11-27");
    const keys = found.filter((o) => o.code === "II.1").map((o) => `${o.namedUnitId} ${o.role}`);
    expect(keys).toEqual(["svh lead", "rg coordinating"]);
    expect(found.filter((o) => o.code === "II.3")).toHaveLength(5);
    expect(found.some((o) => o.code === "I.1")).toBe(false);
    expect(found.filter((o) => o.code.startsWith("II.5")).map((o) => o.code)).toEqual([
      "II.5",
      "II.5.a",
      "II.5.b",
    ]);
  });

  it("puts a task under the heading right below its section, or under the section itself", () => {
    const headings = headingsOf(tree);
    expect(headings.get("II.1")).toBe("II");
    expect(headings.get("II.5.a")).toBe("II.5");
    const seedLike: Pick<PlanTree, "items"> = {
      items: [{ ...item("III", "TỔ CHỨC"), children: [item("III.1", "Báo cáo")] }],
    };
    expect(headingsOf(seedLike).get("III.1")).toBe("III");
  });

  it("orders codes as a reader does", () => {
    expect(["II.10", "II.2", "IV", "III.1", "II.2.a.-10", "II.2.a.-2"].sort(compareCodes)).toEqual([
      "II.2",
      "II.2.a.-2",
      "II.2.a.-10",
      "II.10",
      "III.1",
      "IV",
    ]);
  });
});

describe("statuses", () => {
  const row = (
    status: string,
    fields: Partial<{ role: string; dueDate: string | null; completedOn: string | null }> = {},
  ) => ({
    status,
    role: "implementing",
    dueDate: "2026-06-30",
    completedOn: null,
    ...fields,
  });

  it("derives completed late and overdue, never storing them, and never overdue for a requested body", () => {
    expect(stateOf(row("completed", { completedOn: "2026-07-01" }))).toBe("completed_late");
    expect(stateOf(row("completed", { completedOn: "2026-06-30" }))).toBe("completed");
    expect(isOverdue(row("in_progress"), "2026-07-01")).toBe(true);
    expect(isOverdue(row("in_progress"), "2026-06-30")).toBe(false);
    expect(isOverdue(row("paused", { dueDate: null }), "2027-01-01")).toBe(false);
    expect(isOverdue(row("not_started", { role: "requested" }), "2027-01-01")).toBe(false);
  });

  it("classifies into the Government Office's four classes, counting requested bodies apart", () => {
    expect(classify(row("completed", { completedOn: "2026-06-01" }), "2026-11-27")).toBe("completed_on_time");
    expect(classify(row("completed", { completedOn: "2026-08-01" }), "2026-11-27")).toBe("completed_late");
    expect(classify(row("in_progress", { dueDate: "2026-12-31" }), "2026-11-27")).toBe(
      "open_within_deadline",
    );
    expect(classify(row("paused"), "2026-11-27")).toBe("open_overdue");
    expect(classify(row("transferred"), "2026-11-27")).toBeNull();
    const counts = emptyCounts();
    const requested = emptyRequested();
    tally(counts, requested, { ...row("not_started", { role: "requested" }), startsOn: null }, "2026-11-27");
    tally(counts, requested, { ...row("not_started"), startsOn: "2026-12-15" }, "2026-11-27");
    expect(requested).toEqual({ completed: 0, open: 1 });
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it("allows the changes of the workflow and refuses the rest", () => {
    expect(() => checkTransition("not_started", "completed", undefined)).not.toThrow();
    expect(() => checkTransition("paused", "in_progress", undefined)).not.toThrow();
    expect(() => checkTransition("in_progress", "paused", undefined)).toThrow(
      expect.objectContaining({ code: "assignment_pause_reason" }),
    );
    expect(() => checkTransition("in_progress", "in_progress", undefined)).toThrow(
      expect.objectContaining({ code: "assignment_transition" }),
    );
    expect(() => checkTransition("completed", "in_progress", undefined)).toThrow(
      expect.objectContaining({ code: "assignment_closed", status: 409 }),
    );
  });
});

describe("rollup", () => {
  const tree = testTree("thử");
  const r = (itemCode: string, status: string, percent: number | null = null, extra = {}) => ({
    itemCode,
    status,
    role: "implementing",
    percent,
    startsOn: null,
    ...extra,
  });

  it("scores completed 100, in progress its percent or 50, paused its percent or 0, not started 0", () => {
    expect(scoreOf(r("x", "completed"))).toBe(100);
    expect(scoreOf(r("x", "in_progress"))).toBe(50);
    expect(scoreOf(r("x", "in_progress", 70))).toBe(70);
    expect(scoreOf(r("x", "paused"))).toBe(0);
    expect(scoreOf(r("x", "paused", 30))).toBe(30);
    expect(scoreOf({ ...r("x", "completed"), role: "requested" })).toBeNull();
    expect(scoreOf(r("x", "transferred"))).toBeNull();
  });

  it("averages a task's units, weighs the children of a heading, and leaves out periods not begun", () => {
    const rows = [
      r("II.1", "completed"),
      r("II.1", "not_started"),
      r("II.2", "in_progress", 20),
      r("II.3", "completed", null, { startsOn: "2026-01-01" }),
      r("II.3", "not_started", null, { startsOn: "2027-01-01" }),
    ];
    const even = rollup(tree, rows, new Map(), "2026-11-27");
    expect(even.byCode.get("II.1")).toBe(50);
    expect(even.byCode.get("II.3")).toBe(100);
    expect(even.byCode.get("II.4")).toBeNull();
    expect(even.byCode.get("II")).toBeCloseTo((50 + 20 + 100) / 3, 1);
    const weighed = rollup(
      tree,
      rows,
      new Map([
        ["II.3", 0],
        ["II.1", 2],
      ]),
      "2026-11-27",
    );
    expect(weighed.byCode.get("II")).toBe(40);
    expect(weighed.progress).toBe(40);
  });
});

import { describe, expect, it } from "vitest";
import type { PlanItem } from "../../../../common/plan-tree.ts";
import { buildPatch, changedFields, itemToForm } from "./itemForm.ts";

const task: PlanItem = {
  code: "II.1.a",
  kind: "task",
  title: null,
  text: "Tổ chức tuyên truyền",
  actors: { lead: ["Sở Nội vụ"], coordinating: [], implementing: [], requested: [] },
  due: { text: "trước ngày 10/12 hằng năm", recurrence: "yearly", date: null, month: 12, day: 10 },
  children: [],
};

describe("item edit form", () => {
  it("sends nothing but the revision when nothing changed", () => {
    expect(buildPatch(task, itemToForm(task), 3)).toEqual({ revision: 3 });
  });

  it("sends only what changed, lists cleaned, the deadline's day kept", () => {
    const values = {
      ...itemToForm(task),
      text: "Tổ chức tuyên truyền rộng rãi ",
      coordinating: [" Sở Tư pháp", "Sở Tư pháp"],
      dueText: "trước ngày 15/12/2025",
      dueRecurrence: "once" as const,
      dueDate: "15/12/2025",
    };
    const patch = buildPatch(task, values, 4);
    expect(patch).toEqual({
      revision: 4,
      text: "Tổ chức tuyên truyền rộng rãi",
      actors: { lead: ["Sở Nội vụ"], coordinating: ["Sở Tư pháp"], implementing: [], requested: [] },
      due: { text: "trước ngày 15/12/2025", recurrence: "once", date: "2025-12-15", month: 12, day: 10 },
    });
    expect(changedFields(patch)).toEqual(["text", "actors", "due"]);
  });

  it("keeps a day after the period (monthsAfter) when another field changes", () => {
    const quarterly: PlanItem = {
      ...task,
      due: {
        text: "hằng quý, trước ngày 5 của tháng đầu quý sau",
        recurrence: "quarterly",
        date: null,
        month: 1,
        day: 5,
        monthsAfter: 1,
      },
    };
    expect(buildPatch(quarterly, itemToForm(quarterly), 2)).toEqual({ revision: 2 });
    const patch = buildPatch(
      quarterly,
      { ...itemToForm(quarterly), dueText: "hằng quý, trước ngày 5 quý sau" },
      2,
    );
    expect(patch.due).toEqual({ ...quarterly.due, text: "hằng quý, trước ngày 5 quý sau" });
  });

  it("clears the deadline when its text is emptied", () => {
    expect(buildPatch(task, { ...itemToForm(task), dueText: " " }, 1)).toEqual({ revision: 1, due: null });
  });
});

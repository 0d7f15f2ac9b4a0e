import { describe, expect, it } from "vitest";
import type { EventOutcome } from "../../../../common/schemas/restructure.ts";
import { buildEvent, initialMapping, unmappedItems, withMapping } from "./eventForm.ts";

const outcome = (mapped: string[] | null): EventOutcome => ({
  dryRun: true,
  eventId: null,
  created: [],
  closed: [],
  renamed: [],
  moved: [],
  transfers: [],
  splits: [
    {
      changeIndex: 1,
      from: { id: "00000000-0000-4000-8000-000000000001", name: "Xã A" },
      successors: [
        { ref: "@u2-1", name: "Xã B" },
        { ref: "@u2-2", name: "Xã C" },
      ],
      items: ["a1", "a2"].map((id, i) => ({
        module: "assignments",
        assignmentId: id,
        planId: "p",
        planTitle: "Kế hoạch",
        code: `II.${i + 1}`,
        label: "Nhiệm vụ",
        role: "implementing",
        occurrence: "once",
        status: "not_started",
        proposed: i === 0 ? ["@u2-1"] : ["@u2-1", "@u2-2"],
        reason: i === 0 ? "named" : "all",
        mapped,
      })),
    },
  ],
});

describe("the restructuring event form", () => {
  it("builds the API's event, giving each new unit a key a mapping can name", () => {
    const event = buildEvent({
      title: "  Đổi tên  ",
      effectiveDate: "2026-01-01",
      legalBasis: "Quyết định 1",
      changes: [
        { kind: "rename", unit: "u-1", name: " Sở Mới " },
        {
          kind: "split",
          unit: "x-1",
          targets: [
            { mode: "new", name: "Xã B", type: "commune", parent: "h-1" },
            { mode: "existing", unit: "x-9" },
          ],
        },
        {
          kind: "merge",
          units: ["a", "b"],
          into: { mode: "new", name: "Sở C", type: "department", parent: "p" },
        },
        { kind: "dissolve", unit: "d", successors: [] },
      ],
    });
    expect(event.title).toBe("Đổi tên");
    expect(event.changes[0]).toEqual({ kind: "rename", unit: "u-1", name: "Sở Mới" });
    expect(event.changes[1]).toEqual({
      kind: "split",
      from: "x-1",
      into: [{ key: "u2-1", name: "Xã B", type: "commune", parent: "h-1" }, "x-9"],
    });
    expect(event.changes[2]).toMatchObject({ kind: "merge", into: { key: "u3", name: "Sở C" } });
    expect(event.changes[3]).toEqual({ kind: "dissolve", unit: "d", successors: [] });
  });

  it("starts from the proposal, or the mapping the event carried, and writes one entry per assignment", () => {
    const proposed = outcome(null);
    const choice = initialMapping(proposed);
    expect(choice).toEqual({ a1: ["@u2-1"], a2: ["@u2-1", "@u2-2"] });
    expect(initialMapping(outcome(["@u2-2"]))).toEqual({ a1: ["@u2-2"], a2: ["@u2-2"] });
    const event = buildEvent({
      title: "t",
      effectiveDate: "2026-01-01",
      legalBasis: "l",
      changes: [
        { kind: "rename", unit: "u", name: "n" },
        { kind: "split", unit: "x", targets: [] },
      ],
    });
    const mapped = withMapping(event, proposed, { ...choice, a2: [] });
    expect(mapped.changes[1]).toMatchObject({ mapping: [{ assignmentId: "a1", to: ["@u2-1"] }] });
    expect(mapped.changes[0]).toEqual(event.changes[0]);
    expect(unmappedItems(proposed, { ...choice, a2: [] }).map((i) => i.assignmentId)).toEqual(["a2"]);
  });
});

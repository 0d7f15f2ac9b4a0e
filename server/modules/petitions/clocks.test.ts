import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import { computeDeadline, createWorkingCalendar } from "../../lib/calendar/index.ts";
import { clockRules, daysFor, planClock, planExtension, ruleByKey } from "./clocks.ts";
import { thresholdReached } from "./jobs.ts";
import { petitionSettings } from "./settings.ts";

const settings = petitionSettings(loadConfig({} as NodeJS.ProcessEnv));
const calendar = createWorkingCalendar();
const rule = (key: string) => ruleByKey(key, key.split(".")[0] as never, settings)!;

describe("clock rules", () => {
  it("give every clock a legal basis, a starting event and a unit; the province's own rules say so", () => {
    for (const kind of ["phan-anh", "kien-nghi", "khieu-nai", "to-cao"] as const) {
      for (const r of clockRules(kind, settings)) {
        expect(r.basis.length, r.key).toBeGreaterThan(20);
        expect(["received", "accepted", "decision"]).toContain(r.startsFrom);
        expect(["working-days", "calendar-days"]).toContain(r.unit);
        if (kind === "phan-anh" || kind === "kien-nghi") expect(r.provinceRule).toBe(true);
        else expect(r.basis).toMatch(/Luật (Khiếu nại 2011|Tố cáo 2018), Điều \d+/);
      }
    }
    expect(rule("to-cao.accept").check).toMatch(/Điều 24 và Điều 29/);
  });

  it("gives complaints 30 days, 45 when complex or remote, 60 for both; 45–70 at second instance", () => {
    const resolve = rule("khieu-nai.resolve");
    expect(daysFor(resolve, [])).toBe(30);
    expect(daysFor(resolve, ["complex"])).toBe(45);
    expect(daysFor(resolve, ["remoteArea"])).toBe(45);
    expect(daysFor(resolve, ["complex", "remoteArea"])).toBe(60);
    expect(daysFor(resolve, ["secondInstance"])).toBe(45);
    expect(daysFor(resolve, ["secondInstance", "remoteArea", "complex"])).toBe(70);
  });

  it("counts calendar-day clocks from the day after the event and moves a last day off to a working day", () => {
    // Received on Friday 2025-04-25: 10 calendar days end on Monday 5 May (30/4, 1/5 and the weekend are off anyway).
    const planned = planClock(rule("khieu-nai.accept"), "2025-04-25", [], calendar);
    expect(planned.dueDate).toBe(
      computeDeadline({ start: "2025-04-25", amount: 10, unit: "calendar-days" }).due,
    );
    expect(planned.dueDate).toBe("2025-05-05");
    // Working days skip Tết: received 2026-02-13, 15 working days later is well into March.
    const answer = planClock(rule("phan-anh.answer"), "2026-02-13", [], calendar);
    expect(answer.unit).toBe("working-days");
    expect(calendar.workingDaysBetween("2026-02-13", answer.dueDate)).toBe(15);
  });

  it("extends a complaint once, to the complex days", () => {
    const resolve = rule("khieu-nai.resolve");
    expect(planExtension(resolve, { flags: [], extensionCount: 0 }, {})).toMatchObject({
      ok: true,
      days: 15,
      flag: "complex",
    });
    expect(planExtension(resolve, { flags: ["remoteArea"], extensionCount: 0 }, {})).toMatchObject({
      days: 15,
    });
    expect(planExtension(resolve, { flags: ["complex"], extensionCount: 1 }, {})).toEqual({
      ok: false,
      reason: "limit_reached",
    });
    expect(planExtension(rule("khieu-nai.accept"), { flags: [], extensionCount: 0 }, {})).toEqual({
      ok: false,
      reason: "not_extendable",
    });
  });

  it("extends a denunciation by 30 days once, twice only when very complex: 90 days at most", () => {
    const resolve = rule("to-cao.resolve");
    expect(planExtension(resolve, { flags: [], extensionCount: 0 }, {})).toMatchObject({
      ok: true,
      days: 30,
    });
    expect(planExtension(resolve, { flags: [], extensionCount: 1 }, {})).toMatchObject({
      ok: false,
      reason: "needs_flag",
    });
    expect(planExtension(resolve, { flags: [], extensionCount: 1 }, { veryComplex: true })).toMatchObject({
      ok: true,
      days: 30,
      flag: "veryComplex",
    });
    expect(planExtension(resolve, { flags: ["veryComplex"], extensionCount: 2 }, {})).toMatchObject({
      ok: false,
    });
  });

  it("takes the province's answer clock from its settings", () => {
    const custom = petitionSettings(
      loadConfig({ PETITION_ANSWER_WORKING_DAYS: "10", PETITION_EXTENSION_WORKING_DAYS: "0" }),
    );
    const answer = ruleByKey("kien-nghi.answer", "kien-nghi", custom)!;
    expect(answer.days).toBe(10);
    expect(answer.extension).toBeNull();
    expect(() => loadConfig({ PETITION_ANSWER_WORKING_DAYS: "0" })).toThrow(/PETITION_ANSWER_WORKING_DAYS/);
  });
});

describe("warning thresholds", () => {
  it("warns at the smallest threshold reached, and once more when overdue", () => {
    expect(thresholdReached(5, [3, 1])).toBeNull();
    expect(thresholdReached(3, [3, 1])).toBe(3);
    expect(thresholdReached(2, [3, 1])).toBe(3);
    expect(thresholdReached(1, [3, 1])).toBe(1);
    expect(thresholdReached(0, [3, 1])).toBe(1);
    expect(thresholdReached(-1, [3, 1])).toBe(-1);
  });
});

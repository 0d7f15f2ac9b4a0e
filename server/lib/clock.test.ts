import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.ts";
import { todayInVietnam } from "./calendar/index.ts";
import {
  advanceClock,
  clock,
  clockPinnedAt,
  parseClockInstant,
  resetClock,
  setClock,
  today,
} from "./clock.ts";

afterEach(() => resetClock());

describe("the one clock", () => {
  it("is set by a test and read everywhere, including todayInVietnam's default", () => {
    setClock("2026-12-10T08:00:00+07:00", { frozen: true });
    expect(clock.now().toISOString()).toBe("2026-12-10T01:00:00.000Z");
    expect(today()).toBe("2026-12-10");
    expect(todayInVietnam()).toBe("2026-12-10");
    expect(clockPinnedAt()).toBe("2026-12-10T01:00:00.000Z");
  });

  it("gives Vietnam's date, not UTC's, in the early morning", () => {
    // 06:30 on 31 December in Vietnam is still 30 December in UTC.
    setClock("2026-12-31T06:30:00+07:00", { frozen: true });
    expect(clock.now().toISOString().slice(0, 10)).toBe("2026-12-30");
    expect(today()).toBe("2026-12-31");
  });

  it("runs on from a pinned instant unless frozen", async () => {
    setClock("2025-07-01T09:00:00+07:00");
    const first = clock.nowMs();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.nowMs()).toBeGreaterThan(first);
    expect(clock.nowMs() - first).toBeLessThan(5_000);
    setClock("2025-07-01T09:00:00+07:00", { frozen: true });
    const frozen = clock.nowMs();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.nowMs()).toBe(frozen);
  });

  it("moves forward by whole days across a year's end", () => {
    setClock("2026-12-31T20:00:00+07:00", { frozen: true });
    advanceClock(86_400_000);
    expect(today()).toBe("2027-01-01");
    expect(clock.fromNow(-86_400_000).toISOString()).toBe("2026-12-31T13:00:00.000Z");
  });

  it("reads a date alone as 09:00 in Vietnam that day", () => {
    expect(parseClockInstant("2027-02-05").toISOString()).toBe("2027-02-05T02:00:00.000Z");
  });

  it("refuses what is not a date or an instant, with the forms it takes", () => {
    for (const bad of ["tomorrow", "10/12/2026", "2026-13-40", "", "1765000000000"]) {
      expect(() => parseClockInstant(bad), bad).toThrow(/2026-12-10/);
    }
    expect(() => setClock("not a date")).toThrow(RangeError);
  });
});

describe("DONGTHUAN_NOW in the configuration", () => {
  it("is accepted for a demo or a test run", () => {
    expect(() => loadConfig({ DONGTHUAN_NOW: "2026-12-10" })).not.toThrow();
  });

  it("is refused when it does not parse, naming the variable", () => {
    expect(() => loadConfig({ DONGTHUAN_NOW: "next week" })).toThrow(ConfigError);
    expect(() => loadConfig({ DONGTHUAN_NOW: "next week" })).toThrow(/DONGTHUAN_NOW/);
  });

  it("is refused by a production server", () => {
    expect(() => loadConfig({ DONGTHUAN_NOW: "2026-12-10", NODE_ENV: "production" })).toThrow(/production/);
  });
});

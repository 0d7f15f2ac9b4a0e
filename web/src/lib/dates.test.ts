import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  isFuture,
  noteServerTime,
  parseDisplayDate,
  serverNow,
  todayIso,
} from "./dates.ts";

describe("formatDate", () => {
  it("shows a calendar date as dd/MM/yyyy without shifting it", () => {
    expect(formatDate("2024-12-10")).toBe("10/12/2024");
    expect(formatDate("2025-07-01")).toBe("01/07/2025");
  });

  it("shows a UTC timestamp on Vietnam's calendar", () => {
    // 18:30 UTC on 31 Dec is already 1 Jan in Hồ Chí Minh City (UTC+7).
    expect(formatDate("2024-12-31T18:30:00Z")).toBe("01/01/2025");
    expect(formatDate("2024-12-31T16:59:00Z")).toBe("31/12/2024");
  });

  it("returns an empty string for nothing and the input for garbage", () => {
    expect(formatDate(null)).toBe("");
    expect(formatDate(undefined)).toBe("");
    expect(formatDate("not a date")).toBe("not a date");
  });
});

describe("formatDateTime", () => {
  it("uses 24-hour time in Vietnam's zone", () => {
    expect(formatDateTime("2025-03-01T01:05:00Z")).toBe("01/03/2025 08:05");
    expect(formatDateTime("2025-03-01T17:00:00.000Z")).toBe("02/03/2025 00:00");
  });

  it("treats a plain date as a date", () => {
    expect(formatDateTime("2025-03-01")).toBe("01/03/2025");
  });
});

describe("todayIso", () => {
  it("gives Vietnam's date, not UTC's", () => {
    expect(todayIso(new Date("2025-06-30T17:30:00Z"))).toBe("2025-07-01");
    expect(todayIso(new Date("2025-06-30T16:30:00Z"))).toBe("2025-06-30");
  });
});

describe("parseDisplayDate", () => {
  it("reads dd/MM/yyyy", () => {
    expect(parseDisplayDate("1/7/2025")).toBe("2025-07-01");
    expect(parseDisplayDate(" 29/02/2024 ")).toBe("2024-02-29");
  });

  it("refuses dates that do not exist", () => {
    expect(parseDisplayDate("29/02/2025")).toBeNull();
    expect(parseDisplayDate("31/04/2025")).toBeNull();
    expect(parseDisplayDate("2025-04-01")).toBeNull();
  });
});

describe("isFuture", () => {
  const now = new Date("2025-01-01T00:00:00Z");
  it("compares with now", () => {
    expect(isFuture("2025-01-01T00:10:00Z", now)).toBe(true);
    expect(isFuture("2024-12-31T23:50:00Z", now)).toBe(false);
    expect(isFuture(null, now)).toBe(false);
  });
});

describe("the server's clock", () => {
  it("takes today from the server's time, not this machine's", () => {
    const machine = Date.now();
    // The server says it is 06:30 on 10 December in Vietnam (still the 9th in UTC).
    noteServerTime("2026-12-09T23:30:00.000Z", machine);
    expect(todayIso()).toBe("2026-12-10");
    expect(isFuture("2026-12-09T23:45:00.000Z")).toBe(true);
    expect(isFuture("2026-12-09T23:15:00.000Z")).toBe(false);
    expect(Math.abs(serverNow().getTime() - Date.parse("2026-12-09T23:30:00.000Z"))).toBeLessThan(60_000);
  });

  it("ignores a missing or unreadable header", () => {
    noteServerTime("2030-01-01T00:00:00.000Z");
    noteServerTime(null);
    noteServerTime("not a time");
    // 00:00 UTC is 07:00 in Vietnam: the last readable header still counts.
    expect(todayIso()).toBe("2030-01-01");
  });
});

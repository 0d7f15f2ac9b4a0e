import { expect, it } from "vitest";
import { dateInVietnam, dayBefore, formatDate, formatDateTime } from "./dates.ts";

it("writes a calendar date as it is, and a timestamp as its day in Vietnam", () => {
  expect(formatDate("2024-12-10")).toBe("10/12/2024");
  // 20:00 UTC on the 9th is already the 10th in Vietnam (UTC+7).
  expect(formatDate("2024-12-09T20:00:00Z")).toBe("10/12/2024");
  expect(formatDateTime("2024-12-09T20:05:00Z")).toBe("10/12/2024 03:05");
  expect(formatDateTime("2024-12-10")).toBe("10/12/2024");
  expect(dateInVietnam(new Date("2024-12-09T17:00:00Z"))).toBe("2024-12-10");
  expect(formatDate(null)).toBe("");
  expect(formatDate("không phải ngày")).toBe("không phải ngày");
});

it("finds the day before across months, years and a leap day", () => {
  expect(dayBefore("2025-07-01")).toBe("2025-06-30");
  expect(dayBefore("2025-01-01")).toBe("2024-12-31");
  expect(dayBefore("2024-03-01")).toBe("2024-02-29");
});

// Dates are stored as ISO strings (UTC timestamps, or plain calendar dates) and shown
// dd/MM/yyyy in Asia/Ho_Chi_Minh whatever the browser's own zone is.

import { dateInVietnam } from "../../../common/dates.ts";

export { APP_TIME_ZONE, formatDate, formatDateTime } from "../../../common/dates.ts";

export const DISPLAY_DATE_FORMAT = "DD/MM/YYYY"; // dayjs tokens, for antd DatePicker

// The server's clock runs ahead of (or behind) this machine's by this much: every API answer says
// what time the server has (x-server-time), so "today" here is the server's today.
let serverOffsetMs = 0;

/** Records the server's time from an API answer's `x-server-time` header. */
export function noteServerTime(header: string | null, receivedAt: number = Date.now()): void {
  if (!header) return;
  const server = new Date(header).getTime();
  if (!Number.isNaN(server)) serverOffsetMs = server - receivedAt;
}

/** The current instant by the server's clock (the machine's until the first API answer). */
export function serverNow(): Date {
  return new Date(Date.now() + serverOffsetMs);
}

/** Today's calendar date in Vietnam, as YYYY-MM-DD (the API's `asOf`). */
export function todayIso(now: Date = serverNow()): string {
  return dateInVietnam(now);
}

/** Parses dd/MM/yyyy typed by a user into YYYY-MM-DD, or null when it is not a real date. */
export function parseDisplayDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** True when a timestamp lies in the future (e.g. an account still locked). */
export function isFuture(value: string | null | undefined, now: Date = serverNow()): boolean {
  if (!value) return false;
  const t = new Date(value).getTime();
  return !Number.isNaN(t) && t > now.getTime();
}

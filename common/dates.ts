/**
 * How dates are written for people, on the server (letters, notices, reports) and in the web
 * app alike: dd/MM/yyyy, in Vietnam's time zone whatever the machine's own zone is.
 *
 * A calendar date ("2024-12-10") is written as is: shifting it through a time zone would move
 * it a day for a machine west of UTC. A timestamp is written as the date it is in Vietnam.
 */

export const APP_TIME_ZONE = "Asia/Ho_Chi_Minh";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

let zoned: Intl.DateTimeFormat | null = null;

function zonedParts(date: Date): Record<string, string> {
  zoned ??= new Intl.DateTimeFormat("en-GB", {
    timeZone: APP_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const out: Record<string, string> = {};
  for (const part of zoned.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** dd/MM/yyyy; "" for nothing, and a text that is no date comes back as it is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const match = ISO_DATE.exec(value);
  if (match) return `${match[3]}/${match[2]}/${match[1]}`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = zonedParts(date);
  return `${parts.day}/${parts.month}/${parts.year}`;
}

/** dd/MM/yyyy HH:mm in Vietnam's zone (a calendar date alone stays a date). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  if (ISO_DATE.test(value) || Number.isNaN(date.getTime())) return formatDate(value);
  const parts = zonedParts(date);
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** The calendar date (YYYY-MM-DD) an instant falls on in Vietnam. */
export function dateInVietnam(instant: Date): string {
  const parts = zonedParts(instant);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The calendar day before an ISO date: "2025-07-01" → "2025-06-30". */
export function dayBefore(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

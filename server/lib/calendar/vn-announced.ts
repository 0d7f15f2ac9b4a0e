/**
 * What the Government announced, year by year, under Bộ luật Lao động 2019
 * Điều 112 khoản 3: the five Tết days, the day next to 2/9, substitute days off
 * (nghỉ bù), swapped days (hoán đổi) and compensating workdays (làm bù), for
 * state bodies. An operator adds a year here (or passes it to
 * `createWorkingCalendar`) as soon as the announcement is published; a year
 * missing here falls back to the default rules in `holidays.ts`.
 *
 * Only what could be confirmed is encoded; doubts are written beside the entry.
 */
import type { YearArrangement } from "./holidays.ts";

const SWAP = { vi: "Nghỉ hoán đổi", en: "Swapped day off" };
const SUBSTITUTE_TET = { vi: "Nghỉ bù Tết Âm lịch", en: "Substitute day off: Lunar New Year" };
const MAKE_UP = { vi: "Làm bù", en: "Compensating workday" };

export const VN_ANNOUNCED_YEARS: Record<number, YearArrangement> = {
  2024: {
    basis:
      "Thông báo của Bộ Lao động - Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh 2024 (số hiệu chưa đối chiếu); Công văn 2450/VPCP-KGVX năm 2024 (hoán đổi dịp 30/4)",
    // Tết Giáp Thìn: 10/02/2024 (Saturday). Break 08/02–14/02: the five days
    // 09/02 (30 Chạp)–13/02 (mùng 4), with 08/02 and 14/02 off in place of
    // Saturday 10/02 and Sunday 11/02. The notice states the whole break; which
    // two days it labels as nghỉ bù does not change a single working day.
    lunarNewYearDays: ["2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13"],
    daysOff: [
      {
        date: "2024-02-08",
        name: SUBSTITUTE_TET,
        basis: "Bộ luật Lao động 2019, Điều 111 khoản 3",
        kind: "substitute",
      },
      {
        date: "2024-02-14",
        name: SUBSTITUTE_TET,
        basis: "Bộ luật Lao động 2019, Điều 111 khoản 3",
        kind: "substitute",
      },
      // 30/4–1/5 fell on Tuesday–Wednesday: Monday 29/04 off, worked back on Saturday 04/05.
      { date: "2024-04-29", name: SWAP, basis: "Công văn 2450/VPCP-KGVX năm 2024", kind: "swap" },
    ],
    workdays: [{ date: "2024-05-04", name: MAKE_UP, basis: "Công văn 2450/VPCP-KGVX năm 2024" }],
    // 2/9 was a Monday: 2–3/9 off, break 31/8–3/9.
    nationalDayAdjacent: "2024-09-03",
    settled: ["lunar-new-year"],
  },
  2025: {
    basis:
      "Thông báo của Bộ Lao động - Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh 2025 (số hiệu chưa đối chiếu); ý kiến Thủ tướng về hoán đổi dịp 30/4 năm 2025 (số hiệu chưa đối chiếu)",
    // Tết Ất Tỵ: 29/01/2025 (Wednesday). Break Saturday 25/01–Sunday 02/02
    // (26 Chạp–mùng 5), nine days: the five days 28/01 (29 Chạp, the last day of
    // Giáp Thìn)–01/02 (mùng 4), and Monday 27/01 off in place of Saturday 01/02.
    // Unsure: some reports spoke of a swap made up on Saturday 08/02/2025; the
    // days off are the same either way, but 08/02 is left a non-working day.
    lunarNewYearDays: ["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01"],
    daysOff: [
      {
        date: "2025-01-27",
        name: SUBSTITUTE_TET,
        basis: "Bộ luật Lao động 2019, Điều 111 khoản 3",
        kind: "substitute",
      },
      // 30/4–1/5 fell on Wednesday–Thursday: Friday 02/05 off, worked back on Saturday 26/04.
      {
        date: "2025-05-02",
        name: SWAP,
        basis: "Ý kiến Thủ tướng về hoán đổi ngày làm việc dịp 30/4/2025",
        kind: "swap",
      },
    ],
    workdays: [
      {
        date: "2025-04-26",
        name: MAKE_UP,
        basis: "Ý kiến Thủ tướng về hoán đổi ngày làm việc dịp 30/4/2025",
      },
    ],
    // 2/9 was a Tuesday: 1–2/9 off, break 30/8–2/9.
    nationalDayAdjacent: "2025-09-01",
    settled: ["lunar-new-year"],
  },
  2026: {
    basis:
      "Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ (Tết Âm lịch, Quốc khánh 2026); Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch 2026)",
    // New Year: Thursday 01/01 and Friday 02/01 off, Friday worked back on Saturday 10/01.
    daysOff: [
      { date: "2026-01-02", name: SWAP, basis: "Công văn 12729/VPCP-KGVX ngày 25/12/2025", kind: "swap" },
    ],
    workdays: [{ date: "2026-01-10", name: MAKE_UP, basis: "Công văn 12729/VPCP-KGVX ngày 25/12/2025" }],
    // Tết Bính Ngọ: 17/02/2026 (Tuesday). Five days 16/02 (29 Chạp)–20/02
    // (mùng 4), with the weekends around them a nine-day break 14/02–22/02.
    lunarNewYearDays: ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"],
    settled: ["lunar-new-year"],
    // Giỗ Tổ (10/3 lunar) is Sunday 26/04/2026: the general rule gives Monday
    // 27/04 off (Điều 111 khoản 3). Unsure: the 9441 notice also fixes the
    // National Day days, which could not be confirmed here; the default rule
    // (2/9 is a Wednesday → 1/9) applies until an operator records them.
  },
};

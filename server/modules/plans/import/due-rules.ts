import type { Due } from "../../../../common/plan-tree.ts";
import {
  AT,
  BEFORE,
  DAY_DM,
  DAY_DM_WORDS,
  DAY_DMY,
  DAY_REL,
  DAY_WORDS,
  EVERY,
  once,
  PERIODIC,
  pad,
  QUARTER_END,
  recurring,
  relativeDay,
  unitRecurrence,
  validDay,
  withDay,
} from "./due-words.ts";
import { romanValue } from "./markers.ts";

/** The ways a deadline is written, each with the deadline it reads and how precise that is. */

type Made = { due: Omit<Due, "text">; rank: number };

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray) => Made | null;
  /** The recurrence may come from a period the text names elsewhere ("định kỳ 6 tháng, … tháng cuối kỳ"). */
  open?: boolean;
}

export const RULES: Rule[] = [
  // "trước ngày 15/6 và 15/12 hằng năm": twice a year
  {
    re: new RegExp(
      String.raw`${PERIODIC}${BEFORE}(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*(?:va|,)\s*(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*,?\s*${EVERY} nam`,
      "g",
    ),
    make: (m) => ({ due: recurring("half-yearly", null, m[1] === m[3] ? Number(m[1]) : null), rank: 0 }),
  },
  // "định kỳ trước ngày 10/12 hằng năm"
  {
    re: new RegExp(String.raw`${PERIODIC}${BEFORE}(?:${DAY_DM}|${DAY_DM_WORDS})\s*,?\s*${EVERY} nam`, "g"),
    make: (m) => {
      const day = Number(m[1] ?? m[3]);
      const month = Number(m[2] ?? m[4]);
      return validDay(day, month) ? { due: recurring("yearly", month, day), rank: 0 } : null;
    },
  },
  // "hằng năm, trước ngày 10/12"
  {
    re: new RegExp(String.raw`${PERIODIC}${EVERY} nam\s*,?\s*${BEFORE}(?:${DAY_DM}|${DAY_DM_WORDS})`, "g"),
    make: (m) => {
      const day = Number(m[1] ?? m[3]);
      const month = Number(m[2] ?? m[4]);
      return validDay(day, month) ? { due: recurring("yearly", month, day), rank: 0 } : null;
    },
  },
  // "trước ngày 30/6/2025", "chậm nhất ngày 30 tháng 6 năm 2025"
  {
    re: new RegExp(`${BEFORE}(?:${DAY_DMY}|${DAY_WORDS})`, "g"),
    make: (m) => {
      const day = Number(m[1] ?? m[4]);
      const month = Number(m[2] ?? m[5]);
      const year = m[3] ?? m[6];
      return validDay(day, month) ? { due: once(`${year}-${pad(month)}-${pad(day)}`), rank: 0 } : null;
    },
  },
  // "trước ngày 25 hằng tháng", "chậm nhất ngày 25 hằng tháng"
  {
    re: new RegExp(
      String.raw`${PERIODIC}(?:(?:${EVERY}) (?:quy|thang)\s*,?\s*)?${BEFORE}ngay\s+(\d{1,2})\s*(?:,\s*)?(?:cua\s+)?${EVERY} thang`,
      "g",
    ),
    make: (m) => {
      const day = Number(m[1]);
      if (day < 1 || day > 31) return null;
      return { due: recurring("monthly", null, day), rank: 0 };
    },
  },
  // "hằng tháng, chậm nhất ngày 25"
  {
    re: new RegExp(
      String.raw`${PERIODIC}${EVERY} thang\s*,?\s*${AT}ngay\s+(\d{1,2})(?![\d/]|\s*(?:[/.-]\s*\d|thang|cua|nam))`,
      "g",
    ),
    make: (m) => {
      const day = Number(m[1]);
      return day >= 1 && day <= 31 ? { due: recurring("monthly", null, day), rank: 0 } : null;
    },
  },
  // "hằng quý, trước ngày 20 của tháng cuối quý", "trước ngày 15 tháng cuối kỳ",
  // "trước ngày 5 của tháng đầu quý sau": the period is the one named before, or the unit's
  {
    re: new RegExp(
      String.raw`${PERIODIC}(?:(?:${EVERY}\s+(quy|thang|nam)|((?:6|sau) thang))\s*,?\s*)?${AT}${DAY_REL}`,
      "g",
    ),
    make: (m) => {
      const d = relativeDay(m, 3);
      if (!d) return null;
      return { due: withDay(unitRecurrence(m[1] ?? m[2]) ?? d.recurrence, d), rank: 0 };
    },
    open: true,
  },
  // "định kỳ 6 tháng", "6 tháng một lần"
  {
    re: /(?:(?:dinh ky|hang|moi|bao cao)\s+)?(?:6|sau) thang dau nam(?!\s*[/-]?\s*\d)|(?:dinh ky|hang|moi)\s+(?:6|sau) thang(?:\s*,?\s*(?:va\s+)?(?:ca |hang )?nam)?|(?:6|sau) thang (?:mot|1) lan|bao cao (?:6|sau) thang/g,
    make: () => ({ due: recurring("half-yearly", null, null), rank: 1 }),
  },
  {
    re: /(?:dinh ky\s+)?(?:hang|moi) quy|dinh ky theo quy|dinh ky quy|quy (?:mot|1) lan/g,
    make: () => ({ due: recurring("quarterly", null, null), rank: 1 }),
  },
  {
    re: /(?:dinh ky\s+)?(?:hang|moi) thang|dinh ky theo thang|dinh ky thang|thang (?:mot|1) lan/g,
    make: () => ({ due: recurring("monthly", null, null), rank: 1 }),
  },
  {
    re: /(?:dinh ky\s+)?(?:hang|moi) nam|dinh ky theo nam|dinh ky nam/g,
    make: () => ({ due: recurring("yearly", null, null), rank: 1 }),
  },
  // "trong Quý II/2025", "quý 3 năm 2025"
  {
    re: /(?:(?:hoan thanh |xong )?(?:trong|truoc|den het|den|cuoi)\s+)?quy\s+(i{1,3}|iv|[1-4])\s*(?:\/|nam)\s*(\d{4})/g,
    make: (m) => {
      let quarter = /\d/.test(m[1]) ? Number(m[1]) : romanValue(m[1].toUpperCase());
      let year = Number(m[2]);
      if (/^(?:hoan thanh |xong )?truoc\s/.test(m[0])) {
        quarter -= 1;
        if (quarter === 0) {
          quarter = 4;
          year -= 1;
        }
      }
      if (quarter < 1 || quarter > 4) return null;
      return { due: once(`${year}-${QUARTER_END[quarter - 1]}`), rank: 1 };
    },
  },
  // "trong tháng 6/2025", "tháng 6 năm 2025"
  {
    re: /(?:(?:hoan thanh |xong )?(?:trong|truoc|den het|den|cuoi)\s+)?thang\s+(\d{1,2})\s*(?:\/|nam)\s*(\d{4})/g,
    make: (m) => {
      let month = Number(m[1]);
      let year = Number(m[2]);
      if (month < 1 || month > 12) return null;
      if (/^(?:hoan thanh |xong )?truoc\s/.test(m[0])) {
        month -= 1;
        if (month === 0) {
          month = 12;
          year -= 1;
        }
      }
      return { due: once(`${year}-${pad(month)}`), rank: 1 };
    },
  },
  // "giai đoạn 2025 - 2026": done by the end of the period
  {
    re: /giai doan\s+(\d{4})\s*-\s*(\d{4})/g,
    make: (m) => ({ due: once(m[2]), rank: 1 }),
  },
  // "năm 2025", "trong năm 2025", "trước năm 2030"
  {
    re: /(?:(?:hoan thanh |xong )?(?:trong|truoc|den het|den|cuoi|ngay trong)\s+)?nam\s+(\d{4})(?!\s*-\s*\d)/g,
    make: (m) => {
      const year = Number(m[1]) - (/^(?:hoan thanh |xong )?truoc\s/.test(m[0]) ? 1 : 0);
      return year >= 1945 && year <= 2200 ? { due: once(String(year)), rank: 1 } : null;
    },
  },
  {
    re: /thuong xuyen(?:,? lien tuc)?|dinh ky/g,
    make: () => ({ due: recurring(null, null, null), rank: 2 }),
  },
];

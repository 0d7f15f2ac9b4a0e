import { type SQL, sql } from "drizzle-orm";
import { foldText, parseQuery } from "../../common/search.ts";

/**
 * Vietnamese text folding (common/search.ts), with spaces collapsed: the rule the database's
 * `vi_fold` applies, so that "so noi vu" matches "Sở Nội vụ" in code as in SQL.
 */
export function foldVietnamese(text: string): string {
  return foldText(text).replace(/\s+/g, " ").trim();
}

/**
 * The SQL side of common/search.ts: every word of the query begins a word of one of the
 * folded texts, in any order, punctuation ignored ("van hoa the thao" finds "Sở Văn hóa,
 * Thể thao và Du lịch"). `folded` are SQL expressions already folded — `vi_fold(column)` or a
 * column stored folded by foldVietnamese. A word begins where the folded text begins or after a
 * character that is not a letter or digit; pg_trgm's indexes serve these patterns on both
 * engines. Undefined when the query has no words (no condition).
 */
export function wordsMatch(folded: SQL[], q: string | null | undefined): SQL | undefined {
  const query = parseQuery(q);
  if (!query || folded.length === 0) return undefined;
  const each = query.words.map((word) => {
    const pattern = `(^|[^a-z0-9])${word.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&")}`;
    return sql`(${sql.join(
      folded.map((text) => sql`${text} ~ ${pattern}`),
      sql` OR `,
    )})`;
  });
  return sql`(${sql.join(each, sql` AND `)})`;
}

/** Common abbreviations in administrative Vietnamese, expanded before matching names. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubnd\b/g, "uy ban nhan dan"],
  [/\bhdnd\b/g, "hoi dong nhan dan"],
  [/\bmttq\b/g, "mat tran to quoc"],
  [/\bvn\b/g, "viet nam"],
  [/\btt&tt\b|\btt ?va ?tt\b/g, "thong tin va truyen thong"],
  [/\bpt-th\b|\bpt th\b/g, "phat thanh va truyen hinh"],
  [/\bkh&cn\b/g, "khoa hoc va cong nghe"],
  [/\blđtbxh\b|\bldtbxh\b/g, "lao dong - thuong binh va xa hoi"],
];

/** Folds and expands abbreviations: the key under which unit names and mentions are compared. */
export function nameKey(text: string): string {
  let key = foldVietnamese(text);
  for (const [pattern, replacement] of ABBREVIATIONS) key = key.replace(pattern, replacement);
  return key
    .replace(/[.,;:()"“”']/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

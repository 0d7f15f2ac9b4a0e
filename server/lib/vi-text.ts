/**
 * Vietnamese text folding: the same rule the database's `vi_unaccent` search applies,
 * so that "so noi vu" matches "Sở Nội vụ" in code as in SQL.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
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

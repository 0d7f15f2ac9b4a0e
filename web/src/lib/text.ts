/** Lower case without Vietnamese diacritics, so "so noi vu" matches "Sở Nội vụ" in local filters. */
export function foldVi(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function matchesVi(haystack: string, needle: string): boolean {
  return foldVi(haystack).includes(foldVi(needle));
}

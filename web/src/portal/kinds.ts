/**
 * What the portal offers. The codes are the API's (common/schemas/petitions.ts); they are
 * repeated here so that the portal does not load zod, and a test keeps the two lists equal.
 */
export const PORTAL_KINDS = ["phan-anh", "kien-nghi", "khieu-nai", "to-cao"] as const;

export const CATEGORY_CODES = [
  "ha-tang",
  "dat-dai",
  "moi-truong",
  "nong-nghiep",
  "giao-duc",
  "y-te",
  "an-sinh",
  "an-ninh",
  "van-hoa",
  "dien-nuoc",
  "hanh-chinh",
  "khac",
] as const;

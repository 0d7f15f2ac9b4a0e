// Enumerations shared by the server, the web app and the documentation.
// Vietnamese labels live in i18n/vi.json under the same keys.

/** Kinds of unit in the organisation directory (PRODUCT.md, module 1). */
export const UNIT_TYPES = [
  "province", // the province itself: the root of a tenant's directory
  "province_committee", // UBND tỉnh
  "department", // sở, ban, ngành
  "district", // UBND cấp huyện (abolished 1 July 2025)
  "commune", // UBND cấp xã (xã, phường, thị trấn, đặc khu)
  "front", // Ủy ban MTTQ Việt Nam
  "mass_org", // đoàn thể chính trị - xã hội, hội quần chúng
  "media", // báo, đài
  "armed_forces", // công an, quân sự, biên phòng
  "party", // cơ quan của Tỉnh ủy
  "central", // central bodies that receive reports (Bộ Nội vụ …)
  "other",
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Roles are granted on a unit and cover its descendants. */
export const ROLES = [
  "admin",
  "coordinator",
  "unit_officer",
  "unit_leader",
  "leadership",
  "supervisor",
  "media",
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose holders see the whole province, wherever the grant sits. */
export const PROVINCE_WIDE_ROLES: readonly Role[] = ["admin", "coordinator", "leadership"];

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

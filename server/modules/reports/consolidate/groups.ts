/** The groups a consolidated report reports units in, by their kind. */

export const UNIT_GROUPS = ["departments", "localities", "organisations", "armed_forces", "others"] as const;
export type UnitGroup = (typeof UNIT_GROUPS)[number];

/** The kind of unit (common/enums.ts UNIT_TYPES) → the group it is reported with. */
export function unitGroup(unitType: string): UnitGroup {
  switch (unitType) {
    case "department":
    case "province_committee":
    case "central":
      return "departments";
    case "district":
    case "commune":
      return "localities";
    case "front":
    case "mass_org":
      return "organisations";
    case "armed_forces":
      return "armed_forces";
    default:
      return "others";
  }
}

/** Vietnamese headings of the groups, for the annex. */
export const GROUP_TITLES: Record<UnitGroup, string> = {
  departments: "Sở, ban, ngành",
  localities: "Địa phương",
  organisations: "Mặt trận Tổ quốc, tổ chức chính trị - xã hội",
  armed_forces: "Lực lượng vũ trang",
  others: "Cơ quan, đơn vị khác",
};

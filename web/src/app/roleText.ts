import type { TFunction } from "i18next";
import type { RoleGrant } from "../../../common/schemas/auth.ts";

/** "Cán bộ đơn vị · Sở Văn hóa và Thể thao" — how a grant reads in the header and greeting. */
export function grantText(t: TFunction, grant: RoleGrant): string {
  return `${t(`role.${grant.role}`)} · ${grant.unitName}`;
}

export function rolesSummary(t: TFunction, grants: RoleGrant[]): string {
  if (grants.length === 0) return t("role.none");
  const first = grantText(t, grants[0]);
  return grants.length === 1 ? first : `${first} ${t("role.more", { count: grants.length - 1 })}`;
}

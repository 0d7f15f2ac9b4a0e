import type { Role } from "../common/enums.ts";

/** One account per role (PRODUCT.md): the unit is named by its key in directory.ts. */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: Role;
  unitKey: string;
  email: string;
}[] = [
  {
    username: "admin",
    displayName: "Quản trị hệ thống",
    role: "admin",
    unitKey: "province",
    email: "admin@dongthuan.local",
  },
  {
    username: "dieuphoi",
    displayName: "Trần Thị Điều Phối",
    role: "coordinator",
    unitKey: "snv",
    email: "dieuphoi@dongthuan.local",
  },
  {
    username: "canbo.so",
    displayName: "Lê Văn Cán Bộ",
    role: "unit_officer",
    unitKey: "svhtt",
    email: "canbo.so@dongthuan.local",
  },
  {
    username: "lanhdao.so",
    displayName: "Phạm Minh Giám Đốc",
    role: "unit_leader",
    unitKey: "svhtt",
    email: "lanhdao.so@dongthuan.local",
  },
  {
    username: "canbo.huyen",
    displayName: "Nguyễn Thị Chuyên Viên",
    role: "unit_officer",
    unitKey: "d905",
    email: "canbo.huyen@dongthuan.local",
  },
  {
    username: "lanhdao.huyen",
    displayName: "Võ Văn Chủ Tịch",
    role: "unit_leader",
    unitKey: "d905",
    email: "lanhdao.huyen@dongthuan.local",
  },
  {
    username: "lanhdao.tinh",
    displayName: "Đặng Quốc Lãnh Đạo",
    role: "leadership",
    unitKey: "ubnd",
    email: "lanhdao.tinh@dongthuan.local",
  },
  {
    username: "giamsat",
    displayName: "Huỳnh Thị Giám Sát",
    role: "supervisor",
    unitKey: "mttq",
    email: "giamsat@dongthuan.local",
  },
  {
    username: "baochi",
    displayName: "Lý Văn Biên Tập",
    role: "media",
    unitKey: "bkg",
    email: "baochi@dongthuan.local",
  },
];

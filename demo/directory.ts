import { readFileSync } from "node:fs";
import type { UnitType } from "../common/enums.ts";

/**
 * The Kiên Giang organisation directory as of 2024, before the 2025 restructuring.
 * District-level units and their communes come from data/kien-giang-2024-districts.json
 * (official GSO codes; sources in data/SOURCES.md). Provincial bodies are those the seed plan
 * names or sends to, and the departments Kiên Giang had in 2024.
 */
export interface DemoUnit {
  key: string;
  type: UnitType;
  name: string;
  parent: string | null;
  code?: string;
  shortName?: string;
  aliases?: string[];
}

interface DistrictFile {
  districts: {
    code: string;
    name: string;
    fullName: string;
    type: string;
    formerCommunes: { code: string; name: string }[];
  }[];
}

const department = (key: string, name: string, shortName: string, aliases: string[] = []): DemoUnit => ({
  key,
  type: "department",
  name,
  parent: "ubnd",
  code: shortName,
  shortName,
  aliases,
});

export function kienGiangDirectory(): DemoUnit[] {
  const list: DemoUnit[] = [
    {
      key: "province",
      type: "province",
      name: "Tỉnh Kiên Giang",
      parent: null,
      code: "91",
      aliases: ["Kiên Giang"],
    },
    {
      key: "ubnd",
      type: "province_committee",
      name: "Ủy ban nhân dân tỉnh Kiên Giang",
      parent: "province",
      code: "UBND",
      shortName: "UBND tỉnh",
      aliases: ["UBND tỉnh Kiên Giang", "Ủy ban nhân dân tỉnh"],
    },
    department("snv", "Sở Nội vụ", "SNV", ["Sở Nội vụ tỉnh Kiên Giang"]),
    department("stp", "Sở Tư pháp", "STP"),
    department("skhdt", "Sở Kế hoạch và Đầu tư", "SKHĐT", ["Sở KH&ĐT"]),
    department("stc", "Sở Tài chính", "STC"),
    department("sct", "Sở Công Thương", "SCT"),
    department("snn", "Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", ["Sở NN&PTNT"]),
    department("sgtvt", "Sở Giao thông vận tải", "SGTVT"),
    department("sxd", "Sở Xây dựng", "SXD"),
    department("stnmt", "Sở Tài nguyên và Môi trường", "STNMT", ["Sở TN&MT"]),
    department("stttt", "Sở Thông tin và Truyền thông", "STTTT", ["Sở TT&TT", "Sở TTTT"]),
    department("sldtbxh", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", [
      "Sở LĐ-TB&XH",
      "Sở Lao động Thương binh và Xã hội",
    ]),
    department("svhtt", "Sở Văn hóa và Thể thao", "SVHTT", ["Sở VH&TT"]),
    department("sdl", "Sở Du lịch", "SDL"),
    department("skhcn", "Sở Khoa học và Công nghệ", "SKHCN", ["Sở KH&CN"]),
    department("sgddt", "Sở Giáo dục và Đào tạo", "SGDĐT", ["Sở GD&ĐT"]),
    department("syt", "Sở Y tế", "SYT"),
    department("sngv", "Sở Ngoại vụ", "SNgV"),
    department("ttt", "Thanh tra tỉnh", "TTT"),
    department("vp", "Văn phòng Ủy ban nhân dân tỉnh", "VPUBND", ["Văn phòng UBND tỉnh"]),
    department("bdt", "Ban Dân tộc", "BDT", ["Ban Dân tộc tỉnh"]),
    department("bqlpq", "Ban Quản lý Khu kinh tế Phú Quốc", "BQLKKTPQ"),
    department("bqlkkt", "Ban Quản lý Khu kinh tế tỉnh", "BQLKKT"),
    {
      key: "tu",
      type: "party",
      name: "Tỉnh ủy Kiên Giang",
      parent: "province",
      code: "TU",
      aliases: ["Tỉnh ủy"],
    },
    { key: "tttu", type: "party", name: "Thường trực Tỉnh ủy", parent: "tu", code: "TTTU" },
    { key: "bdvtu", type: "party", name: "Ban Dân vận Tỉnh ủy", parent: "tu", code: "BDVTU" },
    { key: "btgtu", type: "party", name: "Ban Tuyên giáo Tỉnh ủy", parent: "tu", code: "BTGTU" },
    { key: "btctu", type: "party", name: "Ban Tổ chức Tỉnh ủy", parent: "tu", code: "BTCTU" },
    { key: "ubkttu", type: "party", name: "Ủy ban Kiểm tra Tỉnh ủy", parent: "tu", code: "UBKTTU" },
    {
      key: "mttq",
      type: "front",
      name: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Kiên Giang",
      parent: "province",
      code: "MTTQ",
      shortName: "Ủy ban MTTQ Việt Nam tỉnh",
      aliases: ["Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "MTTQ tỉnh"],
    },
    { key: "ldld", type: "mass_org", name: "Liên đoàn Lao động tỉnh", parent: "province", code: "LĐLĐ" },
    { key: "hnd", type: "mass_org", name: "Hội Nông dân tỉnh", parent: "province", code: "HND" },
    {
      key: "hlhpn",
      type: "mass_org",
      name: "Hội Liên hiệp Phụ nữ tỉnh",
      parent: "province",
      code: "HLHPN",
      aliases: ["Hội LHPN tỉnh"],
    },
    {
      key: "td",
      type: "mass_org",
      name: "Tỉnh Đoàn Kiên Giang",
      parent: "province",
      code: "TĐ",
      aliases: ["Tỉnh Đoàn", "Đoàn TNCS Hồ Chí Minh tỉnh"],
    },
    {
      key: "hccb",
      type: "mass_org",
      name: "Hội Cựu chiến binh tỉnh",
      parent: "province",
      code: "HCCB",
      aliases: ["Hội CCB tỉnh"],
    },
    { key: "hnct", type: "mass_org", name: "Hội Người cao tuổi tỉnh", parent: "province", code: "HNCT" },
    {
      key: "hhdn",
      type: "mass_org",
      name: "Hiệp hội Doanh nghiệp tỉnh Kiên Giang",
      parent: "province",
      code: "HHDN",
      aliases: ["Hiệp hội doanh nghiệp tỉnh"],
    },
    { key: "bkg", type: "media", name: "Báo Kiên Giang", parent: "province", code: "BKG" },
    {
      key: "dptth",
      type: "media",
      name: "Đài Phát thanh và Truyền hình Kiên Giang",
      parent: "province",
      code: "ĐPTTH",
      aliases: ["Đài PT-TH Kiên Giang", "Đài PTTH Kiên Giang"],
    },
    {
      key: "ca",
      type: "armed_forces",
      name: "Công an tỉnh",
      parent: "province",
      code: "CA",
      aliases: ["Công an tỉnh Kiên Giang"],
    },
    {
      key: "bchqs",
      type: "armed_forces",
      name: "Bộ Chỉ huy Quân sự tỉnh",
      parent: "province",
      code: "BCHQS",
      aliases: ["Bộ CHQS tỉnh"],
    },
    {
      key: "bdbp",
      type: "armed_forces",
      name: "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
      parent: "province",
      code: "BĐBP",
      aliases: ["Bộ CH BĐBP tỉnh", "Bộ đội Biên phòng tỉnh"],
    },
    { key: "bnv", type: "central", name: "Bộ Nội vụ", parent: null, code: "BNV" },
  ];

  const file = JSON.parse(
    readFileSync(new URL("./data/kien-giang-2024-districts.json", import.meta.url), "utf8"),
  ) as DistrictFile;
  for (const district of file.districts) {
    const key = `d${district.code}`;
    list.push({
      key,
      type: "district",
      name: `Ủy ban nhân dân ${district.fullName.charAt(0).toLowerCase()}${district.fullName.slice(1)}`,
      parent: "ubnd",
      code: district.code,
      shortName: `UBND ${district.fullName.charAt(0).toLowerCase()}${district.fullName.slice(1)}`,
      aliases: [district.fullName],
    });
    for (const commune of district.formerCommunes) {
      const place = `${commune.name.charAt(0).toLowerCase()}${commune.name.slice(1)}`;
      list.push({
        key: `c${commune.code}`,
        type: "commune",
        name: `Ủy ban nhân dân ${place}`,
        parent: key,
        code: commune.code,
        shortName: `UBND ${place}`,
        aliases: [commune.name],
      });
    }
  }
  return list;
}

/** Named groups that resolve the plan's collective mentions. */
export const DEMO_GROUPS: {
  name: string;
  aliases: string[];
  unitTypes: UnitType[];
  memberKeys?: string[];
  description: string;
}[] = [
  {
    name: "Các sở, ban, ngành tỉnh",
    aliases: [
      "Các sở, ban, ngành",
      "các sở, ngành",
      "các sở, ban, ngành tỉnh",
      "Các sở, ban, ngành tỉnh (đảng, chính quyền, đoàn thể)",
    ],
    unitTypes: ["department"],
    description: "Mọi sở, ban, ngành thuộc UBND tỉnh có hiệu lực vào ngày của văn bản.",
  },
  {
    name: "UBND các huyện, thành phố",
    aliases: [
      "UBND cấp huyện",
      "Ủy ban nhân dân các huyện, thành phố",
      "UBND các huyện, thành phố thuộc tỉnh",
    ],
    unitTypes: ["district"],
    description: "UBND cấp huyện (bãi bỏ từ 01/7/2025: nhiệm vụ chuyển cho UBND cấp xã kế thừa).",
  },
  {
    name: "UBND cấp xã",
    aliases: ["UBND các xã, phường, thị trấn", "Ủy ban nhân dân cấp xã"],
    unitTypes: ["commune"],
    description: "UBND xã, phường, thị trấn (từ 01/7/2025 cả đặc khu).",
  },
  {
    name: "Các lực lượng vũ trang",
    aliases: ["lực lượng vũ trang tỉnh", "Các lực lượng vũ trang tỉnh"],
    unitTypes: ["armed_forces"],
    description: "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh.",
  },
  {
    name: "Các đoàn thể chính trị - xã hội tỉnh",
    aliases: ["các đoàn thể chính trị - xã hội", "các tổ chức chính trị - xã hội tỉnh"],
    unitTypes: ["mass_org"],
    description: "Các đoàn thể và hội quần chúng cấp tỉnh.",
  },
  {
    name: "Các cơ quan báo chí",
    aliases: ["các cơ quan báo chí tỉnh"],
    unitTypes: ["media"],
    description: "Báo Kiên Giang, Đài Phát thanh và Truyền hình Kiên Giang.",
  },
  {
    name: "Các đơn vị liên quan",
    aliases: ["các đơn vị có liên quan", "các cơ quan, đơn vị liên quan", "các ngành, đơn vị liên quan"],
    unitTypes: [],
    description: "Không tự suy ra được: điều phối viên chọn các đơn vị cụ thể cho từng kế hoạch.",
  },
];

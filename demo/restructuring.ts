import { readFileSync } from "node:fs";
import type { DirectoryChange, DirectoryEvent, NewUnit } from "../common/schemas/restructure.ts";

/**
 * The real 2025 restructuring as directory events, built from data/ (sources in SOURCES.md).
 * Unit references are codes; a code names the unit in force the day before the event, which
 * matters because the 2025 commune codes reuse codes of 2024 communes.
 */

/** 1 March 2025: Kiên Giang's departments merge, as across the country (Nghị quyết 18-NQ/TW). */
export function departmentMergers2025(): DirectoryEvent {
  const merge = (
    from: string[],
    key: string,
    name: string,
    code: string,
    aliases: string[] = [],
  ): DirectoryChange => ({
    kind: "merge",
    from,
    into: { key, name, type: "department", parent: "UBND", code, shortName: code, aliases },
  });
  return {
    title: "Sắp xếp, tổ chức lại các sở, ban, ngành tỉnh Kiên Giang",
    effectiveDate: "2025-03-01",
    legalBasis:
      "Nghị quyết của HĐND tỉnh Kiên Giang và các quyết định của UBND tỉnh về thành lập, tổ chức lại các sở (tháng 02/2025), thực hiện Nghị quyết số 18-NQ/TW và Nghị định số 45/2025/NĐ-CP (số hiệu văn bản của tỉnh cần đối chiếu)",
    changes: [
      merge(["SNV", "SLĐTBXH"], "snv", "Sở Nội vụ", "SNV", ["Sở Nội vụ tỉnh Kiên Giang"]),
      merge(["SKHCN", "STTTT"], "skhcn", "Sở Khoa học và Công nghệ", "SKHCN", ["Sở KH&CN"]),
      merge(["BDT"], "sdttg", "Sở Dân tộc và Tôn giáo", "SDTTG", ["Sở DT&TG"]),
      merge(["SKHĐT", "STC"], "stc", "Sở Tài chính", "STC"),
      merge(["SNNPTNT", "STNMT"], "snnmt", "Sở Nông nghiệp và Môi trường", "SNNMT", ["Sở NN&MT"]),
      merge(["SGTVT", "SXD"], "sxd", "Sở Xây dựng", "SXD"),
      merge(["SVHTT", "SDL"], "svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", ["Sở VHTT&DL"]),
    ],
  };
}

interface CommuneFile {
  communes: {
    code: string;
    name: string;
    type: string;
    formerProvince: string;
    formedFrom: string[];
    formedFromDetail: { code: string; name: string; formerDistrictCode: string; part: string }[];
    legalBasis: string;
  }[];
}
interface DistrictFile {
  districts: { code: string; fullName: string; newCommunes2025: { code: string; name: string }[] }[];
}

const readJson = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), "utf8")) as T;
const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

/** "Sở Nội vụ" → "Sở Nội vụ tỉnh An Giang"; "Thanh tra tỉnh" → "Thanh tra tỉnh An Giang". */
export function anGiangName(name: string): string {
  if (name.includes("Kiên Giang")) return name.replace("Kiên Giang", "An Giang");
  if (/(tỉnh|Tỉnh ủy|Tỉnh Đoàn)$/.test(name)) return `${name} An Giang`;
  return `${name} tỉnh An Giang`;
}

/** Units in force on 30 June 2025 at province level, and what each became in the new An Giang. */
const PROVINCIAL_SUCCESSORS: {
  from: string[];
  key: string;
  name: string;
  type: NewUnit["type"];
  parent: string | null;
  code: string;
  aliases?: string[];
}[] = [
  {
    from: ["UBND"],
    key: "ubnd",
    name: "Ủy ban nhân dân tỉnh An Giang",
    type: "province_committee",
    parent: "@province",
    code: "UBND",
    aliases: ["UBND tỉnh An Giang", "UBND tỉnh"],
  },
  ...[
    "SNV",
    "STP",
    "STC",
    "SCT",
    "SNNMT",
    "SXD",
    "SKHCN",
    "SVHTTDL",
    "SGDĐT",
    "SYT",
    "SNgV",
    "TTT",
    "VPUBND",
    "SDTTG",
  ].map((code) => ({
    from: [code],
    key: code,
    name: "",
    type: "department" as const,
    parent: "@ubnd",
    code,
  })),
  {
    from: ["BQLKKTPQ", "BQLKKT"],
    key: "bqlkkt",
    name: "Ban Quản lý Khu kinh tế tỉnh An Giang",
    type: "department",
    parent: "@ubnd",
    code: "BQLKKT",
  },
  { from: ["TU"], key: "tu", name: "Tỉnh ủy An Giang", type: "party", parent: "@province", code: "TU" },
  {
    from: ["MTTQ"],
    key: "mttq",
    name: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh An Giang",
    type: "front",
    parent: "@province",
    code: "MTTQ",
    aliases: ["Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban MTTQ tỉnh"],
  },
  {
    from: ["BKG", "ĐPTTH"],
    key: "media",
    name: "Báo và Phát thanh, Truyền hình An Giang",
    type: "media",
    parent: "@province",
    code: "BPTTH",
  },
  {
    from: ["CA"],
    key: "ca",
    name: "Công an tỉnh An Giang",
    type: "armed_forces",
    parent: "@province",
    code: "CA",
    aliases: ["Công an tỉnh"],
  },
  {
    from: ["BCHQS"],
    key: "bchqs",
    name: "Bộ Chỉ huy Quân sự tỉnh An Giang",
    type: "armed_forces",
    parent: "@province",
    code: "BCHQS",
  },
  {
    from: ["BĐBP"],
    key: "bdbp",
    name: "Bộ Chỉ huy Bộ đội Biên phòng tỉnh An Giang",
    type: "armed_forces",
    parent: "@province",
    code: "BĐBP",
  },
];

/** Names of the units as of 30 June 2025, for the departments kept under their own name. */
export function provinceMerger2025(
  namesByCode: Map<string, string>,
  childrenOf: Map<string, { code: string; name: string; type: NewUnit["type"] }[]>,
): DirectoryEvent {
  const communes = readJson<CommuneFile>("an-giang-2025-communes.json").communes;
  const districts = readJson<DistrictFile>("kien-giang-2024-districts.json").districts;
  const changes: DirectoryChange[] = [
    {
      kind: "merge",
      from: ["91"],
      into: {
        key: "province",
        name: "Tỉnh An Giang",
        type: "province",
        parent: null,
        code: "91",
        aliases: ["An Giang"],
      },
    },
  ];
  for (const successor of PROVINCIAL_SUCCESSORS) {
    const name = successor.name || anGiangName(namesByCode.get(successor.code) ?? successor.code);
    changes.push({
      kind: "merge",
      from: successor.from,
      into: {
        key: successor.key,
        name,
        type: successor.type,
        parent: successor.parent,
        code: successor.code,
        aliases: successor.aliases ?? [],
      },
    });
  }
  // Bodies under the Party committee and mass organisations go to their An Giang counterparts.
  for (const [parentCode, parentKey, type] of [
    ["TU", "@tu", "party"],
    ["91", "@province", "mass_org"],
  ] as const) {
    for (const child of childrenOf.get(parentCode) ?? []) {
      if (child.type === type) {
        changes.push({
          kind: "merge",
          from: [child.code],
          into: { name: anGiangName(child.name), type: child.type, parent: parentKey, code: child.code },
        });
      }
    }
  }
  // The 102 communes of the new province; those formed from Kiên Giang communes succeed them.
  for (const commune of communes) {
    const place = lowerFirst(commune.name);
    const unit: NewUnit = {
      key: `c${commune.code}`,
      name: `Ủy ban nhân dân ${place}`,
      type: "commune",
      parent: "@ubnd",
      code: commune.code,
      shortName: `UBND ${place}`,
      aliases: [commune.name],
    };
    if (commune.formerProvince === "Kiên Giang") {
      changes.push({
        kind: "merge",
        from: commune.formedFromDetail.map((part) => part.code),
        into: unit,
        note: commune.legalBasis,
      });
    } else {
      changes.push({ kind: "create", unit });
    }
  }
  // The district level ends: each district's duties pass to the communes formed from its territory.
  for (const district of districts) {
    changes.push({
      kind: "dissolve",
      unit: district.code,
      successors: district.newCommunes2025.map((c) => `@c${c.code}`),
      note: `${district.fullName}: cấp huyện kết thúc hoạt động từ 01/7/2025`,
    });
  }
  return {
    title:
      "Hợp nhất tỉnh Kiên Giang và tỉnh An Giang thành tỉnh An Giang; sắp xếp đơn vị hành chính cấp xã; kết thúc hoạt động cấp huyện",
    effectiveDate: "2025-07-01",
    legalBasis:
      "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội; Nghị quyết số 1654/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội",
    changes,
  };
}

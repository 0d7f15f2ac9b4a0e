import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  foldText,
  MAX_QUERY_WORDS,
  matchesQuery,
  matchRank,
  parseQuery,
  queryMatcher,
  Rank,
  rankMatches,
  searchKey,
  searchWords,
} from "./search.ts";

/** The 102 communes of An Giang (2025), as published, and the Kiên Giang districts before. */
const communeFile = JSON.parse(
  readFileSync(new URL("../demo/data/an-giang-2025-communes.json", import.meta.url), "utf8"),
) as { communes: { name: string; formedFrom: string[] }[] };
const districtFile = JSON.parse(
  readFileSync(new URL("../demo/data/kien-giang-2024-districts.json", import.meta.url), "utf8"),
) as { districts: { name: string; fullName: string }[] };
const communes = communeFile.communes.map((c) => c.name);
const formerCommunes = [...new Set(communeFile.communes.flatMap((c) => c.formedFrom))];

/** Departments of the province as the directory names them (name, short name, aliases). */
const departments = [
  { name: "Sở Văn hóa, Thể thao và Du lịch", shortName: "SVHTTDL", aliases: ["Sở VHTT&DL"] },
  { name: "Sở Văn hóa và Thể thao", shortName: "SVHTT", aliases: ["Sở VH&TT"] },
  { name: "Sở Du lịch", shortName: "SDL", aliases: [] },
  { name: "Sở Lao động - Thương binh và Xã hội", shortName: "SLĐTBXH", aliases: ["Sở LĐ-TB&XH"] },
  { name: "Sở Thông tin và Truyền thông", shortName: "STTTT", aliases: ["Sở TT&TT"] },
  { name: "Văn phòng Ủy ban nhân dân tỉnh", shortName: "VPUBND", aliases: ["Văn phòng UBND tỉnh"] },
  { name: "Trung tâm Văn hóa - Nghệ thuật tỉnh", shortName: null, aliases: [] },
  { name: "Đoàn Nghệ thuật Khmer tỉnh", shortName: null, aliases: [] },
  { name: "Câu lạc bộ Đờn ca tài tử và Trống Chhay-dam", shortName: null, aliases: [] },
];
type Dept = (typeof departments)[number];
const fieldsOf = (d: Dept) => [d.name, d.shortName, ...d.aliases];
const find = (q: string) => rankMatches(departments, q, { fields: fieldsOf }).map((d) => d.name);
const findCommune = (q: string, names = communes) => rankMatches(names, q, { fields: (n) => [n] });

describe("foldText and searchWords", () => {
  it("drops tones, hooks, case and the stroke of đ", () => {
    expect(foldText("Sở Văn hóa, Thể thao và Du lịch")).toBe("so van hoa, the thao va du lich");
    expect(foldText("ĐÔNG HÒA")).toBe("dong hoa");
    expect(foldText("Ưu tiên Ơn")).toBe("uu tien on");
  });

  it("gives one fold for precomposed and decomposed text, and for old and new tone placement", () => {
    expect(searchKey("Rạch Giá".normalize("NFD"))).toBe(searchKey("Rạch Giá".normalize("NFC")));
    expect(searchKey("Xã Đông Hoà")).toBe(searchKey("Xã Đông Hòa"));
    expect(searchKey("Uỷ ban")).toBe(searchKey("Ủy ban"));
  });

  it("splits on punctuation as on spaces", () => {
    expect(searchWords("Sở Văn hóa, Thể thao và Du lịch")).toEqual([
      "so",
      "van",
      "hoa",
      "the",
      "thao",
      "va",
      "du",
      "lich",
    ]);
    expect(searchWords("Sở LĐ-TB&XH")).toEqual(["so", "ld", "tb", "xh"]);
    expect(searchWords("Số 43-NQ/TW")).toEqual(["so", "43", "nq", "tw"]);
    expect(searchWords(" , — “” ")).toEqual([]);
  });

  it("is idempotent and never leaves a combining mark or an upper-case letter", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const once = foldText(text);
        return foldText(once) === once && !/\p{M}/u.test(once) && once === once.toLowerCase();
      }),
    );
  });

  it("folds every Vietnamese letter to a plain Latin letter", () => {
    const letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
    expect(foldText(letters)).toMatch(/^[a-z]+$/);
    expect(foldText(letters.toUpperCase())).toBe(foldText(letters));
  });
});

describe("parseQuery", () => {
  it("has no words for an empty or punctuation-only query", () => {
    expect(parseQuery("")).toBeNull();
    expect(parseQuery(undefined)).toBeNull();
    expect(parseQuery("  ,.;- & ")).toBeNull();
  });

  it("keeps at most a dozen words, each once", () => {
    const long = parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "));
    expect(long?.words).toHaveLength(MAX_QUERY_WORDS);
    expect(parseQuery("tt tt")?.words).toEqual(["tt"]);
  });
});

describe("matching the directory's names", () => {
  it("finds Sở Văn hóa, Thể thao và Du lịch typed without diacritics or the comma", () => {
    expect(find("van hoa the thao")).toContain("Sở Văn hóa, Thể thao và Du lịch");
    expect(find("Văn hóa, Thể thao")).toContain("Sở Văn hóa, Thể thao và Du lịch");
    expect(find("VAN HOA THE THAO DU LICH")[0]).toBe("Sở Văn hóa, Thể thao và Du lịch");
  });

  it("finds it in any word order", () => {
    expect(find("the thao van hoa")).toEqual(
      expect.arrayContaining(["Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao"]),
    );
    expect(find("du lich the thao")).toEqual(["Sở Văn hóa, Thể thao và Du lịch"]);
  });

  it("needs every word: one word that begins no word of the name leaves it out", () => {
    expect(find("van hoa y te")).toEqual([]);
    expect(find("van hoa du lich")).toEqual(["Sở Văn hóa, Thể thao và Du lịch"]);
  });

  it("matches the start of words, not the middle", () => {
    // "hao" is inside "thao" but begins no word
    expect(find("hao")).toEqual([]);
    expect(find("tha")).toEqual(
      expect.arrayContaining(["Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao"]),
    );
  });

  it("finds a unit by one diacritic-free partial word, as typed in a picker", () => {
    expect(find("Trống")).toEqual(["Câu lạc bộ Đờn ca tài tử và Trống Chhay-dam"]);
    expect(find("tron")).toEqual(["Câu lạc bộ Đờn ca tài tử và Trống Chhay-dam"]);
    expect(find("chhay dam")).toEqual(["Câu lạc bộ Đờn ca tài tử và Trống Chhay-dam"]);
    expect(find("don ca")).toEqual(["Câu lạc bộ Đờn ca tài tử và Trống Chhay-dam"]);
  });

  it("finds by short name and by alias, punctuated or not", () => {
    expect(find("svhttdl")).toEqual(["Sở Văn hóa, Thể thao và Du lịch"]);
    expect(find("vhtt dl")).toEqual(["Sở Văn hóa, Thể thao và Du lịch"]);
    expect(find("LĐ-TB&XH")).toEqual(["Sở Lao động - Thương binh và Xã hội"]);
    expect(find("ld tb xh")).toEqual(["Sở Lao động - Thương binh và Xã hội"]);
    expect(find("ubnd tinh")).toEqual(["Văn phòng Ủy ban nhân dân tỉnh"]);
  });
});

describe("matching the communes of An Giang", () => {
  it("tells Đông Hòa from the other Hòa communes", () => {
    expect(findCommune("dong hoa")).toEqual(["Xã Đông Hòa"]);
    expect(findCommune("Đông Hòa")).toEqual(["Xã Đông Hòa"]);
    expect(findCommune("hoa dong")).toEqual(["Xã Đông Hòa"]);
    const hoa = findCommune("hoa");
    expect(hoa.length).toBeGreaterThan(5);
    expect(hoa.every((name) => searchWords(name).some((w) => w.startsWith("hoa")))).toBe(true);
  });

  it("finds Rạch Giá typed as people type it", () => {
    for (const typed of ["rach gia", "Rạch Giá", "RACH GIA", "gia rach", "p. rach gia", "phuong rach gia"]) {
      expect(findCommune(typed)[0], typed).toBe("Phường Rạch Giá");
    }
    expect(findCommune("rach gia")).toEqual(["Phường Rạch Giá"]);
  });

  it("finds every commune by its own name without diacritics, and it comes first", () => {
    for (const name of communes) {
      const bare = searchKey(name).replace(/^(xa|phuong|dac khu) /, "");
      const found = findCommune(bare);
      expect(found[0], name).toBe(name);
    }
  });

  it("finds the pre-merger communes and the Kiên Giang districts the same way", () => {
    for (const name of formerCommunes)
      expect(findCommune(searchKey(name), formerCommunes), name).toContain(name);
    const districts = districtFile.districts.map((d) => d.fullName);
    expect(findCommune("hon dat", districts)).toEqual(["Huyện Hòn Đất"]);
    expect(findCommune("u minh thuong", districts)).toEqual(["Huyện U Minh Thượng"]);
  });
});

describe("ranking", () => {
  const names = ["Xã Hòa Lạc", "Xã Bình Hòa", "Xã Hòa Hưng", "Xã Mỹ Hòa Hưng", "Xã Vĩnh Hòa Hưng", "Xã Hòa"];

  it("puts the exact name first, then names starting with the query, then the rest, each by name", () => {
    expect(findCommune("hoa", names)).toEqual([
      "Xã Hòa",
      "Xã Hòa Hưng",
      "Xã Hòa Lạc",
      "Xã Bình Hòa",
      "Xã Mỹ Hòa Hưng",
      "Xã Vĩnh Hòa Hưng",
    ]);
    expect(findCommune("hoa hung", names)).toEqual(["Xã Hòa Hưng", "Xã Mỹ Hòa Hưng", "Xã Vĩnh Hòa Hưng"]);
  });

  it("ranks an exact alias or short name like an exact name", () => {
    expect(find("VHTT&DL")[0]).toBe("Sở Văn hóa, Thể thao và Du lịch");
    expect(find("sở du lịch")[0]).toBe("Sở Du lịch");
    expect(find("du lich")[0]).toBe("Sở Du lịch");
  });

  it("gives the ranks it promises", () => {
    expect(matchRank("dong hoa", ["Xã Đông Hòa"])).toBe(Rank.exact);
    expect(matchRank("xa dong", ["Xã Đông Hòa"])).toBe(Rank.prefix);
    expect(matchRank("hoa", ["Xã Đông Hòa"])).toBe(Rank.words);
    expect(matchRank("hoa tay", ["Xã Đông Hòa"])).toBeNull();
    expect(matchRank("", ["Xã Đông Hòa"])).toBeNull();
  });

  it("keeps the given order within a rank when asked (lists already in date order)", () => {
    const plans = ["Kế hoạch 12 về du lịch", "Kế hoạch 3 về văn hóa", "Kế hoạch 7 về du lịch"];
    expect(rankMatches(plans, "du lich", { fields: (p) => [p], within: "given" })).toEqual([
      "Kế hoạch 12 về du lịch",
      "Kế hoạch 7 về du lịch",
    ]);
  });

  it("keeps everything, as given, for an empty query", () => {
    expect(findCommune("", names)).toEqual(names);
    expect(matchesQuery(" ", ["anything"])).toBe(true);
    expect(queryMatcher("")("anything")).toBe(true);
    expect(queryMatcher("the thao")("Sở Văn hóa, Thể thao và Du lịch")).toBe(true);
    expect(queryMatcher("thao the x")("Sở Văn hóa, Thể thao và Du lịch")).toBe(false);
  });
});

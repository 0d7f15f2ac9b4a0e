import { describe, expect, it } from "vitest";
import { labelSearch, treeSearch } from "./search.ts";

const options = ["Xã Bình Hòa", "Xã Hòa Lạc", "Xã Đông Hòa", "Xã Hòa", "Phường Rạch Giá"].map((label) => ({
  value: label,
  label,
}));

describe("labelSearch", () => {
  it("filters by word starts, without diacritics or punctuation, in any order", () => {
    const { filterOption } = labelSearch();
    const shown = (input: string) => options.filter((o) => filterOption(input, o)).map((o) => o.label);
    expect(shown("gia, rach")).toEqual(["Phường Rạch Giá"]);
    expect(shown("hoa dong")).toEqual(["Xã Đông Hòa"]);
    expect(shown("oa")).toEqual([]);
    expect(shown("")).toHaveLength(options.length);
  });

  it("sorts exact first, then names starting with the query, then the rest, by name", () => {
    const { filterOption, filterSort } = labelSearch();
    const sorted = options
      .filter((o) => filterOption("hoa", o))
      .sort((a, b) => filterSort(a, b, { searchValue: "hoa" }))
      .map((o) => o.label);
    expect(sorted).toEqual(["Xã Hòa", "Xã Hòa Lạc", "Xã Bình Hòa", "Xã Đông Hòa"]);
  });

  it("keeps the given order within a rank when asked, and with nothing typed", () => {
    const { filterSort } = labelSearch({ within: "given" });
    expect(filterSort(options[2], options[0], { searchValue: "hoa" })).toBe(0);
    expect(labelSearch().filterSort(options[2], options[0], { searchValue: " " })).toBe(0);
  });
});

describe("treeSearch", () => {
  it("finds a unit by its title or an alias", () => {
    const node = { title: "Sở Văn hóa, Thể thao và Du lịch (SVHTTDL)", aliases: ["Sở VHTT&DL"] };
    expect(treeSearch.filterTreeNode("van hoa the thao", node)).toBe(true);
    expect(treeSearch.filterTreeNode("vhtt dl", node)).toBe(true);
    expect(treeSearch.filterTreeNode("thao van", node)).toBe(true);
    expect(treeSearch.filterTreeNode("y te", node)).toBe(false);
  });
});

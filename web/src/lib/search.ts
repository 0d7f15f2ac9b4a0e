import { compareNames, matchesQuery, matchRank, Rank } from "../../../common/search.ts";

/**
 * The common search rule (common/search.ts) as antd's pickers take it: diacritic-, case- and
 * punctuation-blind words in any order, each beginning a word of the option's label; the
 * label equal to what is typed first, then labels starting with it, then the rest, by name.
 */
type Labelled = { label?: unknown } | undefined;

const labelOf = (option: Labelled) => (typeof option?.label === "string" ? option.label : "");

function rankOf(input: string, label: string): number {
  return matchRank(input, [label]) ?? Rank.words + 1;
}

/**
 * `showSearch` for a Select whose options have string labels; `within: "given"` keeps the
 * options' own order within a rank (tasks in document order) instead of sorting by name.
 */
export function labelSearch(options: { within?: "name" | "given" } = {}) {
  const byName = options.within !== "given";
  return {
    filterOption: (input: string, option?: Labelled) => matchesQuery(input, [labelOf(option)]),
    filterSort: (a: Labelled, b: Labelled, info: { searchValue: string }) => {
      if (!info.searchValue.trim()) return 0;
      const [la, lb] = [labelOf(a), labelOf(b)];
      return (
        rankOf(info.searchValue, la) - rankOf(info.searchValue, lb) || (byName ? compareNames(la, lb) : 0)
      );
    },
  };
}

/**
 * `showSearch` for a TreeSelect over units (title "Name (short name)", aliases): the tree
 * keeps its shape, so only the filter applies.
 */
export const treeSearch = {
  filterTreeNode: (input: string, node: { title?: unknown; aliases?: unknown }) =>
    matchesQuery(input, [
      typeof node.title === "string" ? node.title : "",
      ...(Array.isArray(node.aliases) ? node.aliases.filter((a): a is string => typeof a === "string") : []),
    ]),
};

import { useQuery } from "@tanstack/react-query";
import { TreeSelect } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { unitTreeQuery } from "../features/directory/api.ts";
import { toTreeSelect } from "../features/directory/tree.ts";
import { todayIso } from "../lib/dates.ts";
import { treeSearch } from "../lib/search.ts";

type Props = {
  id?: string;
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  multiple?: boolean;
  asOf?: string;
  /** The unit being edited: it cannot be its own parent. */
  disabledId?: string;
  allowClear?: boolean;
  placeholder?: string;
  "aria-describedby"?: string;
};

/**
 * Picks units from the directory tree, searchable by name, short name and aliases: without
 * diacritics or punctuation, words in any order, each the start of a word ("trong" finds "… Trống …").
 */
export function UnitTreeSelect({ value, onChange, multiple, asOf, disabledId, allowClear, ...rest }: Props) {
  const { t } = useTranslation();
  const tree = useQuery(unitTreeQuery(asOf ?? todayIso()));
  const data = useMemo(() => toTreeSelect(tree.data ?? [], disabledId), [tree.data, disabledId]);
  return (
    <TreeSelect
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={data}
      multiple={multiple}
      allowClear={allowClear}
      showSearch={treeSearch}
      loading={tree.isPending}
      placeholder={rest.placeholder ?? t("directory.pickUnit")}
      treeDefaultExpandedKeys={data.map((n) => n.value)}
      style={{ width: "100%" }}
      popupMatchSelectWidth={false}
      listHeight={360}
      notFoundContent={tree.isError ? tree.error.message : undefined}
    />
  );
}

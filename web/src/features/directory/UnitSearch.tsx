import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Input, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { UNIT_TYPES, type UnitType } from "../../../../common/enums.ts";
import { unitSearchQuery } from "./api.ts";

function asUnitType(value: string | undefined): UnitType | undefined {
  return (UNIT_TYPES as readonly string[]).includes(value ?? "") ? (value as UnitType) : undefined;
}

type Props = { asOf: string; onPick: (id: string) => void; initialType?: string };

/** The server folds diacritics, so "so noi vu" finds "Sở Nội vụ". */
export function UnitSearch({ asOf, onPick, initialType }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [type, setType] = useState<UnitType | undefined>(asUnitType(initialType));
  const results = useQuery(unitSearchQuery(asOf, q, type));
  const active = q !== "" || type !== undefined;

  return (
    <search>
      <label htmlFor="unit-search" style={{ display: "block", fontWeight: 600, marginBottom: 4 }}>
        {t("directory.searchLabel")}
      </label>
      <Input.Search
        id="unit-search"
        allowClear
        enterButton={t("common.search")}
        placeholder={t("directory.searchPlaceholder")}
        onSearch={(value) => setQ(value.trim())}
        loading={results.isFetching}
      />
      <label htmlFor="unit-type-filter" style={{ display: "block", fontWeight: 600, margin: "8px 0 4px" }}>
        {t("directory.typeFilter")}
      </label>
      <Select<UnitType>
        id="unit-type-filter"
        allowClear
        value={type}
        onChange={(v) => setType(v)}
        placeholder={t("directory.allTypes")}
        options={UNIT_TYPES.map((x) => ({ value: x, label: t(`unitType.${x}`) }))}
        style={{ width: "100%" }}
      />
      {results.isError && (
        <Alert style={{ marginTop: 8 }} type="error" showIcon title={results.error.message} />
      )}
      {active && results.data && (
        <div aria-live="polite" style={{ marginTop: 8 }}>
          <p style={{ margin: "0 0 4px" }}>
            {t("directory.searchCount", { count: results.data.items.length, q: q || "—" })}
          </p>
          <ul
            aria-label={t("directory.searchResults")}
            style={{ listStyle: "none", padding: 0, margin: 0, maxHeight: 260, overflow: "auto" }}
          >
            {results.data.items.map((u) => (
              <li key={u.id}>
                <Button
                  type="link"
                  onClick={() => onPick(u.id)}
                  style={{ padding: "4px 0", height: "auto", whiteSpace: "normal", textAlign: "left" }}
                >
                  {u.name}
                  <span style={{ color: "#4a4a4a", marginInlineStart: 6 }}>({t(`unitType.${u.type}`)})</span>
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </search>
  );
}

import { queryOptions, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert, Checkbox, Input, Select, Skeleton, Space, Table, Tag } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SubPlanStatusEntry } from "../../../../common/schemas/plans.ts";
import { rankMatches } from "../../../../common/search.ts";
import { api } from "../../api/client.ts";
import { useMe } from "../../app/session.ts";
import { labelSearch } from "../../lib/search.ts";
import type { PlanDetail } from "./api.ts";
import { ImportPlanButton } from "./ImportPlanButton.tsx";

export const subPlanStatusQuery = (id: string) =>
  queryOptions({
    queryKey: ["plans", id, "sub-plan-status"] as const,
    queryFn: () =>
      api<{ items: SubPlanStatusEntry[] }>(`/api/plans/${encodeURIComponent(id)}/sub-plan-status`),
  });

/**
 * Kế hoạch cụ thể (III.1 of the seed): which units named in the plan have issued their own plan
 * under it, and the upload of a unit's plan as a child plan. The server decides who may import;
 * the unit picker offers the user's own units, or every listed unit to a province-wide user.
 */
export function SubPlansTab({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const status = useQuery(subPlanStatusQuery(plan.id));
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [unit, setUnit] = useState<string | null>(null);
  const [search, setSearch] = useState("");

  const unitOptions = useMemo(() => {
    const options = new Map<string, string>();
    const own = new Set(me.roles.map((grant) => grant.unitId));
    for (const entry of status.data?.items ?? []) {
      if (me.permissions.provinceWide || own.has(entry.unit.id)) options.set(entry.unit.id, entry.unit.name);
    }
    for (const grant of me.roles) if (!options.has(grant.unitId)) options.set(grant.unitId, grant.unitName);
    return [...options].map(([value, label]) => ({ value, label }));
  }, [me, status.data]);

  if (status.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (status.isError) return <Alert type="error" showIcon title={status.error.message} />;
  const items = status.data.items;
  const issued = items.filter((entry) => entry.issued).length;
  const needle = search.trim();
  const shown = rankMatches(
    items.filter((entry) => !onlyMissing || !entry.issued),
    needle,
    { fields: (entry) => [entry.unit.name] },
  );
  const chosen = unit ?? (unitOptions.length === 1 ? unitOptions[0]!.value : null);

  return (
    <section aria-labelledby="subplans-title">
      <h2 id="subplans-title">{t("plans.subplans.title")}</h2>
      <p className="plans-hint">{t("plans.subplans.help")}</p>
      <p role="status" data-testid="subplans-counts">
        {t("plans.subplans.counts", { issued, expected: items.length })}
      </p>
      {unitOptions.length > 0 && (
        <Space align="start" wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label={t("plans.subplans.unit")}
            placeholder={t("plans.subplans.unit")}
            style={{ minWidth: 280 }}
            showSearch={labelSearch()}
            options={unitOptions}
            value={chosen}
            onChange={setUnit}
          />
          <ImportPlanButton
            target={{ parent: plan.id, unit: chosen }}
            label={t("plans.subplans.import")}
            hint={t("plans.subplans.importHint")}
          />
        </Space>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label={t("plans.subplans.searchUnit")}
          placeholder={t("plans.subplans.searchUnit")}
          style={{ width: 280 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Checkbox checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)}>
          {t("plans.subplans.onlyMissing")}
        </Checkbox>
      </Space>
      <Table<SubPlanStatusEntry>
        rowKey={(entry) => entry.unit.id}
        dataSource={shown}
        pagination={shown.length > 20 ? { pageSize: 20 } : false}
        locale={{
          emptyText: needle
            ? t("plans.subplans.noMatch")
            : onlyMissing
              ? t("plans.subplans.allIssued")
              : t("plans.subplans.none"),
        }}
        columns={[
          {
            key: "unit",
            title: t("plans.subplans.unitColumn"),
            render: (_, entry) => entry.unit.name,
          },
          {
            key: "roles",
            title: t("plans.subplans.roles"),
            render: (_, entry) =>
              entry.roles.map((role) => <Tag key={role}>{t(`plans.mentionRole.${role}`)}</Tag>),
          },
          {
            key: "issued",
            title: t("plans.subplans.state"),
            render: (_, entry) =>
              entry.issued ? (
                <Tag color="green">{t("plans.subplans.issued")}</Tag>
              ) : (
                <Tag color="red">{t("plans.subplans.notIssued")}</Tag>
              ),
          },
          {
            key: "plan",
            title: t("plans.subplans.plan"),
            render: (_, entry) =>
              entry.plan ? (
                <Link to="/plans/$id" params={{ id: entry.plan.id }}>
                  {entry.plan.title}
                </Link>
              ) : (
                "—"
              ),
          },
        ]}
      />
    </section>
  );
}

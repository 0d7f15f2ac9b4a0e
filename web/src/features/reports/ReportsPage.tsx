import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { Alert, Button, Card, Select, Space, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { UNIT_TYPES } from "../../../../common/enums.ts";
import { REPORT_STATUSES } from "../../../../common/schemas/reports.ts";
import { useMe } from "../../app/session.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import {
  filtersFromSearch,
  type Period,
  periodsQuery,
  publishedPlansQuery,
  type ReportFilters,
  type ReportSummary,
  reportListQuery,
} from "./api.ts";
import { LateTag, StatusTag } from "./status.tsx";

/** "Báo cáo": the unit's reports (or those the user follows) and the reporting periods of a plan. */
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { ownUnitIds, readAll } = me.permissions.reports;
  const mine = ownUnitIds.length > 0;
  usePageTitle(t(mine ? "reports.ui.mineTitle" : "reports.ui.title"));
  // The filters live in the address, so a reload or a shared link shows the same list.
  const filters = filtersFromSearch(useSearch({ strict: false }) as Record<string, unknown>);
  const list = useQuery(reportListQuery(mine, filters));
  const lang = i18n.language === "en" ? "en" : "vi";
  return (
    <div>
      <h1 className="page-title">{t(mine ? "reports.ui.mineTitle" : "reports.ui.title")}</h1>
      <p className="page-lead">{t("reports.ui.lead")}</p>
      {list.isError && <Alert type="error" showIcon title={list.error.message} />}
      <Card
        title={<h2 className="card-heading">{t("reports.ui.reportsHeading")}</h2>}
        style={{ marginBottom: 16 }}
      >
        {(readAll || ownUnitIds.length > 1) && <ReportFiltersBar filters={filters} />}
        <Table<ReportSummary>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t("reports.ui.noReports") }}
          scroll={{ x: true }}
          columns={[
            {
              title: t("reports.ui.period"),
              render: (_, row) => (
                <Link to="/reports/$id" params={{ id: row.id }}>
                  {row.periodLabel[lang]}
                </Link>
              ),
            },
            { title: t("reports.ui.unit"), render: (_, row) => row.unit.name },
            { title: t("reports.ui.status"), render: (_, row) => <StatusTag status={row.status} /> },
            { title: t("reports.ui.deadline"), render: (_, row) => formatDate(row.deadline) },
            {
              title: t("reports.ui.sentAt"),
              render: (_, row) => (
                <>
                  {row.sentAt ? formatDateTime(row.sentAt) : "—"} <LateTag late={row.late} />
                </>
              ),
            },
            { title: t("reports.ui.revision"), dataIndex: "revision" },
          ]}
        />
      </Card>
      <PeriodsCard />
    </div>
  );
}

/** Period, status and unit type of the list; each change goes into the address. */
function ReportFiltersBar({ filters }: { filters: ReportFilters }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  const navigate = useNavigate();
  const plans = useQuery(publishedPlansQuery());
  const planId = filters.planId ?? plans.data?.items[0]?.id ?? null;
  const periods = useQuery({ ...periodsQuery(planId ?? ""), enabled: planId !== null });
  const set = (patch: Partial<ReportFilters>) => {
    const next = { ...filters, ...patch };
    void navigate({
      to: "/reports",
      search: Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as never,
      replace: true,
    });
  };
  const any = Object.keys(filters).length > 0;
  return (
    <search aria-label={t("reports.ui.filters.label")}>
      <Space wrap align="end" style={{ marginBottom: 12 }}>
        <div>
          <label htmlFor="reports-filter-period" style={{ display: "block", marginBottom: 4 }}>
            {t("reports.ui.period")}
          </label>
          <Select
            id="reports-filter-period"
            style={{ width: 300 }}
            allowClear
            placeholder={t("reports.ui.filters.allPeriods")}
            value={filters.periodId}
            loading={periods.isLoading && planId !== null}
            onChange={(value?: string) =>
              set({ periodId: value, planId: value ? (planId ?? undefined) : undefined })
            }
            options={(periods.data?.items ?? []).map((p: Period) => ({
              value: p.id,
              label: t("reports.ui.filters.periodOption", {
                label: p.label[lang],
                deadline: formatDate(p.deadline),
              }),
            }))}
          />
        </div>
        <div>
          <label htmlFor="reports-filter-status" style={{ display: "block", marginBottom: 4 }}>
            {t("reports.ui.status")}
          </label>
          <Select
            id="reports-filter-status"
            style={{ width: 220 }}
            allowClear
            placeholder={t("reports.ui.filters.allStatuses")}
            value={filters.status}
            onChange={(value?: ReportFilters["status"]) => set({ status: value })}
            options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) }))}
          />
        </div>
        <div>
          <label htmlFor="reports-filter-type" style={{ display: "block", marginBottom: 4 }}>
            {t("reports.ui.unitType")}
          </label>
          <Select
            id="reports-filter-type"
            style={{ width: 220 }}
            allowClear
            placeholder={t("reports.ui.filters.allTypes")}
            value={filters.unitType}
            onChange={(value?: ReportFilters["unitType"]) => set({ unitType: value })}
            options={UNIT_TYPES.filter((type) => type !== "province" && type !== "central").map((type) => ({
              value: type,
              label: t(`unitType.${type}`),
            }))}
          />
        </div>
        {any && (
          <Button onClick={() => void navigate({ to: "/reports", search: {} as never, replace: true })}>
            {t("reports.ui.filters.clear")}
          </Button>
        )}
      </Space>
    </search>
  );
}

/** The periods of one published plan, with their counts; each leads to its completeness page. */
function PeriodsCard() {
  const { t, i18n } = useTranslation();
  const plans = useQuery(publishedPlansQuery());
  const [chosen, setChosen] = useState<string | null>(null);
  const planId = chosen ?? plans.data?.items[0]?.id ?? null;
  const periods = useQuery({ ...periodsQuery(planId ?? ""), enabled: planId !== null });
  const lang = i18n.language === "en" ? "en" : "vi";
  return (
    <Card title={<h2 className="card-heading">{t("reports.ui.periodsHeading")}</h2>}>
      {plans.isError && <Alert type="error" showIcon title={plans.error.message} />}
      <label htmlFor="reports-plan" style={{ display: "block", marginBottom: 4 }}>
        {t("reports.ui.plan")}
      </label>
      <Select
        id="reports-plan"
        style={{ width: "100%", maxWidth: 720, marginBottom: 12 }}
        value={planId ?? undefined}
        loading={plans.isLoading}
        onChange={setChosen}
        options={(plans.data?.items ?? []).map((p) => ({
          value: p.id,
          label: [p.number && p.symbol ? `${p.number}/${p.symbol}` : null, p.title]
            .filter(Boolean)
            .join(" — "),
        }))}
      />
      {periods.isError && <Alert type="error" showIcon title={periods.error.message} />}
      <Table<Period>
        rowKey="id"
        loading={periods.isLoading && planId !== null}
        dataSource={periods.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t("reports.ui.noPeriods") }}
        scroll={{ x: true }}
        columns={[
          {
            title: t("reports.ui.period"),
            render: (_, row) => (
              <Link to="/reporting/periods/$id" params={{ id: row.id }}>
                {row.label[lang]}
              </Link>
            ),
          },
          { title: t("reports.ui.deadline"), render: (_, row) => formatDate(row.deadline) },
          {
            title: t("reports.ui.received"),
            render: (_, row) => `${row.counts.received}/${row.counts.expected}`,
          },
          { title: t("reports.ui.onTime"), render: (_, row) => row.counts.onTime },
          { title: t("reports.ui.late"), render: (_, row) => row.counts.late },
          { title: t("reports.ui.missing"), render: (_, row) => row.counts.missing },
          {
            title: t("reports.ui.lockDay"),
            render: (_, row) =>
              `${formatDate(row.lockDay)}${row.locked ? ` · ${t("reports.ui.locked")}` : ""}`,
          },
        ]}
      />
    </Card>
  );
}

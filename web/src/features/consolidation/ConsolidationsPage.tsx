import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, todayIso } from "../../lib/dates.ts";
import { type Period, periodsQuery, publishedPlansQuery } from "../reports/api.ts";
import {
  type ConsolidationSummary,
  consolidationKeys,
  consolidationListQuery,
  draftConsolidation,
} from "./api.ts";

/** The consolidated provincial reports: the list, and drafting a period's report (coordinator). */
export default function ConsolidationsPage() {
  const { t } = useTranslation();
  usePageTitle(t("consolidation.title"));
  const list = useQuery(consolidationListQuery());
  return (
    <div>
      <h1 className="page-title">{t("consolidation.title")}</h1>
      <p className="page-lead">{t("consolidation.lead")}</p>
      {list.data?.canDraft && <DraftCard />}
      {list.isError && <Alert type="error" showIcon title={list.error.message} />}
      <Card>
        <Table<ConsolidationSummary>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t("consolidation.none") }}
          scroll={{ x: true }}
          columns={[
            {
              title: t("consolidation.period"),
              render: (_, row) => (
                <Link to="/reporting/consolidations/$id" params={{ id: row.id }}>
                  {row.periodLabel}
                </Link>
              ),
            },
            { title: t("consolidation.plan"), dataIndex: "planTitle", ellipsis: true },
            {
              title: t("consolidation.reported"),
              render: (_, row) => `${row.counts.accepted}/${row.counts.expected}`,
            },
            {
              title: t("consolidation.status"),
              render: (_, row) => (
                <Tag color={row.status === "final" ? "green" : "blue"}>
                  {t(`consolidation.statusName.${row.status}`)}
                </Tag>
              ),
            },
            { title: t("consolidation.updatedAt"), render: (_, row) => formatDate(row.updatedAt) },
          ]}
        />
      </Card>
    </div>
  );
}

/**
 * Drafting a period's report: the coordinator picks a published plan and one of its periods (with
 * its label, deadline and how many units have reported), never types a period key.
 */
function DraftCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const plans = useQuery(publishedPlansQuery());
  const [chosenPlan, setChosenPlan] = useState<string | null>(null);
  const planId = chosenPlan ?? plans.data?.items[0]?.id ?? null;
  const periods = useQuery({ ...periodsQuery(planId ?? ""), enabled: planId !== null });
  const [chosenPeriod, setChosenPeriod] = useState<string | null>(null);
  const items = periods.data?.items ?? [];
  const period: Period | undefined = items.find((p) => p.id === chosenPeriod) ?? defaultPeriod(items);
  const draft = useMutation({
    mutationFn: draftConsolidation,
    onSuccess: async (report) => {
      await queryClient.invalidateQueries({ queryKey: consolidationKeys.all });
      await navigate({ to: "/reporting/consolidations/$id", params: { id: report.id } });
    },
  });
  const periodLabel = (p: Period) =>
    t("consolidation.periodOption", {
      label: p.label[lang],
      deadline: formatDate(p.deadline),
      received: p.counts.received,
      expected: p.counts.expected,
    });
  return (
    <Card style={{ marginBottom: 16 }} title={t("consolidation.draftTitle")}>
      <Space wrap align="end">
        <div>
          <label htmlFor="consolidation-plan" style={{ display: "block", marginBottom: 4 }}>
            {t("consolidation.plan")}
          </label>
          <Select
            id="consolidation-plan"
            style={{ width: 420, maxWidth: "80vw" }}
            value={planId ?? undefined}
            loading={plans.isLoading}
            onChange={(value: string) => {
              setChosenPlan(value);
              setChosenPeriod(null);
            }}
            options={(plans.data?.items ?? []).map((p) => ({
              value: p.id,
              label: [p.number && p.symbol ? `${p.number}/${p.symbol}` : null, p.title]
                .filter(Boolean)
                .join(" — "),
            }))}
          />
        </div>
        <div>
          <label htmlFor="consolidation-period" style={{ display: "block", marginBottom: 4 }}>
            {t("consolidation.periodKey")}
          </label>
          <Select
            id="consolidation-period"
            style={{ width: 420, maxWidth: "80vw" }}
            value={period?.id}
            loading={periods.isLoading && planId !== null}
            notFoundContent={t("consolidation.noPeriods")}
            onChange={(value: string) => setChosenPeriod(value)}
            options={items.map((p) => ({ value: p.id, label: periodLabel(p) }))}
          />
        </div>
        <Button
          type="primary"
          loading={draft.isPending}
          disabled={!period || !planId}
          onClick={() => period && planId && draft.mutate({ planId, periodKey: period.key })}
        >
          {t("consolidation.draft")}
        </Button>
      </Space>
      <p style={{ marginTop: 8, marginBottom: 0 }}>{t("consolidation.draftHelp")}</p>
      {plans.isError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={plans.error.message} />}
      {periods.isError && (
        <Alert style={{ marginTop: 12 }} type="error" showIcon title={periods.error.message} />
      )}
      {plans.isSuccess && plans.data.items.length === 0 && (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title={t("consolidation.noPlans")} />
      )}
      {draft.isError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={draft.error.message} />}
    </Card>
  );
}

/** The latest period whose deadline has passed (its reports are in), else the earliest one to come. */
function defaultPeriod(items: Period[]): Period | undefined {
  const today = todayIso();
  const past = items.filter((p) => p.deadline <= today).sort((a, b) => b.deadline.localeCompare(a.deadline));
  if (past.length > 0) return past[0];
  return [...items].sort((a, b) => a.deadline.localeCompare(b.deadline))[0];
}

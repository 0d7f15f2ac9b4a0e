import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert, Card, Col, Input, Row, Select, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PlanStatus, PlanSummary } from "../../../../common/schemas/plans.ts";
import { useMe } from "../../app/session.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { planListQuery } from "./api.ts";
import { formatPartialDate, numberSymbol, STATUS_COLORS } from "./format.ts";
import { ImportPlanButton } from "./ImportPlanButton.tsx";
import { PLAN_STATUSES } from "./planEnums.ts";
import "./plans.css";

export default function PlansPage() {
  const { t } = useTranslation();
  usePageTitle(t("nav.plans"));
  const me = useMe();
  const canImport = me.permissions.plans.import;
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<PlanStatus | "">("");
  const list = useQuery({ ...planListQuery(q, status), placeholderData: keepPreviousData });

  return (
    <div className="plans-scope">
      <h1 className="page-title">{t("nav.plans")}</h1>
      <p className="page-lead">{t("plans.lead")}</p>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]} align="bottom">
          <Col xs={24} md={11}>
            <label htmlFor="plans-search" className="plans-label">
              {t("plans.search")}
            </label>
            <Input.Search
              id="plans-search"
              value={typed}
              placeholder={t("plans.searchPlaceholder")}
              allowClear
              enterButton={t("common.search")}
              onChange={(e) => {
                setTyped(e.target.value);
                if (!e.target.value) setQ("");
              }}
              onSearch={(value) => setQ(value.trim())}
            />
          </Col>
          <Col xs={24} sm={12} md={6}>
            <label htmlFor="plans-status" className="plans-label">
              {t("plans.status")}
            </label>
            <Select
              id="plans-status"
              value={status}
              onChange={setStatus}
              style={{ width: "100%" }}
              options={[
                { value: "", label: t("plans.allStatuses") },
                ...PLAN_STATUSES.map((s) => ({ value: s, label: t(`plans.statusName.${s}`) })),
              ]}
            />
          </Col>
          {canImport && (
            <Col xs={24} sm={12} md={7}>
              <ImportPlanButton />
            </Col>
          )}
        </Row>
      </Card>
      {list.isError && <Alert type="error" showIcon title={list.error.message} />}
      <Card>
        <div role="status" className="visually-hidden">
          {list.data && t("plans.found", { count: list.data.items.length })}
        </div>
        <Table<PlanSummary>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          locale={{ emptyText: t("plans.empty") }}
          columns={[
            {
              title: t("plans.numberSymbol"),
              key: "number",
              width: 140,
              render: (_, p) => numberSymbol(p) || "—",
            },
            {
              title: t("plans.title"),
              key: "title",
              render: (_, p) => (
                <Link to="/plans/$id" params={{ id: p.id }} className="plans-title-link">
                  {p.type ? `${p.type} — ` : ""}
                  {p.title}
                </Link>
              ),
            },
            { title: t("plans.issuer"), dataIndex: "issuer", width: 200, render: (v) => v ?? "—" },
            {
              title: t("plans.date"),
              dataIndex: "date",
              width: 110,
              render: (v: string | null) => formatPartialDate(v) || "—",
            },
            {
              title: t("plans.status"),
              dataIndex: "status",
              width: 130,
              render: (s: PlanStatus) => <Tag color={STATUS_COLORS[s]}>{t(`plans.statusName.${s}`)}</Tag>,
            },
            {
              title: t("plans.version"),
              dataIndex: "currentVersion",
              width: 90,
              render: (v: number) => (v > 0 ? v : "—"),
            },
          ]}
        />
      </Card>
    </div>
  );
}

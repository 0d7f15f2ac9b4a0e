import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Row, Statistic, Table } from "antd";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { DateField } from "../../components/DateField.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { todayIso } from "../../lib/dates.ts";
import { statsQuery, type UnitStats } from "./api.ts";
import { percent, totalOf } from "./format.ts";
import "./petitions.css";

const StatsChart = lazy(() => import("./StatsChart.tsx").then((m) => ({ default: m.StatsChart })));

export default function StatsPage() {
  const { t } = useTranslation();
  usePageTitle(t("petitions.stats.title"));
  const today = todayIso();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const badRange = from > to;
  const stats = useQuery({ ...statsQuery(from, to), enabled: !badRange, placeholderData: keepPreviousData });
  const items = stats.data?.items ?? [];
  const total = useMemo(() => totalOf(items), [items]);

  return (
    <div className="petitions-scope">
      <h1 className="page-title">{t("petitions.stats.title")}</h1>
      <p className="page-lead">{t("petitions.stats.lead")}</p>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]}>
          <Col xs={24} sm={12} md={6}>
            <label htmlFor="stats-from" className="petitions-label">
              {t("petitions.stats.from")}
            </label>
            <DateField id="stats-from" value={from} allowClear={false} onChange={(v) => v && setFrom(v)} />
          </Col>
          <Col xs={24} sm={12} md={6}>
            <label htmlFor="stats-to" className="petitions-label">
              {t("petitions.stats.to")}
            </label>
            <DateField id="stats-to" value={to} allowClear={false} onChange={(v) => v && setTo(v)} />
          </Col>
        </Row>
        {badRange && (
          <Alert
            role="alert"
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={t("petitions.stats.badRange")}
          />
        )}
      </Card>
      {stats.isError && (
        <Alert type="error" showIcon title={stats.error.message} style={{ marginBottom: 16 }} />
      )}
      <section aria-label={t("petitions.stats.total")}>
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {(
            [
              ["received", total.received],
              ["onTime", total.answeredOnTime],
              ["overdue", total.overdue],
              ["closedResolved", total.closedResolved],
              ["closedUnresolved", total.closedUnresolved],
              ["rating", total.averageRating === null ? "—" : `${total.averageRating} (${total.ratings})`],
              ["resolvedShare", percent(total.resolvedOnFollowUpShare)],
            ] as const
          ).map(([key, value]) => (
            <Col key={key} xs={12} md={8} xl={6} xxl={3}>
              <Card size="small">
                <Statistic title={t(`petitions.stats.${key}`)} value={value} />
              </Card>
            </Col>
          ))}
        </Row>
      </section>
      {items.length > 0 && (
        <Card
          title={<h2 className="card-heading">{t("petitions.stats.chart")}</h2>}
          style={{ marginBottom: 16 }}
        >
          <Suspense fallback={<div className="petitions-chart" />}>
            <StatsChart items={items} />
          </Suspense>
          <a href="#petition-stats-table">{t("petitions.stats.toTable")}</a>
        </Card>
      )}
      <Card
        id="petition-stats-table"
        tabIndex={-1}
        title={<h2 className="card-heading">{t("petitions.stats.table")}</h2>}
      >
        {/* The wide table scrolls inside a region the keyboard can reach and scroll (WCAG 2.1.1). */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs focus to scroll by keyboard */}
        <section className="table-scroll" aria-label={t("petitions.stats.table")} tabIndex={0}>
          <Table<UnitStats>
            rowKey={(u) => u.unitId ?? "none"}
            loading={stats.isFetching}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: t("petitions.stats.empty") }}
            columns={[
              { title: t("petitions.stats.unit"), dataIndex: "unitName", width: 240 },
              { title: t("petitions.stats.received"), dataIndex: "received", align: "right" },
              { title: t("petitions.stats.answered"), dataIndex: "answered", align: "right" },
              { title: t("petitions.stats.onTime"), dataIndex: "answeredOnTime", align: "right" },
              { title: t("petitions.stats.overdue"), dataIndex: "overdue", align: "right" },
              { title: t("petitions.stats.closedResolved"), dataIndex: "closedResolved", align: "right" },
              { title: t("petitions.stats.closedUnresolved"), dataIndex: "closedUnresolved", align: "right" },
              {
                title: t("petitions.stats.rating"),
                dataIndex: "averageRating",
                align: "right",
                render: (v: number | null) => v ?? "—",
              },
              { title: t("petitions.stats.ratings"), dataIndex: "ratings", align: "right" },
              { title: t("petitions.stats.followUps"), dataIndex: "followUps", align: "right" },
              {
                title: t("petitions.stats.resolvedShare"),
                dataIndex: "resolvedOnFollowUpShare",
                align: "right",
                render: (v: number | null) => percent(v),
              },
            ]}
            summary={() =>
              items.length > 1 && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t("petitions.stats.total")}</strong>
                  </Table.Summary.Cell>
                  {(
                    [
                      ["received", total.received],
                      ["answered", total.answered],
                      ["onTime", total.answeredOnTime],
                      ["overdue", total.overdue],
                      ["closedResolved", total.closedResolved],
                      ["closedUnresolved", total.closedUnresolved],
                      ["rating", total.averageRating ?? "—"],
                      ["ratings", total.ratings],
                      ["followUps", total.followUps],
                      ["resolvedShare", percent(total.resolvedOnFollowUpShare)],
                    ] as const
                  ).map(([key, v], i) => (
                    <Table.Summary.Cell key={key} index={i + 1} align="right">
                      <strong>{v}</strong>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )
            }
          />
        </section>
      </Card>
    </div>
  );
}

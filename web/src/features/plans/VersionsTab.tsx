import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Row, Select, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import { AmendmentForm } from "./AmendmentForm.tsx";
import { type PlanDetail, type PlanVersion, planVersionsQuery, type VersionRef } from "./api.ts";
import { DiffView } from "./DiffView.tsx";

/** The published versions, a comparison between any two, and the start of an amendment. */
export function VersionsTab({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const versions = useQuery(planVersionsQuery(plan.id));
  const list = versions.data?.items ?? [];
  const hasWorking = plan.permissions.readWorking && plan.status !== "published";
  const choices: { value: string; label: string }[] = [
    ...list.map((v) => ({ value: String(v.version), label: t("plans.versionN", { n: v.version }) })),
    ...(hasWorking ? [{ value: "working", label: t("plans.working") }] : []),
  ];
  const last = choices[choices.length - 1]?.value;
  const first = choices[Math.max(0, choices.length - 2)]?.value;
  const [pair, setPair] = useState<{ a?: string; b?: string }>({});
  const a = pair.a ?? first;
  const b = pair.b ?? last;
  const [compare, setCompare] = useState<[VersionRef, VersionRef] | null>(null);
  const ref = (v: string): VersionRef => (v === "working" ? "working" : Number(v));

  return (
    <>
      {plan.permissions.edit && plan.status === "published" && <AmendmentForm plan={plan} />}
      <Card style={{ marginBottom: 16 }} title={<h2 className="card-heading">{t("plans.versionsTitle")}</h2>}>
        {versions.isError && <Alert type="error" showIcon title={versions.error.message} />}
        <Table<PlanVersion>
          rowKey="version"
          size="small"
          loading={versions.isPending}
          dataSource={list}
          pagination={false}
          scroll={{ x: 700 }}
          locale={{ emptyText: t("plans.noVersions") }}
          columns={[
            { title: t("plans.version"), dataIndex: "version", width: 80 },
            { title: t("plans.reason"), dataIndex: "reason", render: (v) => v ?? t("plans.firstVersion") },
            {
              title: t("plans.amendingDocument"),
              key: "doc",
              render: (_, v) =>
                v.amendingNumber
                  ? `${v.amendingNumber}${v.amendingDate ? ` (${formatDate(v.amendingDate)})` : ""}`
                  : "—",
            },
            { title: t("plans.publishedBy"), dataIndex: "publishedBy" },
            { title: t("plans.publishedAt"), dataIndex: "publishedAt", render: (v) => formatDateTime(v) },
            { title: t("plans.itemsCount"), dataIndex: "items", width: 90 },
          ]}
        />
      </Card>
      {choices.length >= 2 && (
        <Card title={<h2 className="card-heading">{t("plans.compareTitle")}</h2>}>
          <Row gutter={[12, 12]} align="bottom">
            <Col xs={24} sm={9}>
              <label htmlFor="plans-diff-a" className="plans-label">
                {t("plans.compareFrom")}
              </label>
              <Select
                id="plans-diff-a"
                style={{ width: "100%" }}
                value={a}
                options={choices}
                onChange={(v) => setPair({ a: v, b })}
              />
            </Col>
            <Col xs={24} sm={9}>
              <label htmlFor="plans-diff-b" className="plans-label">
                {t("plans.compareTo")}
              </label>
              <Select
                id="plans-diff-b"
                style={{ width: "100%" }}
                value={b}
                options={choices}
                onChange={(v) => setPair({ a, b: v })}
              />
            </Col>
            <Col xs={24} sm={6}>
              <Button
                type="primary"
                disabled={!a || !b || a === b}
                onClick={() => a && b && setCompare([ref(a), ref(b)])}
              >
                {t("plans.compare")}
              </Button>
            </Col>
          </Row>
          {compare && <DiffView planId={plan.id} a={compare[0]} b={compare[1]} />}
        </Card>
      )}
    </>
  );
}

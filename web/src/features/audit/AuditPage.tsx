import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Form, Input, Row, Space, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useMe } from "../../app/session.ts";
import { ForbiddenPage } from "../../components/StatusPages.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { AuditDiff } from "./AuditDiff.tsx";

type AuditEntry = {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};
type Verify = {
  ok: boolean;
  checked: number;
  unkeyed: number;
  checkpoints: number;
  problems: { seq: number; kind: string; message: string }[];
};
type Filters = { entityType: string; entityId: string };

const PAGE = 50;

export default function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t("nav.audit"));
  const me = useMe();
  const [filters, setFilters] = useState<Filters>({ entityType: "", entityId: "" });

  const entries = useInfiniteQuery({
    queryKey: ["audit", filters],
    enabled: me.permissions.audit.read,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api<{ items: AuditEntry[] }>("/api/audit", { query: { ...filters, limit: PAGE, before: pageParam } }),
    // Entries come newest first; the next page is everything before the oldest seq shown.
    getNextPageParam: (last) =>
      last.items.length < PAGE ? undefined : last.items[last.items.length - 1].seq,
  });

  const verify = useMutation({ mutationFn: () => api<Verify>("/api/audit/verify") });

  if (!me.permissions.audit.read) return <ForbiddenPage />;
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <h1 className="page-title">{t("nav.audit")}</h1>
      <p className="page-lead">{t("audit.lead")}</p>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[16, 8]} align="bottom">
          <Col flex="auto">
            <Form<Filters>
              layout="inline"
              onFinish={(v) =>
                setFilters({ entityType: v.entityType?.trim() ?? "", entityId: v.entityId?.trim() ?? "" })
              }
            >
              <Form.Item label={t("audit.entityType")} name="entityType">
                <Input allowClear style={{ width: 180 }} />
              </Form.Item>
              <Form.Item label={t("audit.entityId")} name="entityId">
                <Input allowClear style={{ width: 280 }} />
              </Form.Item>
              <Form.Item>
                <Button htmlType="submit">{t("audit.filter")}</Button>
              </Form.Item>
            </Form>
          </Col>
          <Col>
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined aria-hidden />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
            >
              {t("audit.verify")}
            </Button>
          </Col>
        </Row>
        <div aria-live="polite">
          {verify.isError && (
            <Alert style={{ marginTop: 12 }} type="error" showIcon title={verify.error.message} />
          )}
          {verify.data && (
            <Alert
              style={{ marginTop: 12 }}
              type={verify.data.ok ? "success" : "error"}
              showIcon
              title={
                verify.data.ok
                  ? t("audit.verifyOk", { count: verify.data.checked })
                  : t("audit.verifyBad", { count: verify.data.problems.length, checked: verify.data.checked })
              }
              description={
                verify.data.problems.length === 0 ? (
                  <>
                    {verify.data.checkpoints > 0
                      ? t("audit.verifyAnchors", { count: verify.data.checkpoints })
                      : t("audit.verifyNoAnchor")}
                    {verify.data.unkeyed > 0 &&
                      ` ${t("audit.verifyUnkeyed", { count: verify.data.unkeyed })}`}
                  </>
                ) : (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {verify.data.problems.map((p) => (
                      <li key={`${p.seq}-${p.kind}`}>
                        #{p.seq} ({p.kind}): {p.message}
                      </li>
                    ))}
                  </ul>
                )
              }
            />
          )}
        </div>
      </Card>
      <Card>
        {entries.isError && (
          <Alert type="error" showIcon title={entries.error.message} style={{ marginBottom: 12 }} />
        )}
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          loading={entries.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 800 }}
          expandable={{
            expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} />,
            columnTitle: <span className="visually-hidden">{t("audit.details")}</span>,
            expandRowByClick: false,
          }}
          columns={[
            { title: "#", dataIndex: "seq", width: 80 },
            { title: t("audit.at"), dataIndex: "at", width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: t("audit.actor"),
              dataIndex: "actorName",
              render: (v: string | null) => v ?? t("audit.system"),
            },
            { title: t("audit.action"), dataIndex: "action", render: (v: string) => <code>{v}</code> },
            { title: t("audit.entityType"), dataIndex: "entityType" },
            {
              title: t("audit.entityId"),
              dataIndex: "entityId",
              render: (v: string | null) => <code style={{ fontSize: 12 }}>{v ?? "—"}</code>,
            },
          ]}
        />
        <Space style={{ marginTop: 12 }}>
          {entries.hasNextPage && (
            <Button onClick={() => entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
              {t("audit.more")}
            </Button>
          )}
        </Space>
      </Card>
    </>
  );
}

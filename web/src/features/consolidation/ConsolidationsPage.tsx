import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Form, Input, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate } from "../../lib/dates.ts";
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
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ periodKey: string }>();
  const draft = useMutation({
    mutationFn: draftConsolidation,
    onSuccess: async (report) => {
      await queryClient.invalidateQueries({ queryKey: consolidationKeys.all });
      await navigate({ to: "/reporting/consolidations/$id", params: { id: report.id } });
    },
  });
  return (
    <div>
      <h1 className="page-title">{t("consolidation.title")}</h1>
      <p className="page-lead">{t("consolidation.lead")}</p>
      {list.data?.canDraft && (
        <Card style={{ marginBottom: 16 }} title={t("consolidation.draftTitle")}>
          <Form
            form={form}
            layout="inline"
            initialValues={{ periodKey: String(new Date().getFullYear()) }}
            onFinish={(values) => draft.mutate({ periodKey: values.periodKey.trim() })}
          >
            <Form.Item
              name="periodKey"
              label={t("consolidation.periodKey")}
              rules={[{ required: true, whitespace: true, message: t("consolidation.periodRequired") }]}
            >
              <Input style={{ width: 140 }} placeholder="2024" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={draft.isPending}>
                {t("consolidation.draft")}
              </Button>
            </Form.Item>
          </Form>
          <p style={{ marginTop: 8, marginBottom: 0 }}>{t("consolidation.draftHelp")}</p>
          {draft.isError && (
            <Alert style={{ marginTop: 12 }} type="error" showIcon title={draft.error.message} />
          )}
        </Card>
      )}
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

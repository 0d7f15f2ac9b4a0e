import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert, Card, Table } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";
import type { Summary } from "./api.ts";
import { CLASSES } from "./labels.tsx";
import "./assignments.css";

type Group = Summary["groups"][number];

/** Every published plan the user may follow, with its four classes, each opening its matrix. */
export default function ProgressOverviewPage() {
  const { t } = useTranslation();
  usePageTitle(t("assignments.navProgress"));
  const summary = useQuery({
    queryKey: ["assignments", "summary", "", "plan", "all"],
    queryFn: () => api<Summary>("/api/assignments/summary", { query: { groupBy: "plan" } }),
  });
  return (
    <div className="asg-scope">
      <h1 className="page-title">{t("assignments.navProgress")}</h1>
      <p className="page-lead">{t("assignments.progressLead")}</p>
      {summary.isError && <Alert type="error" showIcon title={summary.error.message} />}
      <Card>
        <Table<Group>
          rowKey="key"
          loading={summary.isPending}
          dataSource={summary.data?.groups ?? []}
          pagination={false}
          scroll={{ x: 820 }}
          locale={{ emptyText: t("assignments.empty") }}
          columns={[
            {
              title: t("assignments.plan"),
              key: "plan",
              render: (_, g) => (
                <Link to="/plans/$id/matrix" params={{ id: g.key }}>
                  {g.label}
                </Link>
              ),
            },
            ...CLASSES.map((c) => ({
              title: t(`assignments.class.${c}`),
              key: c,
              width: 120,
              align: "right" as const,
              render: (_: unknown, g: Group) => g.counts[c],
            })),
          ]}
        />
      </Card>
    </div>
  );
}

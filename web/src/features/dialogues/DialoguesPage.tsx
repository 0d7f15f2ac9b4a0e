import "./civic.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Segmented, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { type DialogueSummary, dialogueKeys, dialogueListQuery, scheduleDialogue } from "./api.ts";
import { DialogueForm } from "./DialogueForm.tsx";
import { STATUS_COLORS } from "./format.ts";

export default function DialoguesPage() {
  const { t } = useTranslation();
  usePageTitle(t("dialogues.title"));
  const [when, setWhen] = useState<"upcoming" | "past" | "all">("all");
  const [scheduling, setScheduling] = useState(false);
  const list = useQuery(dialogueListQuery(when));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const schedule = useMutation({
    mutationFn: scheduleDialogue,
    onSuccess: async ({ id }) => {
      setScheduling(false);
      await queryClient.invalidateQueries({ queryKey: dialogueKeys.all });
      await navigate({ to: "/dialogues/$id", params: { id } });
    },
  });

  return (
    <div>
      <h1 className="page-title">{t("dialogues.title")}</h1>
      <p className="page-lead">{t("dialogues.lead")}</p>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Segmented
            aria-label={t("dialogues.when")}
            value={when}
            onChange={(v) => setWhen(v as typeof when)}
            options={(["all", "upcoming", "past"] as const).map((v) => ({
              value: v,
              label: t(`dialogues.whenName.${v}`),
            }))}
          />
          {list.data?.canSchedule && (
            <Button type="primary" onClick={() => setScheduling(true)}>
              {t("dialogues.schedule")}
            </Button>
          )}
          <Link to="/commitments">{t("dialogues.commitmentsLink")}</Link>
        </Space>
      </Card>
      {list.isError && <Alert type="error" showIcon title={list.error.message} />}
      <Card>
        <Table<DialogueSummary>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t("dialogues.empty") }}
          columns={[
            {
              title: t("dialogues.fields.startsAt"),
              dataIndex: "startsAt",
              width: 150,
              render: formatDateTime,
            },
            {
              title: t("dialogues.fields.title"),
              dataIndex: "title",
              render: (title: string, row) => (
                <Link to="/dialogues/$id" params={{ id: row.id }}>
                  {title}
                </Link>
              ),
            },
            { title: t("dialogues.fields.leader"), dataIndex: "leader", width: 180 },
            { title: t("dialogues.fields.place"), dataIndex: "place", width: 200 },
            {
              title: t("dialogues.fields.status"),
              dataIndex: "status",
              width: 130,
              render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`dialogues.statusName.${s}`)}</Tag>,
            },
            {
              title: t("dialogues.questions"),
              width: 120,
              render: (_, row) =>
                t("dialogues.questionCounts", { pending: row.questions.pending, total: row.questions.total }),
            },
            {
              title: t("dialogues.commitments"),
              width: 150,
              render: (_, row) => (
                <span>
                  {row.commitments.open + row.commitments.overdue + row.commitments.done}
                  {row.commitments.overdue > 0 && (
                    <Tag color="red" style={{ marginInlineStart: 8 }}>
                      {t("dialogues.overdueCount", { count: row.commitments.overdue })}
                    </Tag>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <DialogueForm
        open={scheduling}
        title={t("dialogues.schedule")}
        onCancel={() => setScheduling(false)}
        onSubmit={(input) => schedule.mutateAsync(input)}
      />
    </div>
  );
}

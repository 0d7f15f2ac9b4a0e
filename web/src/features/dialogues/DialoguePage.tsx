import "./civic.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Alert, App, Button, Card, Descriptions, Input, Space, Table, Tabs, Tag } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Question } from "../../../../common/schemas/dialogues.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDateTime } from "../../lib/dates.ts";
import {
  addQuestion,
  answerQuestion,
  type Commitment,
  closeCommitment,
  createCommitment,
  dialogueKeys,
  dialogueQuery,
  moderateQuestion,
  reopenCommitment,
  updateDialogue,
} from "./api.ts";
import { CommitmentForm } from "./CommitmentForm.tsx";
import { CommitmentTable } from "./CommitmentTable.tsx";
import { DialogueForm } from "./DialogueForm.tsx";
import { MODERATION_COLORS, STATUS_COLORS } from "./format.ts";
import { RejectModal } from "./ModerationModal.tsx";
import { TextModal } from "./TextModal.tsx";

type Dialog =
  | { kind: "edit" }
  | { kind: "reject"; question: Question }
  | { kind: "answer"; question: Question }
  | { kind: "ask" }
  | { kind: "commit"; question?: Question }
  | { kind: "close"; commitment: Commitment }
  | null;

export default function DialoguePage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/app/dialogues/$id" });
  const detail = useQuery(dialogueQuery(id));
  usePageTitle(detail.data?.title ?? t("dialogues.title"));
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [minutes, setMinutes] = useState("");
  const data = detail.data;
  useEffect(() => setMinutes(data?.minutes ?? ""), [data?.minutes]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: dialogueKeys.all });
  const done = async () => {
    setDialog(null);
    await refresh();
  };
  // The version is read when the button is pressed and the answer's new version is kept at once,
  // so that two changes in a row (held, then the minutes) never send a stale one.
  const patch = useMutation({
    mutationFn: (body: { status?: string; minutes?: string }) => {
      const current = queryClient.getQueryData(dialogueQuery(id).queryKey);
      return updateDialogue(id, { ...body, version: current?.version ?? data!.version });
    },
    onSuccess: async ({ version }) => {
      queryClient.setQueryData(dialogueQuery(id).queryKey, (old) => (old ? { ...old, version } : old));
      message.success(t("dialogues.saved"));
      await refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const publish = useMutation({
    mutationFn: (q: Question) => moderateQuestion(id, q.id, { decision: "publish" }),
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });
  const reopen = useMutation({
    mutationFn: (c: Commitment) => reopenCommitment(c.id),
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });

  if (detail.isError) return <Alert type="error" showIcon title={detail.error.message} />;
  if (!data) return <Card loading />;
  const can = (action: string) => data.actions.includes(action as "edit");

  const questionColumns = [
    {
      title: t("dialogues.fields.question"),
      key: "text",
      render: (_: unknown, q: Question) => (
        <div>
          <div className="civic-text">{q.text}</div>
          {q.answer && (
            <div className="civic-answer">
              <strong>{t("dialogues.answer")}:</strong> {q.answer}
            </div>
          )}
        </div>
      ),
    },
    {
      title: t("dialogues.asker"),
      key: "asker",
      width: 200,
      render: (_: unknown, q: Question) => (
        <div>
          <div>{q.askerName ?? t(`dialogues.channelName.${q.channel}`)}</div>
          <div className="civic-muted">{[q.askerPhone, q.askerEmail].filter(Boolean).join(" · ")}</div>
          {q.commune && <div className="civic-muted">{q.commune.name}</div>}
        </div>
      ),
    },
    {
      title: t("dialogues.fields.status"),
      key: "status",
      width: 150,
      render: (_: unknown, q: Question) => (
        <div>
          <Tag color={MODERATION_COLORS[q.moderation.status]}>
            {t(`civic.statusName.${q.moderation.status}`)}
          </Tag>
          {q.moderation.reason && (
            <div className="civic-muted">{t(`civic.reasonName.${q.moderation.reason}`)}</div>
          )}
          {q.moderation.note && <div className="civic-muted">{q.moderation.note}</div>}
        </div>
      ),
    },
    { title: t("dialogues.submittedAt"), dataIndex: "submittedAt", width: 140, render: formatDateTime },
    {
      title: t("dialogues.actions"),
      key: "actions",
      width: 220,
      render: (_: unknown, q: Question) => (
        <Space wrap>
          {can("moderate") && q.moderation.status === "pending" && (
            <>
              <Button
                size="small"
                type="primary"
                onClick={() => publish.mutate(q)}
                loading={publish.isPending}
              >
                {t("civic.publish")}
              </Button>
              <Button size="small" danger onClick={() => setDialog({ kind: "reject", question: q })}>
                {t("civic.reject")}
              </Button>
            </>
          )}
          {can("answer") && q.moderation.status === "published" && (
            <Button size="small" onClick={() => setDialog({ kind: "answer", question: q })}>
              {q.answer ? t("dialogues.editAnswer") : t("dialogues.recordAnswer")}
            </Button>
          )}
          {can("commit") && q.moderation.status === "published" && (
            <Button size="small" onClick={() => setDialog({ kind: "commit", question: q })}>
              {t("dialogues.toCommitment")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <p>
        <Link to="/dialogues">← {t("dialogues.title")}</Link>
      </p>
      <h1 className="page-title">{data.title}</h1>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "starts", label: t("dialogues.fields.startsAt"), children: formatDateTime(data.startsAt) },
            {
              key: "status",
              label: t("dialogues.fields.status"),
              children: (
                <Tag color={STATUS_COLORS[data.status]}>{t(`dialogues.statusName.${data.status}`)}</Tag>
              ),
            },
            { key: "leader", label: t("dialogues.fields.leader"), children: data.leader },
            { key: "place", label: t("dialogues.fields.place"), children: data.place },
            { key: "host", label: t("dialogues.fields.hostUnit"), children: data.hostUnit.name },
            {
              key: "communes",
              label: t("dialogues.fields.communes"),
              children: data.communes.map((c) => c.name).join("; "),
            },
            {
              key: "topic",
              label: t("dialogues.fields.topic"),
              span: 2,
              children: <span className="civic-text">{data.topic}</span>,
            },
          ]}
        />
        {can("edit") && (
          <Space wrap style={{ marginTop: 12 }}>
            <Button onClick={() => setDialog({ kind: "edit" })}>{t("dialogues.edit")}</Button>
            {data.status === "scheduled" && (
              <Button
                type="primary"
                onClick={() => patch.mutate({ status: "held" })}
                loading={patch.isPending}
              >
                {t("dialogues.markHeld")}
              </Button>
            )}
            {data.status === "scheduled" && (
              <Button danger onClick={() => patch.mutate({ status: "cancelled" })}>
                {t("dialogues.cancelDialogue")}
              </Button>
            )}
            {data.status !== "scheduled" && (
              <Button onClick={() => patch.mutate({ status: "scheduled" })}>
                {t("dialogues.backToScheduled")}
              </Button>
            )}
          </Space>
        )}
      </Card>
      <Tabs
        items={[
          {
            key: "questions",
            label: t("dialogues.questionsTab", {
              count: data.questionList.length,
              pending: data.questions.pending,
            }),
            children: (
              <Card>
                {can("moderate") && (
                  <Button style={{ marginBottom: 12 }} onClick={() => setDialog({ kind: "ask" })}>
                    {t("dialogues.addQuestion")}
                  </Button>
                )}
                <Table<Question>
                  rowKey="id"
                  dataSource={data.questionList}
                  columns={questionColumns}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 900 }}
                  locale={{ emptyText: t("dialogues.noQuestions") }}
                />
              </Card>
            ),
          },
          {
            key: "minutes",
            label: t("dialogues.minutes"),
            children: (
              <Card>
                <label htmlFor="dialogue-minutes" className="civic-label">
                  {t("dialogues.minutes")}
                </label>
                <Input.TextArea
                  id="dialogue-minutes"
                  rows={12}
                  value={minutes}
                  onChange={(e) => setMinutes(e.target.value)}
                  readOnly={!can("edit")}
                  maxLength={100_000}
                  placeholder={t("dialogues.minutesHint")}
                />
                {can("edit") && (
                  <Button
                    type="primary"
                    style={{ marginTop: 12 }}
                    onClick={() => patch.mutate({ minutes })}
                    loading={patch.isPending}
                    disabled={minutes === (data.minutes ?? "")}
                  >
                    {t("dialogues.saveMinutes")}
                  </Button>
                )}
              </Card>
            ),
          },
          {
            key: "commitments",
            label: t("dialogues.commitmentsTab", { count: data.commitmentList.length }),
            children: (
              <Card>
                {can("commit") ? (
                  <Button
                    style={{ marginBottom: 12 }}
                    type="primary"
                    onClick={() => setDialog({ kind: "commit" })}
                  >
                    {t("dialogues.addCommitment")}
                  </Button>
                ) : (
                  data.status === "scheduled" && (
                    <Alert
                      type="info"
                      showIcon
                      title={t("dialogues.commitAfterHeld")}
                      style={{ marginBottom: 12 }}
                    />
                  )
                )}
                <CommitmentTable
                  items={data.commitmentList}
                  onClose={(c) => setDialog({ kind: "close", commitment: c })}
                  onReopen={(c) => reopen.mutate(c)}
                />
              </Card>
            ),
          },
        ]}
      />
      <DialogueForm
        open={dialog?.kind === "edit"}
        title={t("dialogues.edit")}
        initial={{ ...data, hostUnitId: data.hostUnit.id, communeIds: data.communes.map((c) => c.id) }}
        onCancel={() => setDialog(null)}
        onSubmit={async (input) => {
          await updateDialogue(id, { ...input, version: data.version });
          await done();
        }}
      />
      <RejectModal
        open={dialog?.kind === "reject"}
        text={dialog?.kind === "reject" ? dialog.question.text : ""}
        onCancel={() => setDialog(null)}
        onSubmit={async (body) => {
          if (dialog?.kind !== "reject") return;
          await moderateQuestion(id, dialog.question.id, body);
          await done();
        }}
      />
      <TextModal
        open={dialog?.kind === "answer"}
        title={t("dialogues.recordAnswer")}
        label={t("dialogues.answer")}
        quote={dialog?.kind === "answer" ? dialog.question.text : undefined}
        initial={dialog?.kind === "answer" ? (dialog.question.answer ?? "") : ""}
        max={20_000}
        onCancel={() => setDialog(null)}
        onSubmit={async (text) => {
          if (dialog?.kind !== "answer") return;
          await answerQuestion(id, dialog.question.id, text);
          await done();
        }}
      />
      <TextModal
        open={dialog?.kind === "ask"}
        title={t("dialogues.addQuestion")}
        label={t("dialogues.fields.question")}
        min={5}
        max={4000}
        onCancel={() => setDialog(null)}
        onSubmit={async (text) => {
          await addQuestion(id, { text });
          await done();
        }}
      />
      <CommitmentForm
        open={dialog?.kind === "commit"}
        quote={dialog?.kind === "commit" ? (dialog.question?.answer ?? dialog.question?.text) : undefined}
        initialText={dialog?.kind === "commit" ? (dialog.question?.answer ?? "") : ""}
        onCancel={() => setDialog(null)}
        onSubmit={async (body) => {
          await createCommitment(id, {
            ...body,
            questionId: dialog?.kind === "commit" ? dialog.question?.id : undefined,
          });
          await done();
        }}
      />
      <TextModal
        open={dialog?.kind === "close"}
        title={t("dialogues.close")}
        label={t("dialogues.fields.closingNote")}
        quote={dialog?.kind === "close" ? dialog.commitment.text : undefined}
        min={5}
        max={4000}
        onCancel={() => setDialog(null)}
        onSubmit={async (note) => {
          if (dialog?.kind !== "close") return;
          await closeCommitment(dialog.commitment.id, note);
          await done();
        }}
      />
    </div>
  );
}

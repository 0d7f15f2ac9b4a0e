import "../dialogues/civic.css";
import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Tag,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import { MODERATION_COLORS } from "../dialogues/format.ts";
import { RejectModal } from "../dialogues/ModerationModal.tsx";
import {
  addComment,
  answerComment,
  type Comment,
  consultationKeys,
  consultationQuery,
  moderateComment,
  publishConsultation,
  reportUrl,
  updateConsultation,
} from "./api.ts";
import { ConsultationForm } from "./ConsultationForm.tsx";
import { PHASE_COLORS, RESULT_COLORS } from "./format.ts";
import { ResponseModal } from "./ResponseModal.tsx";
import { StaffCommentModal } from "./StaffCommentModal.tsx";

type Filter = "all" | "pending" | "unanswered" | "answered" | "rejected";

export default function ConsultationPage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/app/consultations/$id" });
  const detail = useQuery(consultationQuery(id));
  usePageTitle(detail.data?.title ?? t("consultations.title"));
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [rejecting, setRejecting] = useState<Comment | null>(null);
  const [answering, setAnswering] = useState<Comment | null>(null);
  const [filter, setFilter] = useState<Filter>("all");
  const refresh = () => queryClient.invalidateQueries({ queryKey: consultationKeys.all });
  const publish = useMutation({
    mutationFn: () => publishConsultation(id),
    onSuccess: async () => {
      message.success(t("consultations.published"));
      await refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const approve = useMutation({
    mutationFn: (c: Comment) => moderateComment(id, c.id, { decision: "publish" }),
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });

  if (detail.isError) return <Alert type="error" showIcon title={detail.error.message} />;
  const data = detail.data;
  if (!data) return <Card loading />;
  const can = (action: string) => data.actions.includes(action as "edit");
  const headingOf = new Map(data.sections.map((s) => [s.id, s.heading]));
  const shown = data.commentList.filter((c) => {
    if (filter === "pending") return c.moderation.status === "pending";
    if (filter === "rejected") return c.moderation.status === "rejected";
    if (filter === "unanswered") return c.moderation.status === "published" && !c.response;
    if (filter === "answered") return c.response !== null;
    return true;
  });

  return (
    <div>
      <p>
        <Link to="/consultations">← {t("consultations.title")}</Link>
      </p>
      <h1 className="page-title">{data.title}</h1>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "unit", label: t("consultations.fields.draftingUnit"), children: data.draftingUnit.name },
            {
              key: "phase",
              label: t("consultations.phase"),
              children: (
                <Tag color={PHASE_COLORS[data.phase]}>{t(`consultations.phaseName.${data.phase}`)}</Tag>
              ),
            },
            {
              key: "period",
              label: t("consultations.period"),
              children: `${formatDate(data.opensOn)} – ${formatDate(data.closesOn)}`,
            },
            {
              key: "counts",
              label: t("consultations.comments"),
              children: t("consultations.commentCounts", {
                pending: data.comments.pending,
                published: data.comments.published,
                answered: data.comments.answered,
              }),
            },
            ...(data.summary
              ? [
                  {
                    key: "summary",
                    label: t("consultations.fields.summary"),
                    span: 2,
                    children: <span className="civic-text">{data.summary}</span>,
                  },
                ]
              : []),
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          {can("edit") && <Button onClick={() => setEditing(true)}>{t("consultations.edit")}</Button>}
          {can("publish") && (
            <Popconfirm
              title={t("consultations.publishConfirm")}
              onConfirm={() => publish.mutate()}
              okText={t("consultations.publish")}
              cancelText={t("dialogues.cancel")}
            >
              <Button type="primary" loading={publish.isPending}>
                {t("consultations.publish")}
              </Button>
            </Popconfirm>
          )}
          {can("comment") && <Button onClick={() => setAdding(true)}>{t("consultations.addComment")}</Button>}
          {can("report") && (
            <Button icon={<DownloadOutlined aria-hidden />} href={reportUrl(id)} download>
              {t("consultations.report")}
            </Button>
          )}
        </Space>
      </Card>
      <Card title={t("consultations.sections")} style={{ marginBottom: 16 }}>
        <Collapse
          items={data.sections.map((s) => ({
            key: s.id,
            label: `${s.heading} (${t("consultations.commentsOn", { count: data.commentList.filter((c) => c.sectionId === s.id).length })})`,
            children: <div className="civic-text">{s.text || t("consultations.noText")}</div>,
          }))}
        />
      </Card>
      {data.phase !== "draft" && (
        <Card title={t("consultations.queue")}>
          <Segmented
            aria-label={t("consultations.filter")}
            value={filter}
            onChange={(v) => setFilter(v as Filter)}
            options={(["all", "pending", "unanswered", "answered", "rejected"] as const).map((f) => ({
              value: f,
              label: t(`consultations.filterName.${f}`),
            }))}
            style={{ marginBottom: 12 }}
          />
          <Table<Comment>
            rowKey="id"
            dataSource={shown}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t("consultations.noComments") }}
            columns={[
              {
                title: t("consultations.section"),
                key: "section",
                width: 170,
                render: (_, c) => headingOf.get(c.sectionId),
              },
              {
                title: t("consultations.author"),
                key: "author",
                width: 190,
                render: (_, c) => (
                  <div>
                    <div>{c.authorName ?? t("consultations.authorKindName.citizen")}</div>
                    <div className="civic-muted">{t(`consultations.authorKindName.${c.authorKind}`)}</div>
                    <div className="civic-muted">
                      {[c.authorPhone, c.authorEmail].filter(Boolean).join(" · ")}
                    </div>
                  </div>
                ),
              },
              {
                title: t("consultations.commentText"),
                key: "text",
                render: (_, c) => (
                  <div>
                    <div className="civic-text">{c.text}</div>
                    {c.response && (
                      <div className="civic-answer">
                        <Tag color={RESULT_COLORS[c.response.result]}>
                          {t(`consultations.resultName.${c.response.result}`)}
                        </Tag>
                        {c.response.explanation}
                      </div>
                    )}
                  </div>
                ),
              },
              {
                title: t("dialogues.fields.status"),
                key: "status",
                width: 140,
                render: (_, c) => (
                  <div>
                    <Tag color={MODERATION_COLORS[c.moderation.status]}>
                      {t(`civic.statusName.${c.moderation.status}`)}
                    </Tag>
                    {c.moderation.reason && (
                      <div className="civic-muted">{t(`civic.reasonName.${c.moderation.reason}`)}</div>
                    )}
                    {c.moderation.note && <div className="civic-muted">{c.moderation.note}</div>}
                  </div>
                ),
              },
              {
                title: t("dialogues.submittedAt"),
                dataIndex: "submittedAt",
                width: 130,
                render: formatDateTime,
              },
              {
                title: t("dialogues.actions"),
                key: "actions",
                width: 200,
                render: (_, c) => (
                  <Space wrap>
                    {can("moderate") && c.moderation.status === "pending" && (
                      <>
                        <Button size="small" type="primary" onClick={() => approve.mutate(c)}>
                          {t("civic.publish")}
                        </Button>
                        <Button size="small" danger onClick={() => setRejecting(c)}>
                          {t("civic.reject")}
                        </Button>
                      </>
                    )}
                    {can("answer") && c.moderation.status === "published" && (
                      <Button size="small" onClick={() => setAnswering(c)}>
                        {c.response ? t("consultations.editAnswer") : t("consultations.answer")}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <ConsultationForm
        open={editing}
        title={t("consultations.edit")}
        initial={{
          ...data,
          draftingUnitId: data.draftingUnit.id,
          sections: data.sections.map((s) => ({ heading: s.heading, text: s.text })),
        }}
        onCancel={() => setEditing(false)}
        onSubmit={async (input) => {
          await updateConsultation(id, { ...input, version: data.version });
          setEditing(false);
          await refresh();
        }}
      />
      <RejectModal
        open={rejecting !== null}
        text={rejecting?.text ?? ""}
        onCancel={() => setRejecting(null)}
        onSubmit={async (body) => {
          await moderateComment(id, rejecting!.id, body);
          setRejecting(null);
          await refresh();
        }}
      />
      <ResponseModal
        comment={answering}
        onCancel={() => setAnswering(null)}
        onSubmit={async (body) => {
          await answerComment(id, answering!.id, body);
          setAnswering(null);
          await refresh();
        }}
      />
      <StaffCommentModal
        open={adding}
        sections={data.sections}
        onCancel={() => setAdding(false)}
        onSubmit={async (body) => {
          await addComment(id, body);
          setAdding(false);
          await refresh();
        }}
      />
    </div>
  );
}

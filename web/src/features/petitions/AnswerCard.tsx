import { CheckOutlined, RollbackOutlined, SaveOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Popconfirm, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { AppForm, showFieldErrors } from "../../components/AppForm.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { answerPreviewQuery, approveAnswer, type PetitionDetail, returnAnswer, saveDraft } from "./api.ts";
import type { Run } from "./caseAction.ts";

/** The last word on the draft: the leader returned it (with the comment), or not. */
function lastReturn(detail: PetitionDetail) {
  const answerEvents = detail.events.filter(
    (e) => e.type === "answer_drafted" || e.type === "answer_returned",
  );
  const last = answerEvents.at(-1);
  return last?.type === "answer_returned" ? last : null;
}

/**
 * The answer: the officer drafts (saving submits it to the unit's leader), the leader reads the
 * masked version that will be published, then approves it or returns it with a comment.
 */
export function AnswerCard({ detail, run }: { detail: PetitionDetail; run: Run }) {
  const { t } = useTranslation();
  const canDraft = detail.allowed.includes("draftAnswer");
  const canApprove = detail.allowed.includes("approveAnswer");
  const answer = detail.answer;
  const published = answer?.status === "published";
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"save" | "approve" | "return" | null>(null);
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ text: string }>();
  const [returnForm] = Form.useForm<{ comment: string }>();
  const returned = lastReturn(detail);
  const draft = answer && !published ? answer.text : null;
  const preview = useQuery({
    ...answerPreviewQuery(detail.id, draft ?? ""),
    enabled: draft !== null && detail.personalData,
  });

  if (!answer && !canDraft) return null;
  const showEditor = canDraft && (!answer || editing);

  async function act(kind: "save" | "approve" | "return", work: () => Promise<unknown>, success: string) {
    setBusy(kind);
    setError(null);
    try {
      const done = await run(work, success);
      if (done) {
        setEditing(false);
        setReturning(false);
        returnForm.resetFields();
      }
    } catch (e) {
      if (e instanceof ApiError && e.field === "text")
        showFieldErrors(form, [{ name: "text", errors: [e.message] }]);
      if (e instanceof ApiError && e.field === "comment")
        showFieldErrors(returnForm, [{ name: "comment", errors: [e.message] }]);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card
      title={<h2 className="card-heading">{t("petitions.answer.title")}</h2>}
      extra={
        answer && (
          <Tag color={published ? "green" : "gold"} data-testid="answer-status">
            {t(`petitions.answer.status.${answer.status}`)}
          </Tag>
        )
      }
    >
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {published && answer && (
        <>
          <p className="petitions-muted" style={{ marginTop: 0 }}>
            {t("petitions.answer.publishedOn", { date: formatDateTime(answer.publishedAt) })}
          </p>
          <div className="petitions-answer-preview" data-testid="published-answer">
            <p className="petitions-text">{answer.publishedText}</p>
          </div>
          <p className="petitions-muted">{t("petitions.answer.sentNote")}</p>
        </>
      )}
      {!published && answer && !showEditor && (
        <>
          {returned && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t("petitions.event.answer_returned")}
              description={
                <>
                  <span className="petitions-text">{returned.note}</span>
                  <div className="petitions-muted">
                    {returned.actor} · {formatDateTime(returned.at)}
                  </div>
                </>
              }
              data-testid="answer-returned"
            />
          )}
          {answer.draftedBy && (
            <p className="petitions-muted" style={{ marginTop: 0 }}>
              {t("petitions.answer.draftedBy", { who: answer.draftedBy })}
            </p>
          )}
          <h3 className="card-heading">{t("petitions.answer.draft")}</h3>
          <p className="petitions-text" data-testid="answer-draft">
            {answer.text}
          </p>
          {detail.personalData && (
            <section aria-label={t("petitions.answer.preview")} style={{ marginTop: 12 }}>
              <h3 className="card-heading">{t("petitions.answer.preview")}</h3>
              <p className="petitions-muted">{t("petitions.answer.previewHelp")}</p>
              {preview.isError ? (
                <Alert type="error" showIcon title={preview.error.message} />
              ) : (
                <div
                  className="petitions-answer-preview"
                  data-testid="answer-preview"
                  aria-busy={preview.isPending}
                >
                  <p className="petitions-text">{preview.data?.text ?? "…"}</p>
                </div>
              )}
            </section>
          )}
          <Space wrap style={{ marginTop: 12 }}>
            {canApprove && (
              <Popconfirm
                title={t("petitions.answer.approveConfirm")}
                okText={t("petitions.answer.approve")}
                cancelText={t("petitions.common.cancel")}
                onConfirm={() =>
                  void act("approve", () => approveAnswer(detail.id), t("petitions.answer.approved"))
                }
              >
                <Button
                  type="primary"
                  icon={<CheckOutlined aria-hidden />}
                  loading={busy === "approve"}
                  disabled={!preview.data}
                >
                  {t("petitions.answer.approve")}
                </Button>
              </Popconfirm>
            )}
            {canApprove && !returning && (
              <Button icon={<RollbackOutlined aria-hidden />} onClick={() => setReturning(true)}>
                {t("petitions.answer.return")}
              </Button>
            )}
            {canDraft && (
              <Button
                onClick={() => {
                  form.setFieldsValue({ text: answer.text });
                  setEditing(true);
                }}
              >
                {t("petitions.answer.edit")}
              </Button>
            )}
          </Space>
          {!canApprove && canDraft && (
            <p className="petitions-muted" style={{ marginBottom: 0 }}>
              {t("petitions.answer.waitingLeader")}
            </p>
          )}
          {returning && (
            <AppForm
              form={returnForm}
              layout="vertical"
              style={{ marginTop: 12 }}
              onFinish={(v) =>
                void act(
                  "return",
                  () => returnAnswer(detail.id, v.comment.trim()),
                  t("petitions.answer.returnedDone"),
                )
              }
            >
              <Form.Item
                name="comment"
                label={t("petitions.answer.returnComment")}
                rules={[
                  { required: true, whitespace: true, message: t("petitions.answer.returnRequired") },
                  { min: 5, message: t("petitions.answer.returnRequired") },
                ]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
              </Form.Item>
              <Space>
                <Button htmlType="submit" loading={busy === "return"}>
                  {t("petitions.answer.returnSubmit")}
                </Button>
                <Button onClick={() => setReturning(false)}>{t("petitions.common.cancel")}</Button>
              </Space>
            </AppForm>
          )}
        </>
      )}
      {showEditor && (
        <AppForm
          form={form}
          layout="vertical"
          initialValues={{ text: answer?.text ?? "" }}
          onFinish={(v) =>
            void act("save", () => saveDraft(detail.id, v.text.trim()), t("petitions.answer.saved"))
          }
        >
          <Form.Item
            name="text"
            label={t("petitions.answer.draft")}
            extra={t("petitions.answer.draftHelp")}
            rules={[
              { required: true, whitespace: true, message: t("petitions.answer.tooShort") },
              { min: 20, message: t("petitions.answer.tooShort") },
              { max: 20_000 },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} maxLength={20_000} showCount />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SaveOutlined aria-hidden />}
              loading={busy === "save"}
            >
              {t("petitions.answer.save")}
            </Button>
            {answer && <Button onClick={() => setEditing(false)}>{t("petitions.answer.cancel")}</Button>}
          </Space>
        </AppForm>
      )}
    </Card>
  );
}

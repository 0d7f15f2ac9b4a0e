import { DeleteOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, InputNumber, Select, Space, Upload } from "antd";
import type { UploadFile } from "antd/es/upload/interface";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, isConflict } from "../../api/client.ts";
import { AppForm, showFieldErrors } from "../../components/AppForm.tsx";
import { ConflictNotice, type ConflictView } from "../../components/ConflictNotice.tsx";
import {
  type AssignmentDetail,
  assignmentDetailQuery,
  assignmentKeys,
  NEXT_STATUSES,
  type ProgressInput,
  reportProgress,
  type StatusTarget,
} from "./api.ts";

type Values = {
  text?: string;
  percent?: number | null;
  figures?: { name?: string; value?: number | null }[];
  status?: StatusTarget | "";
  reason?: string;
};

const MAX_FILES = 10;
const ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.pptx";

/** Figures as the API takes them; a half-filled row is an error shown on its field. */
export function figuresOf(rows: Values["figures"]): Record<string, number> | undefined {
  const result: Record<string, number> = {};
  for (const row of rows ?? []) {
    const name = row?.name?.trim();
    if (name && typeof row?.value === "number") result[name] = row.value;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * A progress report: text, percent, figures, evidence files, optionally a status change. A report
 * sent by someone else first (409) keeps what was typed and offers to send it again on top.
 */
export function ProgressForm({ assignment }: { assignment: AssignmentDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<(ConflictView & { input: ProgressInput }) | null>(null);
  const status = Form.useWatch("status", form);
  const next = NEXT_STATUSES[assignment.status] ?? [];

  async function send(input: ProgressInput) {
    setBusy(true);
    setError(null);
    try {
      await reportProgress(assignment.id, input);
      setConflict(null);
      form.resetFields();
      setFiles([]);
      message.success(t("assignments.reported"));
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.all });
    } catch (e) {
      if (isConflict(e)) {
        const current = await queryClient.fetchQuery({
          ...assignmentDetailQuery(assignment.id),
          staleTime: 0,
        });
        await queryClient.invalidateQueries({ queryKey: assignmentKeys.all });
        const latest = current.updates[0];
        setConflict({
          input: { ...input, version: current.version },
          message: e.message,
          rows: [
            {
              field: "text",
              label: t("assignments.latestUpdate"),
              mine: input.text ?? "",
              theirs: latest
                ? `${latest.author}: ${latest.text ?? t(`assignments.state.${latest.statusTo ?? current.state}`)}`
                : "",
              otherChanged: true,
            },
            {
              field: "status",
              label: t("assignments.status"),
              mine: input.status ? t(`assignments.state.${input.status}`) : "",
              theirs: t(`assignments.state.${current.state}`),
              otherChanged: current.status !== assignment.status,
            },
          ],
        });
      } else if (
        e instanceof ApiError &&
        e.field &&
        ["text", "percent", "figures", "reason", "status"].includes(e.field)
      ) {
        showFieldErrors(form, [{ name: e.field as keyof Values, errors: [e.message] }]);
        setError(e.message);
      } else {
        setError(e instanceof ApiError ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  }

  const submit = (values: Values) => {
    const text = values.text?.trim();
    const figures = figuresOf(values.figures);
    const chosen = values.status || undefined;
    if (!text && values.percent == null && !figures && files.length === 0 && !chosen) {
      setError(t("assignments.reportEmpty"));
      return;
    }
    void send({
      version: assignment.version,
      text: text || undefined,
      percent: values.percent ?? undefined,
      figures,
      status: chosen,
      reason: chosen === "paused" ? values.reason?.trim() : undefined,
      files: files.map((f) => f.originFileObj as File).filter(Boolean),
    });
  };

  return (
    <section aria-labelledby="asg-report-heading" className="asg-report">
      <h2 id="asg-report-heading" className="card-heading">
        {t("assignments.reportTitle")}
      </h2>
      {conflict && (
        <ConflictNotice
          conflict={conflict}
          busy={busy}
          onReapply={() => send(conflict.input)}
          onTakeTheirs={() => {
            setConflict(null);
            form.resetFields();
            setFiles([]);
          }}
        />
      )}
      {error && (
        <Alert
          role="alert"
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={error}
          closable={{ onClose: () => setError(null), "aria-label": t("common.close") }}
        />
      )}
      <AppForm form={form} layout="vertical" onFinish={submit} disabled={busy || !!conflict}>
        <Form.Item name="text" label={t("assignments.reportText")}>
          <Input.TextArea
            rows={4}
            maxLength={10_000}
            showCount
            placeholder={t("assignments.reportTextHint")}
          />
        </Form.Item>
        <Form.Item name="percent" label={t("assignments.percent")}>
          <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 140 }} />
        </Form.Item>
        <fieldset className="asg-fieldset">
          <legend>{t("assignments.figures")}</legend>
          <Form.List name="figures">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} wrap align="start" className="asg-figure-row">
                    <Form.Item
                      name={[field.name, "name"]}
                      label={t("assignments.figureName", { n: index + 1 })}
                      rules={[
                        { required: true, whitespace: true, message: t("assignments.figureNameRequired") },
                      ]}
                    >
                      <Input maxLength={120} placeholder={t("assignments.figureNameHint")} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "value"]}
                      label={t("assignments.figureValue", { n: index + 1 })}
                      rules={[
                        { required: true, type: "number", message: t("assignments.figureValueRequired") },
                      ]}
                    >
                      <InputNumber style={{ width: 140 }} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t("assignments.removeFigure", { n: index + 1 })}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 30 }}
                    />
                  </Space>
                ))}
                {fields.length < 50 && (
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
                    {t("assignments.addFigure")}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </fieldset>
        <Form.Item
          label={t("assignments.evidence")}
          extra={t("assignments.evidenceHint", { max: MAX_FILES })}
        >
          <Upload
            multiple
            accept={ACCEPT}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_FILES))}
          >
            <Button icon={<UploadOutlined aria-hidden />}>{t("assignments.chooseFiles")}</Button>
          </Upload>
        </Form.Item>
        {next.length > 0 && (
          <Form.Item name="status" label={t("assignments.reportStatus")} initialValue="">
            <Select
              style={{ maxWidth: 320 }}
              options={[
                { value: "", label: t("assignments.keepStatus") },
                ...next.map((s) => ({ value: s, label: t(`assignments.state.${s}`) })),
              ]}
            />
          </Form.Item>
        )}
        {status === "paused" && (
          <Form.Item
            name="reason"
            label={t("assignments.pauseReason")}
            rules={[{ required: true, whitespace: true, message: t("assignments.pauseReasonRequired") }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("assignments.sendReport")}
        </Button>
      </AppForm>
    </section>
  );
}

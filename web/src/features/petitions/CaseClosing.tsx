import { Button, Card, Checkbox, Form, Input, Radio, Space } from "antd";
import { useTranslation } from "react-i18next";
import { AppForm } from "../../components/AppForm.tsx";
import { formatDate } from "../../lib/dates.ts";
import { closePetition, extend } from "./api.ts";
import { type CardProps, heading, useStep } from "./caseStep.tsx";

/** Records an extension decided in writing; the server applies the days the law allows. */
export function ExtensionCard({ detail, run }: CardProps) {
  const { t } = useTranslation();
  const { form, busy, step, alert } = useStep<{
    decisionNumber: string;
    reason: string;
    veryComplex?: boolean;
  }>();
  return (
    <Card title={heading(t("petitions.extend.title"))}>
      <p className="petitions-muted" style={{ marginTop: 0 }}>
        {t("petitions.extend.lead")}
      </p>
      {alert}
      <AppForm
        name="extend"
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void step(
            "extend",
            run,
            () =>
              extend(detail.id, {
                decisionNumber: v.decisionNumber.trim(),
                reason: v.reason.trim(),
                ...(v.veryComplex ? { veryComplex: true } : {}),
              }),
            (r) => {
              const { days, dueDate } = r as { days: number; dueDate: string };
              return t("petitions.extend.done", { days, date: formatDate(dueDate) });
            },
          )
        }
      >
        <Form.Item
          name="decisionNumber"
          label={t("petitions.extend.decisionNumber")}
          rules={[{ required: true, whitespace: true, message: t("petitions.extend.decisionRequired") }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("petitions.extend.reason")}
          rules={[
            { required: true, whitespace: true, message: t("petitions.extend.reasonShort") },
            { min: 5, message: t("petitions.extend.reasonShort") },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {detail.kind === "to-cao" && (
          <Form.Item name="veryComplex" valuePropName="checked">
            <Checkbox>{t("petitions.extend.veryComplex")}</Checkbox>
          </Form.Item>
        )}
        <Button htmlType="submit" loading={busy === "extend"}>
          {t("petitions.extend.submit")}
        </Button>
      </AppForm>
    </Card>
  );
}

/** Closing: resolved, or not resolved with the reason. The two are counted apart. */
export function CloseCard({ detail, run }: CardProps) {
  const { t } = useTranslation();
  const { form, busy, step, alert } = useStep<{ outcome: "resolved" | "unresolved"; reason?: string }>();
  const outcome = Form.useWatch("outcome", form);
  return (
    <Card title={heading(t("petitions.close.title"))} data-testid="close-card">
      <p className="petitions-muted" style={{ marginTop: 0 }}>
        {t("petitions.close.lead")}
      </p>
      {alert}
      <AppForm
        name="close"
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void step(
            "close",
            run,
            () =>
              closePetition(detail.id, {
                resolved: v.outcome === "resolved",
                ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
              }),
            t("petitions.close.done"),
          )
        }
      >
        <Form.Item
          name="outcome"
          label={t("petitions.close.outcome")}
          rules={[{ required: true, message: t("petitions.intake.required") }]}
        >
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value="resolved">{t("petitions.close.resolved")}</Radio>
              <Radio value="unresolved">{t("petitions.close.unresolved")}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={outcome === "unresolved" ? t("petitions.close.reason") : t("petitions.close.note")}
          rules={
            outcome === "unresolved"
              ? [{ required: true, whitespace: true, message: t("petitions.close.reasonRequired") }]
              : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy === "close"}>
          {t("petitions.close.submit")}
        </Button>
      </AppForm>
    </Card>
  );
}

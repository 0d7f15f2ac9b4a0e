import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Form, Input, Row } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { DateField } from "../../components/DateField.tsx";
import { openAmendment, type PlanDetail, planKeys } from "./api.ts";

type Values = { reason: string; amendingNumber: string; amendingDate: string | null };

/** Opens an amendment ("sửa đổi, bổ sung") on a published plan, named by the amending document. */
export function AmendmentForm({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      await openAmendment(plan.id, {
        reason: values.reason.trim(),
        amendingNumber: values.amendingNumber.trim(),
        amendingDate: values.amendingDate ?? undefined,
      });
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      message.success(t("plans.amendmentOpened"));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card style={{ marginBottom: 16 }} title={<h2 className="card-heading">{t("plans.amend")}</h2>}>
      <p className="plans-hint">{t("plans.amendHelp")}</p>
      {error && <Alert role="alert" style={{ marginBottom: 12 }} type="error" showIcon title={error} />}
      <AppForm<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="amendingNumber"
              label={t("plans.amendingNumber")}
              rules={[{ required: true, whitespace: true, message: t("plans.required") }]}
            >
              <Input placeholder="25/KH-UBND" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="amendingDate" label={t("plans.amendingDate")}>
              <DateField />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="reason"
          label={t("plans.reason")}
          rules={[{ required: true, whitespace: true, message: t("plans.required") }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("plans.amendOpen")}
        </Button>
      </AppForm>
    </Card>
  );
}

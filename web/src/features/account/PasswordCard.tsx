import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client.ts";
import { meQuery } from "../../app/session.ts";
import { AppForm, showFieldErrors } from "../../components/AppForm.tsx";

type Values = { current: string; next: string; confirm: string };

export function PasswordCard({ mustChange }: { mustChange: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      await api<void>("/api/me/password", { body: { current: v.current, next: v.next } });
      form.resetFields();
      message.success(t("account.passwordChanged"));
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
    } catch (e) {
      if (e instanceof ApiError && (e.field === "current" || e.code === "wrong_password")) {
        showFieldErrors(form, [{ name: "current", errors: [e.message] }]);
      } else if (e instanceof ApiError && (e.field === "next" || e.code === "weak_password")) {
        showFieldErrors(form, [{ name: "next", errors: [e.message] }]);
      } else {
        setError(e instanceof Error ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={<h2 className="card-heading">{t("account.passwordTitle")}</h2>}>
      {mustChange && (
        <Alert type="warning" showIcon title={t("account.mustChange")} style={{ marginBottom: 16 }} />
      )}
      {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} />}
      <AppForm<Values> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
        <Form.Item
          label={t("account.current")}
          name="current"
          rules={[{ required: true, message: t("form.required") }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t("account.next")}
          name="next"
          extra={t("account.passwordMin")}
          rules={[{ required: true, min: 10, message: t("account.passwordMin") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t("account.confirm")}
          name="confirm"
          dependencies={["next"]}
          rules={[
            { required: true, message: t("form.required") },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue("next")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("account.mismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("account.changePassword")}
        </Button>
      </AppForm>
    </Card>
  );
}

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, Descriptions, Form, Input, Row } from "antd";
import { useTranslation } from "react-i18next";
import type { Me } from "../../../../common/schemas/auth.ts";
import { ApiError, api } from "../../api/client.ts";
import { grantText } from "../../app/roleText.ts";
import { meQuery, useMe } from "../../app/session.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { PasswordCard } from "./PasswordCard.tsx";
import { TotpCard } from "./TotpCard.tsx";

function ProfileCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (displayName: string) => api<Me>("/api/me", { method: "PATCH", body: { displayName } }),
    onSuccess: () => {
      message.success(t("account.profileSaved"));
      return queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });

  return (
    <Card title={<h2 className="card-heading">{t("account.profileTitle")}</h2>}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("users.field.username")}>
          <code>{me.username}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t("users.field.email")}>{me.email ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("users.field.grants")}>
          {me.roles.length ? me.roles.map((g) => grantText(t, g)).join("; ") : t("role.none")}
        </Descriptions.Item>
      </Descriptions>
      <AppForm<{ displayName: string }>
        layout="vertical"
        initialValues={{ displayName: me.displayName }}
        onFinish={(v) => save.mutate(v.displayName.trim())}
        style={{ maxWidth: 420 }}
      >
        <Form.Item
          label={t("users.field.displayName")}
          name="displayName"
          rules={[{ required: true, whitespace: true, message: t("form.required") }]}
        >
          <Input maxLength={200} autoComplete="name" />
        </Form.Item>
        <Button htmlType="submit" loading={save.isPending}>
          {t("common.save")}
        </Button>
      </AppForm>
    </Card>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t("nav.account"));
  const me = useMe();
  return (
    <>
      <h1 className="page-title">{t("nav.account")}</h1>
      <p className="page-lead">{t("account.lead")}</p>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <PasswordCard mustChange={me.mustChangePassword} />
        </Col>
        <Col xs={24} xl={12}>
          <TotpCard enabled={me.totpEnabled} required={me.secondFactorRequired} />
        </Col>
        <Col xs={24} xl={12}>
          <ProfileCard me={me} />
        </Col>
      </Row>
    </>
  );
}

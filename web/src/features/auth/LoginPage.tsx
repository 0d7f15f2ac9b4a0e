import { LockOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Form, Input } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../../common/enums.ts";
import type { LoginBody, Me } from "../../../../common/schemas/auth.ts";
import { ApiError, api } from "../../api/client.ts";
import { currentLocale } from "../../app/i18n.ts";
import { meQuery, safeNext } from "../../app/session.ts";
import { AppForm } from "../../components/AppForm.tsx";
import { LanguageSwitch } from "../../components/LanguageSwitch.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";

const route = getRouteApi("/login");

type Values = { username: string; password: string; totp?: string };

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("auth.title"));
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A language picked here, before signing in, wins over the one saved on the account.
  const pickedLocale = useRef<Locale | null>(null);
  const totpRef = useRef<React.ComponentRef<typeof Input>>(null);

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  const login = useMutation({
    mutationFn: (body: LoginBody) => api<Me>("/api/auth/login", { body, handleSessionEnd: false }),
    onSuccess: async (me) => {
      let signedIn = me;
      if (pickedLocale.current && pickedLocale.current !== me.locale) {
        signedIn = await api<Me>("/api/me", {
          method: "PATCH",
          body: { locale: pickedLocale.current },
        }).catch(() => me);
      } else if (!pickedLocale.current && me.locale !== currentLocale()) {
        await i18n.changeLanguage(me.locale);
      }
      queryClient.setQueryData(meQuery.queryKey, signedIn);
      // An account that must first set up its second factor can do nothing else (SecondFactorPage).
      if (me.secondFactorEnrolment) await navigate({ to: "/second-factor" });
      else await navigate({ to: me.mustChangePassword ? "/account" : safeNext(search.next) });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === "totp_required") {
        setNeedTotp(true);
        setError(null);
        return;
      }
      if (err instanceof ApiError && err.code === "totp_invalid") {
        form.setFieldValue("totp", "");
        totpRef.current?.focus();
      }
      setError(err instanceof ApiError ? err.message : t("errors.generic"));
    },
  });

  const onFinish = (values: Values) => {
    if (login.isPending) return; // one sign-in at a time: a second would count as another failure
    setError(null);
    login.mutate({
      username: values.username.trim(),
      password: values.password,
      ...(needTotp && values.totp ? { totp: values.totp.trim() } : {}),
    });
  };

  return (
    <div className="login-page">
      <header style={{ width: "100%", maxWidth: 420 }}>
        <div className="login-top">
          <h1 className="login-title">{t("app.name")}</h1>
          <LanguageSwitch dark onChange={(locale) => (pickedLocale.current = locale)} />
        </div>
        <p className="login-tagline">{t("app.tagline")}</p>
      </header>
      <main id="main" className="login-card">
        <Card>
          <h2 className="card-heading" style={{ fontSize: 20, marginBottom: 16 }}>
            {t("auth.heading")}
          </h2>
          {search.reason === "expired" && !error && (
            <Alert type="warning" showIcon title={t("session.expired")} style={{ marginBottom: 16 }} />
          )}
          {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} />}
          <AppForm<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item
              label={t("auth.username")}
              name="username"
              rules={[{ required: true, whitespace: true, message: t("auth.usernameRequired") }]}
            >
              <Input
                prefix={<UserOutlined aria-hidden />}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
                readOnly={needTotp}
              />
            </Form.Item>
            <Form.Item
              label={t("auth.password")}
              name="password"
              rules={[{ required: true, message: t("auth.passwordRequired") }]}
            >
              <Input.Password
                prefix={<LockOutlined aria-hidden />}
                autoComplete="current-password"
                readOnly={needTotp}
              />
            </Form.Item>
            {needTotp && (
              <>
                <p id="totp-help">{t("auth.totpHelp")}</p>
                <Form.Item
                  label={t("auth.totp")}
                  name="totp"
                  rules={[{ required: true, pattern: /^\d{6}$/, message: t("auth.totpFormat") }]}
                >
                  <Input
                    ref={totpRef}
                    prefix={<SafetyOutlined aria-hidden />}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    aria-describedby="totp-help"
                  />
                </Form.Item>
              </>
            )}
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              {needTotp ? t("auth.verify") : t("auth.submit")}
            </Button>
            {needTotp && (
              <Button
                type="link"
                block
                style={{ marginTop: 8 }}
                onClick={() => {
                  setNeedTotp(false);
                  setError(null);
                  form.resetFields(["password", "totp"]);
                }}
              >
                {t("auth.otherAccount")}
              </Button>
            )}
          </AppForm>
        </Card>
        {/* Citizens who land here are pointed to their own pages (no account needed). */}
        <p style={{ textAlign: "center", marginTop: 16 }}>
          <a href="/cong-dan">{t("portal.site")}</a>
        </p>
      </main>
    </div>
  );
}

import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, QRCode, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client.ts";
import { meQuery } from "../../app/session.ts";
import { AppForm } from "../../components/AppForm.tsx";

type Setup = { secret: string; otpauthUrl: string };

function CodeForm({
  label,
  submitText,
  onSubmit,
  busy,
  focus = false,
  describedBy,
}: {
  label: string;
  submitText: string;
  onSubmit: (code: string) => void;
  busy: boolean;
  /** Take the focus on showing (the code is what comes next). */
  focus?: boolean;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  return (
    <AppForm<{ code: string }>
      layout="vertical"
      onFinish={(v) => onSubmit(v.code.trim())}
      style={{ maxWidth: 320 }}
    >
      <Form.Item
        label={label}
        name="code"
        rules={[{ required: true, pattern: /^\d{6}$/, message: t("auth.totpFormat") }]}
      >
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus={focus}
          aria-describedby={describedBy}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {submitText}
      </Button>
    </AppForm>
  );
}

/**
 * Setting up, turning on and off the TOTP second factor. `required`: the account's role requires
 * it (it cannot be turned off). `autoStart`: the set-up begins at once (the enrolment screen), and
 * `onEnabled` runs once it is on; `lead` opens the card (why it is asked for).
 */
export function TotpCard({
  enabled,
  required = false,
  autoStart = false,
  onEnabled,
  lead,
}: {
  enabled: boolean;
  required?: boolean;
  autoStart?: boolean;
  onEnabled?: () => void | Promise<void>;
  lead?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const start = () => run(async () => setSetup(await api<Setup>("/api/me/totp/setup", { method: "POST" })));
  const enable = (code: string) =>
    run(async () => {
      await api<void>("/api/me/totp/enable", { body: { code } });
      setSetup(null);
      message.success(t("account.totpEnabled"));
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      await onEnabled?.();
    });
  const disable = (code: string) =>
    run(async () => {
      await api<void>("/api/me/totp/disable", { body: { code } });
      message.success(t("account.totpDisabled"));
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
    });

  // One set-up per screen: a second would replace the secret the QR code shows.
  const started = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts once, when the screen opens
  useEffect(() => {
    if (autoStart && !enabled && !started.current) {
      started.current = true;
      void start();
    }
  }, []);

  return (
    <Card title={<h2 className="card-heading">{t("account.totpTitle")}</h2>}>
      {lead && <p>{lead}</p>}
      {!autoStart && <p>{enabled ? t("account.totpOn") : t("account.totpOff")}</p>}
      {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} />}
      {enabled && required && <p>{t("secondFactor.required")}</p>}
      {enabled && !required && (
        <CodeForm
          label={t("account.totpCodeToDisable")}
          submitText={t("account.totpDisable")}
          onSubmit={disable}
          busy={busy}
        />
      )}
      {!enabled && !setup && (
        <Button type="primary" onClick={start} loading={busy}>
          {t("account.totpSetup")}
        </Button>
      )}
      {!enabled && setup && (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <p id="totp-scan" style={{ margin: 0 }}>
            {t("account.totpScan")}
          </p>
          <QRCode value={setup.otpauthUrl} size={200} bordered aria-label={t("account.totpQr")} />
          <div>
            <strong>{t("account.totpSecret")}: </strong>
            <Typography.Text code copyable={{ text: setup.secret }}>
              {setup.secret}
            </Typography.Text>
          </div>
          <div style={{ wordBreak: "break-all" }}>
            <strong>{t("account.totpUrl")}: </strong>
            <Typography.Text code>{setup.otpauthUrl}</Typography.Text>
          </div>
          <CodeForm
            label={t("account.totpCode")}
            submitText={t("account.totpEnable")}
            onSubmit={enable}
            busy={busy}
            focus
            describedBy="totp-scan"
          />
        </Space>
      )}
    </Card>
  );
}

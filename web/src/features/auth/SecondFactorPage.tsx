import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { App, Button, Card, Space } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { rolesSummary } from "../../app/roleText.ts";
import { meQuery } from "../../app/session.ts";
import { LanguageSwitch } from "../../components/LanguageSwitch.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { PasswordCard } from "../account/PasswordCard.tsx";
import { TotpCard } from "../account/TotpCard.tsx";

/**
 * Where an account whose role requires a second factor, and that has none, lands after signing
 * in: its session may do nothing else until it turns TOTP on (server: modules/auth/second-factor.ts).
 * No navigation: the set-up starts at once, the code field takes the focus, and once the code is
 * accepted the same session goes on to the home page. The language switch here changes this
 * screen only (saving it on the account is one of the things the session may not do yet).
 */
// antd's App gives the cards their message hooks, as the signed-in layout does.
export default function SecondFactorPageWithApp() {
  return (
    <App>
      <SecondFactorPage />
    </App>
  );
}

function SecondFactorPage() {
  const { t } = useTranslation();
  usePageTitle(t("secondFactor.pageTitle"));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useQuery(meQuery);

  const signOut = useMutation({
    mutationFn: () => api<void>("/api/auth/logout", { method: "POST" }),
    onSettled: async () => {
      await navigate({ to: "/login" });
      queryClient.clear();
    },
  });

  if (!me) return null;
  const why = t("secondFactor.why", { roles: rolesSummary(t, me.roles) });
  return (
    <div className="login-page">
      <header style={{ width: "100%", maxWidth: 420 }}>
        <div className="login-top">
          <h1 className="login-title">{t("app.name")}</h1>
          <LanguageSwitch dark />
        </div>
        <p className="login-tagline">
          {t("secondFactor.signedInAs", { name: me.displayName, username: me.username })}
        </p>
      </header>
      <main id="main" className="login-card">
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          {me.mustChangePassword && (
            <>
              <Card>
                <p>{why}</p>
                <p style={{ margin: 0 }}>{t("secondFactor.passwordFirst")}</p>
              </Card>
              <PasswordCard mustChange />
            </>
          )}
          {!me.mustChangePassword && (
            <TotpCard
              enabled={me.totpEnabled}
              required
              autoStart
              lead={why}
              onEnabled={() => navigate({ to: "/" })}
            />
          )}
          <Button block loading={signOut.isPending} onClick={() => signOut.mutate()}>
            {t("secondFactor.signOut")}
          </Button>
        </Space>
      </main>
    </div>
  );
}

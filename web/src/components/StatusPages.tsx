import { type ErrorComponentProps, Link } from "@tanstack/react-router";
import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "./usePageTitle.ts";

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t("app.notFound.title"));
  return (
    <main id="main" className="app-main">
      <Result
        status="404"
        title={<h1 className="page-title">{t("app.notFound.title")}</h1>}
        subTitle={t("app.notFound.text")}
        extra={
          <Link to="/">
            <Button type="primary">{t("app.backHome")}</Button>
          </Link>
        }
      />
    </main>
  );
}

export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  usePageTitle(t("app.error.title"));
  return (
    <main id="main" className="app-main">
      <Result
        status="error"
        title={<h1 className="page-title">{t("app.error.title")}</h1>}
        subTitle={error instanceof Error ? error.message : String(error)}
        extra={
          <Button type="primary" onClick={reset}>
            {t("common.retry")}
          </Button>
        }
      />
    </main>
  );
}

/** Shown when Me.permissions does not include what a page needs; the server refuses anyway. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  usePageTitle(t("app.forbidden.title"));
  return (
    <Result
      status="403"
      title={<h1 className="page-title">{t("app.forbidden.title")}</h1>}
      subTitle={t("app.forbidden.text")}
    />
  );
}

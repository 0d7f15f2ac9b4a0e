import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert, Button, Col, Row, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import type { HomePage as HomePageData } from "../../../../common/schemas/home.ts";
import { api } from "../../api/client.ts";
import { grantText } from "../../app/roleText.ts";
import { useMe } from "../../app/session.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { HomeSectionCard } from "./HomeSectionCard.tsx";

export default function HomePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("nav.home"));
  const me = useMe();
  // The language is part of the key: the server writes titles in the request's language.
  const home = useQuery({
    queryKey: ["home", i18n.language],
    queryFn: () => api<HomePageData>("/api/home"),
  });

  return (
    <>
      <h1 className="page-title">{t("home.greeting", { name: me.displayName })}</h1>
      <p className="page-lead">
        {me.roles.length === 0
          ? t("home.noRole")
          : t("home.roleLine", { roles: me.roles.map((g) => grantText(t, g)).join("; ") })}
      </p>
      {me.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("account.mustChange")}
          action={
            <Link to="/account">
              <Button size="small">{t("nav.account")}</Button>
            </Link>
          }
        />
      )}
      {home.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
      {home.isError && (
        <Alert
          type="error"
          showIcon
          title={home.error.message}
          action={
            <Button size="small" onClick={() => home.refetch()}>
              {t("common.retry")}
            </Button>
          }
        />
      )}
      {home.data && home.data.sections.length === 0 && <Alert type="info" title={t("home.nothing")} />}
      {home.data && (
        <Row gutter={[16, 16]}>
          {home.data.sections.map((section) => (
            <Col key={section.key} xs={24} lg={12} xxl={8}>
              <HomeSectionCard section={section} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

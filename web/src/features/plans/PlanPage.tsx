import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Alert, Skeleton, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { type PlanDetail, planDetailQuery, planTreeQuery, type VersionRef } from "./api.ts";
import { MentionsTab } from "./MentionsTab.tsx";
import { PlanHeader } from "./PlanHeader.tsx";
import { ReviewTab } from "./ReviewTab.tsx";
import { SubPlansTab } from "./SubPlansTab.tsx";
import { VersionsTab } from "./VersionsTab.tsx";
import "./plans.css";

/** Editors review the working tree of a draft or an amendment; everyone else reads the version in force. */
export function reviewedVersion(plan: PlanDetail): VersionRef | "default" {
  return plan.permissions.readWorking && plan.status !== "published" ? "working" : "default";
}

export default function PlanPage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/app/plans/$id" });
  const detail = useQuery(planDetailQuery(id));
  usePageTitle(detail.data?.title ?? t("nav.plans"));
  const [tab, setTab] = useState("review");
  const [selected, setSelected] = useState<string | null>(null);

  if (detail.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (detail.isError) {
    return (
      <>
        <h1 className="page-title">{t("nav.plans")}</h1>
        <Alert type="error" showIcon title={detail.error.message} />
        <p style={{ marginTop: 16 }}>
          <Link to="/plans">{t("plans.backToList")}</Link>
        </p>
      </>
    );
  }
  const plan = detail.data;
  return <PlanView plan={plan} tab={tab} setTab={setTab} selected={selected} setSelected={setSelected} />;
}

type ViewProps = {
  plan: PlanDetail;
  tab: string;
  setTab: (tab: string) => void;
  selected: string | null;
  setSelected: (code: string | null) => void;
};

function PlanView({ plan, tab, setTab, selected, setSelected }: ViewProps) {
  const { t } = useTranslation();
  const version = reviewedVersion(plan);
  const tree = useQuery(planTreeQuery(plan.id, version));
  const editable = plan.permissions.edit && plan.status !== "published";

  const goTo = (code: string) => {
    setTab("review");
    setSelected(code);
  };

  return (
    <div className="plans-scope">
      <nav aria-label={t("plans.breadcrumb")} className="plans-breadcrumb">
        <Link to="/plans">{t("nav.plans")}</Link> › <span>{t(`plans.statusName.${plan.status}`)}</span>
      </nav>
      <PlanHeader plan={plan} tree={tree.data} onGoTo={goTo} />
      {plan.status !== "draft" && (
        <p>
          <Link to="/plans/$id/matrix" params={{ id: plan.id }} className="plans-title-link">
            {t("assignments.openMatrix")}
          </Link>
        </p>
      )}
      {editable && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          title={plan.status === "draft" ? t("plans.draftNotice") : t("plans.amendingNotice")}
        />
      )}
      {tree.isError && <Alert type="error" showIcon title={tree.error.message} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: "review",
            label: t("plans.tabReview"),
            children: tree.data ? (
              <ReviewTab
                plan={plan}
                tree={tree.data}
                version={version}
                editable={editable}
                selected={selected}
                onSelect={setSelected}
              />
            ) : (
              <Skeleton active paragraph={{ rows: 10 }} />
            ),
          },
          ...(plan.permissions.edit
            ? [
                {
                  key: "mentions",
                  label: (
                    <span>
                      {t("plans.tabMentions")}{" "}
                      {plan.counts.unresolvedMentions > 0 && (
                        <Tag color="red">{plan.counts.unresolvedMentions}</Tag>
                      )}
                    </span>
                  ),
                  children: <MentionsTab plan={plan} editable={editable} onGoTo={goTo} />,
                },
              ]
            : []),
          {
            key: "versions",
            label: t("plans.tabVersions"),
            children: <VersionsTab plan={plan} />,
          },
          ...(plan.currentVersion > 0
            ? [{ key: "subplans", label: t("plans.subplans.tab"), children: <SubPlansTab plan={plan} /> }]
            : []),
        ]}
      />
    </div>
  );
}

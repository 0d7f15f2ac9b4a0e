import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Alert, Button, Col, Descriptions, Row, Skeleton, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { ConflictNotice } from "../../components/ConflictNotice.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate } from "../../lib/dates.ts";
import { AnswerCard } from "./AnswerCard.tsx";
import { detailQuery, type PetitionDetail } from "./api.ts";
import {
  AcceptanceCard,
  CloseCard,
  DuplicatesCard,
  ExtensionCard,
  RoutingCard,
  TransferCard,
} from "./CaseActions.tsx";
import { CitizenCard, ClocksCard, ContentCard, OutcomeNotice, TimelineCard } from "./CaseCards.tsx";
import { ClockTag } from "./ClockTag.tsx";
import { useCaseAction } from "./caseAction.ts";
import { categoryLabel, STATUS_COLORS } from "./format.ts";
import "./petitions.css";

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/petitions" className="petitions-muted">
      <ArrowLeftOutlined aria-hidden /> {t("petitions.case.back")}
    </Link>
  );
}

export default function CasePage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const detail = useQuery(detailQuery(id));
  usePageTitle(detail.data ? detail.data.trackingCode : t("petitions.inbox.title"));

  if (detail.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (detail.isError) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <div className="petitions-scope">
        <BackLink />
        <h1 className="page-title">{t("petitions.inbox.title")}</h1>
        <Alert
          type={missing ? "info" : "error"}
          showIcon
          title={missing ? t("petitions.case.notFound") : detail.error.message}
          action={
            !missing && (
              <Button size="small" onClick={() => detail.refetch()}>
                {t("common.retry")}
              </Button>
            )
          }
        />
      </div>
    );
  }
  return <Case detail={detail.data} />;
}

function Case({ detail }: { detail: PetitionDetail }) {
  const { t, i18n } = useTranslation();
  const { run, conflict, dismissConflict } = useCaseAction(detail);
  const can = (action: string) => detail.allowed.includes(action);
  const open = ["received", "assigned", "accepted"].includes(detail.status);

  const actions = [
    can("assign") && !detail.assignedUnit && <RoutingCard key="routing" detail={detail} run={run} />,
    can("accept") && <AcceptanceCard key="accept" detail={detail} run={run} />,
    can("close") && <CloseCard key="close" detail={detail} run={run} />,
    can("extend") && <ExtensionCard key="extend" detail={detail} run={run} />,
    can("assign") && detail.assignedUnit && <TransferCard key="transfer" detail={detail} run={run} />,
    can("merge") && <DuplicatesCard key="duplicates" detail={detail} run={run} />,
  ].filter(Boolean);

  return (
    <div className="petitions-scope">
      <BackLink />
      <div className="petitions-header" style={{ marginTop: 8 }}>
        <div>
          <h1 className="page-title">
            <span className="petitions-code">{detail.trackingCode}</span>
            {detail.title && <span style={{ fontWeight: 400 }}> — {detail.title}</span>}
          </h1>
          <Space wrap size={6} style={{ marginBottom: 8 }}>
            <Tag>{t(`petitions.kind.${detail.kind}`)}</Tag>
            <Tag color={STATUS_COLORS[detail.status]} data-testid="case-status">
              {t(`petitions.status.${detail.status}`)}
            </Tag>
            {open && <ClockTag petition={detail} />}
          </Space>
        </div>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: "received",
            label: t("petitions.inbox.received"),
            children: t("petitions.case.received", {
              date: formatDate(detail.receivedDate),
              channel: t(`petitions.channel.${detail.channel}`),
            }),
          },
          {
            key: "category",
            label: t("petitions.case.category"),
            children: categoryLabel(detail.category, i18n.language) ?? "—",
          },
          { key: "commune", label: t("petitions.case.commune"), children: detail.commune ?? "—" },
          {
            key: "unit",
            label: t("petitions.case.unit"),
            children: detail.assignedUnit?.name ?? t("petitions.inbox.notYetAssigned"),
          },
        ]}
      />
      {conflict && (
        <ConflictNotice
          conflict={conflict.view}
          onReapply={() => void conflict.retry()}
          onTakeTheirs={dismissConflict}
        />
      )}
      {detail.status === "merged" && detail.mergedIntoId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("petitions.case.mergedInto")}
          action={
            <Link to="/petitions/$id" params={{ id: detail.mergedIntoId }}>
              {t("petitions.case.openSurvivor")}
            </Link>
          }
        />
      )}
      <OutcomeNotice detail={detail} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <ContentCard detail={detail} />
            <AnswerCard key={detail.answer?.text ?? "none"} detail={detail} run={run} />
            {(detail.answer?.status === "published" || detail.rating || detail.followUp) && (
              <CitizenCard detail={detail} />
            )}
            <TimelineCard detail={detail} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <section aria-label={t("petitions.case.actions")}>
              {actions.length === 0 ? (
                <Alert type="info" title={t("petitions.case.noActions")} />
              ) : (
                <Space orientation="vertical" size={16} style={{ width: "100%" }}>
                  {actions}
                </Space>
              )}
            </section>
            <ClocksCard detail={detail} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}

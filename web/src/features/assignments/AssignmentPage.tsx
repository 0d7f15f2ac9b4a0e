import { PaperClipOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Alert, Card, Col, Descriptions, Empty, Row, Skeleton, Timeline } from "antd";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import { type AssignmentDetail, assignmentDetailQuery } from "./api.ts";
import { ItemLabel, percentText, RoleTag, StateTag } from "./labels.tsx";
import { ProgressForm } from "./ProgressForm.tsx";
import { StatusActions } from "./StatusActions.tsx";
import "./assignments.css";

function sizeText(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** One unit's assignment: its task, status, reports with evidence, and where it came from or went. */
export default function AssignmentPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  const { id } = useParams({ from: "/app/assignments/$id" });
  const detail = useQuery(assignmentDetailQuery(id));
  usePageTitle(detail.data ? `${detail.data.itemCode} · ${detail.data.unit.name}` : t("assignments.nav"));

  if (detail.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (detail.isError) {
    return (
      <>
        <h1 className="page-title">{t("assignments.nav")}</h1>
        <Alert type="error" showIcon title={detail.error.message} />
        <p style={{ marginTop: 16 }}>
          <Link to="/assignments">{t("assignments.backToList")}</Link>
        </p>
      </>
    );
  }
  const a = detail.data;
  return (
    <div className="asg-scope">
      <nav aria-label={t("assignments.breadcrumb")} className="asg-breadcrumb">
        <Link to="/assignments">{t("assignments.nav")}</Link> ›{" "}
        <Link to="/plans/$id/tasks/$code" params={{ id: a.plan.id, code: a.itemCode }}>
          {t("assignments.taskCode", { code: a.itemCode })}
        </Link>
      </nav>
      <h1 className="page-title">
        {a.itemCode} · <ItemLabel a={a} />
      </h1>
      <p className="page-lead">{a.unit.name}</p>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: "plan",
                  label: t("assignments.plan"),
                  children: (
                    <Link to="/plans/$id" params={{ id: a.plan.id }}>
                      {a.plan.title}
                    </Link>
                  ),
                },
                { key: "role", label: t("assignments.roleLabel"), children: <RoleTag role={a.role} /> },
                { key: "status", label: t("assignments.status"), children: <StateTag a={a} /> },
                ...(a.pauseReason
                  ? [{ key: "reason", label: t("assignments.pauseReason"), children: a.pauseReason }]
                  : []),
                ...(a.occurrence !== "once"
                  ? [{ key: "occ", label: t("assignments.period"), children: a.occurrenceLabel[lang] }]
                  : []),
                {
                  key: "due",
                  label: t("assignments.due"),
                  children: a.dueDate ? formatDate(a.dueDate) : (a.dueText ?? t("assignments.noDue")),
                },
                ...(a.completedOn
                  ? [
                      {
                        key: "done",
                        label: t("assignments.completedOn"),
                        children: formatDate(a.completedOn),
                      },
                    ]
                  : []),
                { key: "percent", label: t("assignments.percent"), children: percentText(a.percent) },
              ]}
            />
            <div className="asg-item-text">
              {a.itemText.split("\n").map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity beyond their place
                <p key={i}>{p}</p>
              ))}
            </div>
            <StatusActions assignment={a} />
            {!a.permissions.update && (
              <p className="asg-muted" style={{ marginTop: 8 }}>
                {t("assignments.readOnly")}
              </p>
            )}
          </Card>
          <Transfers a={a} />
          {a.permissions.update && (
            <Card>
              <ProgressForm assignment={a} />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="card-heading">{t("assignments.history")}</h2>}>
            <History a={a} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function Transfers({ a }: { a: AssignmentDetail }) {
  const { t } = useTranslation();
  if (a.transferredFrom.length === 0 && a.transferredTo.length === 0) return null;
  const line = (link: AssignmentDetail["transferredTo"][number]) => (
    <li key={link.assignmentId}>
      <Link to="/assignments/$id" params={{ id: link.assignmentId }}>
        {link.unit.name}
      </Link>{" "}
      — {t("assignments.since", { date: formatDate(link.effectiveDate) })} (
      {t(`assignments.transferKind.${link.kind}`)})
    </li>
  );
  return (
    <Alert
      style={{ marginBottom: 16 }}
      type="info"
      showIcon
      title={t("assignments.restructured")}
      description={
        <>
          {a.transferredFrom.length > 0 && (
            <>
              <p style={{ margin: "4px 0" }}>{t("assignments.transferredFrom")}</p>
              <ul className="asg-links">{a.transferredFrom.map(line)}</ul>
            </>
          )}
          {a.transferredTo.length > 0 && (
            <>
              <p style={{ margin: "4px 0" }}>{t("assignments.transferredTo")}</p>
              <ul className="asg-links">{a.transferredTo.map(line)}</ul>
            </>
          )}
        </>
      }
    />
  );
}

type Update = AssignmentDetail["updates"][number];

/**
 * “Sở Du lịch, Sở Văn hóa và Thể thao → từ 01/03/2025: Sở Văn hóa, Thể thao và Du lịch → từ
 * 01/07/2025: …”: who carried the duty before, each step with the day it passed on.
 */
function SuccessionChain({ a }: { a: AssignmentDetail }) {
  const { t } = useTranslation();
  const byDate = new Map<string, string[]>();
  for (const p of a.predecessors) byDate.set(p.passedOn, [...(byDate.get(p.passedOn) ?? []), p.unit.name]);
  const dates = [...byDate.keys()].sort();
  if (dates.length === 0) return null;
  return (
    <p className="asg-succession" style={{ marginTop: 0 }}>
      {dates.map((date, i) => (
        <span key={date}>
          {i > 0 && ` → ${t("assignments.fromDate", { date: formatDate(dates[i - 1]) })}: `}
          {byDate.get(date)!.join(", ")}
        </span>
      ))}
      {` → ${t("assignments.fromDate", { date: formatDate(dates.at(-1)!) })}: `}
      <strong>{a.unit.name}</strong>
    </p>
  );
}

function History({ a }: { a: AssignmentDetail }) {
  const { t } = useTranslation();
  if (a.predecessors.length === 0) {
    if (a.updates.length === 0)
      return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("assignments.noUpdates")} />;
    return <Updates updates={a.updates} />;
  }
  // Newest first, as the timeline reads: this unit, then whoever carried the duty before it.
  const earlier = [...a.predecessors].reverse();
  return (
    <>
      <SuccessionChain a={a} />
      <h3 className="asg-history-unit">{a.unit.name}</h3>
      {a.updates.length === 0 ? (
        <p className="asg-muted">{t("assignments.noOwnUpdates")}</p>
      ) : (
        <Updates updates={a.updates} />
      )}
      <h3 className="asg-history-unit">{t("assignments.predecessorsTitle")}</h3>
      <p className="asg-muted">{t("assignments.predecessorsLead")}</p>
      {earlier.map((p) => (
        <section key={p.assignmentId} aria-label={p.unit.name}>
          <h4 className="asg-history-unit">
            <Link to="/assignments/$id" params={{ id: p.assignmentId }}>
              {t("assignments.predecessorUntil", { unit: p.unit.name, date: formatDate(p.passedOn) })}
            </Link>
            {p.percent !== null && <span className="asg-muted"> · {percentText(p.percent)}</span>}
          </h4>
          {p.updates.length === 0 ? (
            <p className="asg-muted">{t("assignments.noUpdates")}</p>
          ) : (
            <Updates updates={p.updates} />
          )}
        </section>
      ))}
    </>
  );
}

function Updates({ updates }: { updates: Update[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline
      items={updates.map((u) => ({
        key: u.id,
        color: u.statusTo === "completed" ? "green" : u.statusTo === "paused" ? "gray" : "blue",
        content: (
          <div className="asg-update">
            <div className="asg-update-meta">
              <strong>{formatDate(u.reportedOn)}</strong> · {u.author}
              <span className="visually-hidden"> ({formatDateTime(u.at)})</span>
            </div>
            {u.statusTo && u.statusTo !== u.statusFrom && (
              <div>
                {t("assignments.statusLine", {
                  from: u.statusFrom ? t(`assignments.state.${u.statusFrom}`) : "—",
                  to: t(`assignments.state.${u.statusTo}`),
                })}
              </div>
            )}
            {u.reason && <div>{t("assignments.reasonLine", { reason: u.reason })}</div>}
            {u.text && <p className="asg-update-text">{u.text}</p>}
            {u.percent !== null && <div>{t("assignments.percentLine", { percent: u.percent })}</div>}
            {Object.keys(u.figures).length > 0 && (
              <ul className="asg-figures">
                {Object.entries(u.figures).map(([name, value]) => (
                  <li key={name}>
                    {name}:{" "}
                    <strong>{value.toLocaleString(i18n.language === "en" ? "en-GB" : "vi-VN")}</strong>
                  </li>
                ))}
              </ul>
            )}
            {u.files.length > 0 && (
              <ul className="asg-files" aria-label={t("assignments.evidence")}>
                {u.files.map((f) => (
                  <li key={f.id}>
                    <PaperClipOutlined aria-hidden />{" "}
                    <a href={f.href} download={f.filename}>
                      {f.filename}
                    </a>{" "}
                    <span className="asg-muted">({sizeText(f.size)})</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ),
      }))}
    />
  );
}

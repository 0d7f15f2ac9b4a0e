import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Alert, Card, Col, Descriptions, Empty, Row, Skeleton, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate } from "../../lib/dates.ts";
import { type AssignmentSummary, type Task, taskQuery } from "./api.ts";
import { percentText, RoleTag, StateTag } from "./labels.tsx";
import { StatusActions } from "./StatusActions.tsx";
import "./assignments.css";

type ActorUnit = Task["actors"][number]["units"][number];

/**
 * “Sở Thông tin và Truyền thông → từ 01/03/2025: Sở Khoa học và Công nghệ”: the plan names the
 * unit as it was; who carries its duties since is shown beside it, never written over it.
 */
export function SuccessionLine({ unit }: { unit: ActorUnit }) {
  const { t } = useTranslation();
  if (!unit.validTo || unit.carriers.length === 0) return <span>{unit.name}</span>;
  return (
    <span className="asg-succession">
      {unit.carriers.map((path) => (
        <span key={path.map((s) => s.unitId).join(">")} className="asg-succession-path">
          <span>{unit.name}</span>
          {path.map((step) => (
            <span key={`${step.unitId}-${step.since}`} title={step.eventTitle}>
              {" → "}
              {t("assignments.fromDate", { date: formatDate(step.since) })}: {step.name}
            </span>
          ))}
        </span>
      ))}
    </span>
  );
}

/** A task of a published plan: its text and source, who it names, and every unit's part in it. */
export default function TaskPage() {
  const { t, i18n } = useTranslation();
  const { id, code } = useParams({ from: "/app/plans/$id/tasks/$code" });
  const task = useQuery(taskQuery(id, code));
  usePageTitle(task.data ? `${code} · ${task.data.plan.title}` : code);

  if (task.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (task.isError) {
    return (
      <>
        <h1 className="page-title">{t("assignments.taskCode", { code })}</h1>
        <Alert type="error" showIcon title={task.error.message} />
        <p style={{ marginTop: 16 }}>
          <Link to="/plans/$id" params={{ id }}>
            {t("assignments.backToPlan")}
          </Link>
        </p>
      </>
    );
  }
  const { plan, item, actors, assignments, progress, rule } = task.data;
  return (
    <div className="asg-scope">
      <nav aria-label={t("assignments.breadcrumb")} className="asg-breadcrumb">
        <Link to="/plans">{t("nav.plans")}</Link> ›{" "}
        <Link to="/plans/$id" params={{ id: plan.id }}>
          {plan.title}
        </Link>
        {item.path.map((p) => (
          <span key={p.code}>
            {" › "}
            {p.code === item.code ? (
              p.code
            ) : (
              <Link to="/plans/$id/tasks/$code" params={{ id: plan.id, code: p.code }}>
                {p.code}
              </Link>
            )}
          </span>
        ))}
      </nav>
      <h1 className="page-title">
        <span className="asg-code">{item.code}</span>{" "}
        {item.title ?? t("assignments.taskCode", { code: item.code })}
      </h1>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card style={{ marginBottom: 16 }}>
            <div className="asg-item-text">
              {item.text.split("\n").map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity beyond their place
                <p key={i}>{p}</p>
              ))}
            </div>
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                {
                  key: "due",
                  label: t("assignments.due"),
                  children: item.due ? item.due.text || formatDate(item.due.date) : t("assignments.noDue"),
                },
                {
                  key: "progress",
                  label: t("assignments.progress"),
                  children: (
                    <span>
                      {percentText(progress)}{" "}
                      <span className="asg-muted">
                        ({i18n.language === "en" ? rule : t("assignments.rollupRule")})
                      </span>
                    </span>
                  ),
                },
                ...(item.children.length > 0
                  ? [
                      {
                        key: "children",
                        label: t("assignments.subItems"),
                        children: (
                          <ul className="asg-links">
                            {item.children.map((c) => (
                              <li key={c.code}>
                                <Link to="/plans/$id/tasks/$code" params={{ id: plan.id, code: c.code }}>
                                  {c.code}
                                </Link>{" "}
                                {c.label}
                              </li>
                            ))}
                          </ul>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <Card title={<h2 className="card-heading">{t("assignments.unitsTitle")}</h2>}>
            <UnitsTable rows={assignments} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            title={<h2 className="card-heading">{t("assignments.actors")}</h2>}
            style={{ marginBottom: 16 }}
          >
            {actors.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("assignments.noActors")} />
            ) : (
              <ul className="asg-actors">
                {actors.map((actor) => (
                  <li key={`${actor.role}-${actor.mention}`}>
                    <RoleTag role={actor.role} /> <q>{actor.mention}</q>
                    {actor.units.length > 0 && (
                      <ul>
                        {actor.units.map((u) => (
                          <li key={u.id}>
                            <SuccessionLine unit={u} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {item.source && (
            <Card
              title={
                <h2 className="card-heading">
                  {t("assignments.source", { from: item.source.lines[0], to: item.source.lines[1] })}
                </h2>
              }
            >
              <blockquote className="asg-source">
                {item.source.text.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text
                  <p key={i}>{line}</p>
                ))}
              </blockquote>
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}

function UnitsTable({ rows }: { rows: AssignmentSummary[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  return (
    <Table<AssignmentSummary>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={rows.length > 30 ? { pageSize: 30 } : false}
      scroll={{ x: 640 }}
      locale={{ emptyText: t("assignments.empty") }}
      columns={[
        {
          title: t("assignments.unit"),
          key: "unit",
          render: (_, a) => (
            <>
              <Link to="/assignments/$id" params={{ id: a.id }}>
                {a.unit.name}
              </Link>
              {a.unit.validTo && (
                <Tag style={{ marginInlineStart: 4 }}>
                  {t("assignments.closedOn", { date: formatDate(a.unit.validTo) })}
                </Tag>
              )}
              <div>
                <RoleTag role={a.role} />
                {a.occurrence !== "once" && <span className="asg-muted">{a.occurrenceLabel[lang]}</span>}
              </div>
            </>
          ),
        },
        { title: t("assignments.status"), key: "state", width: 180, render: (_, a) => <StateTag a={a} /> },
        {
          title: t("assignments.latestUpdate"),
          key: "latest",
          render: (_, a) =>
            a.latestUpdate ? (
              <>
                <span className="asg-muted">{formatDate(a.latestUpdate.reportedOn)}</span>{" "}
                {a.latestUpdate.text
                  ? a.latestUpdate.text.slice(0, 160)
                  : percentText(a.latestUpdate.percent)}
              </>
            ) : (
              "—"
            ),
        },
        {
          title: t("common.actions"),
          key: "actions",
          width: 200,
          render: (_, a) => <StatusActions assignment={a} compact />,
        },
      ]}
    />
  );
}

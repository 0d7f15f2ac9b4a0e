import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Grid,
  Popover,
  Row,
  Skeleton,
  Table,
  Tag,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, todayIso } from "../../lib/dates.ts";
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

const ROLES = ["lead", "coordinating", "implementing", "requested"] as const;
/** A mention resolving to this many units or fewer lists them (with their successors) at once. */
const ACTORS_SHOWN = 3;
const PAGE = 10;

/** A long title in the breadcrumb: its start, the whole on hover. */
const shortTitle = (title: string, max = 70) =>
  title.length > max ? `${title.slice(0, max - 1).trimEnd()}…` : title;

/**
 * No longer carried: handed to a successor, or held by a unit that has closed since (what it
 * completed stays its own). Shown behind “history”.
 */
const isHistory = (a: AssignmentSummary, today: string) =>
  a.status === "transferred" || (!!a.unit.validTo && a.unit.validTo < today);

/**
 * A task of a published plan on one screen: its text, deadline and progress (the rule in one
 * sentence, the whole rule a click away), then the units by role in groups that open and close,
 * with the units that handed it over behind a toggle; on a phone, cards instead of a table.
 */
export default function TaskPage() {
  const { t } = useTranslation();
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
  const { plan, item, actors, assignments, progress } = task.data;
  return (
    <div className="asg-scope">
      <nav aria-label={t("assignments.breadcrumb")} className="asg-breadcrumb">
        <Link to="/plans">{t("nav.plans")}</Link> ›{" "}
        <Link to="/plans/$id" params={{ id: plan.id }} title={plan.title}>
          {shortTitle(plan.title)}
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
        <Col xs={24} lg={15}>
          <Card size="small">
            <div className="asg-item-text">
              {item.text.split("\n").map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity beyond their place
                <p key={i}>{p}</p>
              ))}
            </div>
            <Descriptions
              size="small"
              column={1}
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
                      <strong>{percentText(progress)}</strong>{" "}
                      <span className="asg-muted">{t("assignments.rollupShort")}</span>{" "}
                      <Popover
                        trigger="click"
                        title={t("assignments.rollupMore")}
                        content={<p className="asg-rule">{t("assignments.rollupRule")}</p>}
                      >
                        <Button type="link" size="small" className="asg-inline-link">
                          {t("assignments.rollupMore")}
                        </Button>
                      </Popover>
                    </span>
                  ),
                },
                ...(item.children.length > 0
                  ? [
                      {
                        key: "children",
                        label: t("assignments.subItems"),
                        span: "filled" as const,
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
        </Col>
        <Col xs={24} lg={9}>
          <Card
            size="small"
            title={<h2 className="card-heading">{t("assignments.actors")}</h2>}
            style={{ marginBottom: 16 }}
          >
            {actors.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("assignments.noActors")} />
            ) : (
              <ul className="asg-actors">
                {actors.map((actor) => (
                  <ActorLine key={`${actor.role}-${actor.mention}`} actor={actor} />
                ))}
              </ul>
            )}
          </Card>
          {item.source && (
            <Card size="small">
              <Collapse
                ghost
                size="small"
                items={[
                  {
                    key: "source",
                    label: t("assignments.source", { from: item.source.lines[0], to: item.source.lines[1] }),
                    children: (
                      <blockquote className="asg-source">
                        {item.source.text.map((line, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text
                          <p key={i}>{line}</p>
                        ))}
                      </blockquote>
                    ),
                  },
                ]}
              />
            </Card>
          )}
        </Col>
      </Row>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={<h2 className="card-heading">{t("assignments.unitsTitle")}</h2>}
      >
        <UnitGroups rows={assignments} today={todayIso()} />
      </Card>
    </div>
  );
}

/** One mention of the plan and the units it resolved to: a few at once, a longer list on request. */
function ActorLine({ actor }: { actor: Task["actors"][number] }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const few = actor.units.length <= ACTORS_SHOWN;
  const shown = all || few ? actor.units : [];
  return (
    <li>
      <RoleTag role={actor.role} /> <q>{actor.mention}</q>
      {shown.length > 0 && (
        <ul>
          {shown.map((u) => (
            <li key={u.id}>
              <SuccessionLine unit={u} />
            </li>
          ))}
        </ul>
      )}
      {!few && (
        <Button
          type="link"
          size="small"
          className="asg-inline-link"
          style={{ marginInlineStart: 8 }}
          aria-expanded={all}
          onClick={() => setAll(!all)}
        >
          {all ? t("assignments.hideHistory") : t("assignments.showAllActors", { count: actor.units.length })}
        </Button>
      )}
    </li>
  );
}

/** The units in a group per role (chủ trì, phối hợp, thực hiện, đề nghị); the small groups open. */
function UnitGroups({ rows, today }: { rows: AssignmentSummary[]; today: string }) {
  const { t } = useTranslation();
  const [history, setHistory] = useState(false);
  const current = rows.filter((a) => !isHistory(a, today));
  const past = rows.filter((a) => isHistory(a, today));
  if (rows.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("assignments.empty")} />;
  const groups = ROLES.map((role) => ({ role, rows: current.filter((a) => a.role === role) })).filter(
    (g) => g.rows.length > 0,
  );
  const open =
    groups.length === 1 ? [groups[0].role] : groups.filter((g) => g.rows.length <= 6).map((g) => g.role);
  return (
    <>
      <Collapse
        size="small"
        defaultActiveKey={open}
        items={groups.map((g) => ({
          key: g.role,
          label: (
            <strong>
              {t("assignments.groupCount", { role: t(`assignments.role.${g.role}`), count: g.rows.length })}
            </strong>
          ),
          children: <Units rows={g.rows} />,
        }))}
      />
      {past.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Button size="small" onClick={() => setHistory(!history)} aria-expanded={history}>
            {history ? t("assignments.hideHistory") : t("assignments.showHistory", { count: past.length })}
          </Button>
          {history && (
            <div style={{ marginTop: 8 }}>
              <p className="asg-muted">{t("assignments.historyLead")}</p>
              <Units rows={past} />
            </div>
          )}
        </div>
      )}
    </>
  );
}

/** The latest report in one line, the rest on the unit's page. */
function LatestLine({ a }: { a: AssignmentSummary }) {
  const { t } = useTranslation();
  if (!a.latestUpdate) return <span className="asg-muted">{t("assignments.noReport")}</span>;
  return (
    <span className="asg-latest">
      <span className="asg-oneline">
        <span className="asg-muted">{formatDate(a.latestUpdate.reportedOn)}</span>{" "}
        {a.latestUpdate.text ?? percentText(a.latestUpdate.percent)}
      </span>
      {a.latestUpdate.text && (
        <Link to="/assignments/$id" params={{ id: a.id }} className="asg-more">
          {t("assignments.more")}
        </Link>
      )}
    </span>
  );
}

function UnitName({ a }: { a: AssignmentSummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  return (
    <>
      <Link to="/assignments/$id" params={{ id: a.id }}>
        {a.unit.name}
      </Link>
      {a.unit.validTo && (
        <Tag style={{ marginInlineStart: 4 }}>
          {t("assignments.closedOn", { date: formatDate(a.unit.validTo) })}
        </Tag>
      )}
      {a.occurrence !== "once" && <div className="asg-muted">{a.occurrenceLabel[lang]}</div>}
    </>
  );
}

function Units({ rows }: { rows: AssignmentSummary[] }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [shown, setShown] = useState(PAGE);
  const actions = rows.some((a) => a.permissions.update);
  if (!screens.md) {
    return (
      <>
        <ul className="asg-unit-cards">
          {rows.slice(0, shown).map((a) => (
            <li key={a.id} className="asg-unit-card">
              <div>
                <UnitName a={a} />
              </div>
              <div className="asg-unit-card-line">
                <StateTag a={a} />
                <span>{percentText(a.percent)}</span>
              </div>
              <div>
                <span className="asg-muted">{t("assignments.latestUpdate")}: </span>
                <LatestLine a={a} />
              </div>
              <StatusActions assignment={a} compact />
            </li>
          ))}
        </ul>
        {rows.length > shown && (
          <Button size="small" onClick={() => setShown(rows.length)}>
            {t("assignments.showAllActors", { count: rows.length })}
          </Button>
        )}
      </>
    );
  }
  return (
    <Table<AssignmentSummary>
      rowKey="id"
      size="small"
      dataSource={rows}
      tableLayout="fixed"
      pagination={rows.length > PAGE ? { pageSize: PAGE, size: "small", showSizeChanger: false } : false}
      locale={{ emptyText: t("assignments.empty") }}
      columns={[
        { title: t("assignments.unit"), key: "unit", width: "32%", render: (_, a) => <UnitName a={a} /> },
        { title: t("assignments.status"), key: "state", width: 150, render: (_, a) => <StateTag a={a} /> },
        {
          title: t("assignments.percent"),
          key: "percent",
          width: 100,
          align: "right",
          render: (_, a) => percentText(a.percent),
        },
        { title: t("assignments.latestUpdate"), key: "latest", render: (_, a) => <LatestLine a={a} /> },
        ...(actions
          ? [
              {
                title: t("common.actions"),
                key: "actions",
                width: 190,
                render: (_: unknown, a: AssignmentSummary) => <StatusActions assignment={a} compact />,
              },
            ]
          : []),
      ]}
    />
  );
}

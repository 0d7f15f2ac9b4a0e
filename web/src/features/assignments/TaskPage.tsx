import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Alert, Button, Card, Col, Collapse, Descriptions, Empty, Popover, Row, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, todayIso } from "../../lib/dates.ts";
import { taskQuery } from "./api.ts";
import { percentText } from "./labels.tsx";
import { ActorLine } from "./TaskActors.tsx";
import { UnitGroups } from "./TaskUnits.tsx";
import "./assignments.css";

/** A long title in the breadcrumb: its start, the whole on hover. */
const shortTitle = (title: string, max = 70) =>
  title.length > max ? `${title.slice(0, max - 1).trimEnd()}…` : title;

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

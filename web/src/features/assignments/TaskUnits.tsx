import { Link } from "@tanstack/react-router";
import { Button, Collapse, Empty, Grid, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/dates.ts";
import type { AssignmentSummary } from "./api.ts";
import { percentText, StateTag } from "./labels.tsx";
import { StatusActions } from "./StatusActions.tsx";

const ROLES = ["lead", "coordinating", "implementing", "requested"] as const;
const PAGE = 10;

/**
 * No longer carried: handed to a successor, or held by a unit that has closed since (what it
 * completed stays its own). Shown behind “history”.
 */
const isHistory = (a: AssignmentSummary, today: string) =>
  a.status === "transferred" || (!!a.unit.validTo && a.unit.validTo < today);

/** The units in a group per role (chủ trì, phối hợp, thực hiện, đề nghị); the small groups open. */
export function UnitGroups({ rows, today }: { rows: AssignmentSummary[]; today: string }) {
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

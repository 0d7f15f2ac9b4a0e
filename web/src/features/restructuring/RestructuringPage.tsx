import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Table, Tabs, Tree } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitTreeNode } from "../../../../common/schemas/units.ts";
import { useMe } from "../../app/session.ts";
import { DateField } from "../../components/DateField.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, formatDateTime, todayIso } from "../../lib/dates.ts";
import { unitTreeQuery } from "../directory/api.ts";
import { type AppliedEvent, eventsQuery } from "./api.ts";
import { EventEditor } from "./EventEditor.tsx";
import { OutcomeSummary } from "./OutcomeSummary.tsx";
import "./restructuring.css";

/** The administrator's restructuring screen: events applied, a new event, the directory on a date. */
export default function RestructuringPage() {
  const { t } = useTranslation();
  usePageTitle(t("restructuring.nav"));
  const me = useMe();
  const [tab, setTab] = useState("events");
  if (!me.permissions.directory.manage) {
    return (
      <>
        <h1 className="page-title">{t("restructuring.nav")}</h1>
        <Alert type="warning" showIcon title={t("restructuring.notAllowed")} />
      </>
    );
  }
  return (
    <div className="rs-scope">
      <h1 className="page-title">{t("restructuring.nav")}</h1>
      <p className="page-lead">{t("restructuring.lead")}</p>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "events", label: t("restructuring.tabEvents"), children: <EventsList /> },
          {
            key: "new",
            label: t("restructuring.tabNew"),
            children: <EventEditor onApplied={() => setTab("events")} />,
          },
          { key: "asOf", label: t("restructuring.tabAsOf"), children: <DirectoryAsOf /> },
        ]}
      />
    </div>
  );
}

function EventsList() {
  const { t } = useTranslation();
  const events = useQuery(eventsQuery);
  if (events.isError) return <Alert type="error" showIcon title={events.error.message} />;
  return (
    <Card>
      <Table<AppliedEvent>
        rowKey="id"
        loading={events.isPending}
        dataSource={[...(events.data?.items ?? [])].reverse()}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: t("restructuring.noEvents") }}
        expandable={{
          expandedRowRender: (e) => <OutcomeSummary outcome={e.outcome} />,
          rowExpandable: (e) => !!e.outcome,
        }}
        columns={[
          {
            title: t("restructuring.effectiveDate"),
            dataIndex: "effectiveDate",
            width: 120,
            render: (v: string) => formatDate(v),
          },
          { title: t("restructuring.eventTitle"), dataIndex: "title" },
          { title: t("restructuring.legalBasis"), dataIndex: "legalBasis", width: 260 },
          {
            title: t("restructuring.successors"),
            key: "closed",
            width: 320,
            render: (_, e) => {
              const closed = e.outcome?.closed ?? [];
              if (closed.length === 0)
                return <span className="rs-muted">{t("restructuring.noClosure")}</span>;
              return (
                <ul className="rs-list">
                  {closed.slice(0, 3).map((c) => (
                    <li key={c.id}>
                      {c.name} →{" "}
                      {c.successors.length ? c.successors.join(", ") : t("restructuring.noSuccessor")}
                    </li>
                  ))}
                  {closed.length > 3 && <li>{t("restructuring.andMore", { count: closed.length - 3 })}</li>}
                </ul>
              );
            },
          },
          {
            title: t("restructuring.applied"),
            key: "applied",
            width: 180,
            render: (_, e) => (
              <>
                {e.appliedBy}
                <div className="rs-muted">{formatDateTime(e.appliedAt)}</div>
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

type TreeData = { key: string; title: string; children: TreeData[] };
const toTree = (nodes: UnitTreeNode[]): TreeData[] =>
  nodes.map((n) => ({ key: n.id, title: n.name, children: toTree(n.children) }));
const countOf = (nodes: UnitTreeNode[]): number =>
  nodes.reduce((n, node) => n + 1 + countOf(node.children), 0);

/** The directory as it stood on a chosen day: names, parents and units in force then. */
function DirectoryAsOf() {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useState(todayIso());
  const tree = useQuery(unitTreeQuery(asOf));
  const data = useMemo(() => toTree(tree.data ?? []), [tree.data]);
  const count = useMemo(() => countOf(tree.data ?? []), [tree.data]);
  return (
    <Card>
      <label htmlFor="rs-asof" className="rs-label">
        {t("restructuring.asOf")}
      </label>
      <div style={{ maxWidth: 220, marginBottom: 12 }}>
        <DateField id="rs-asof" value={asOf} allowClear={false} onChange={(v) => v && setAsOf(v)} />
      </div>
      {tree.isError && <Alert type="error" showIcon title={tree.error.message} />}
      <p role="status" className="rs-muted">
        {tree.data && t("restructuring.unitsOn", { count, date: formatDate(asOf) })}
      </p>
      {tree.data && (
        <Tree
          key={asOf}
          treeData={data}
          defaultExpandedKeys={data.map((n) => n.key)}
          aria-label={t("restructuring.asOfTree", { date: formatDate(asOf) })}
        />
      )}
    </Card>
  );
}

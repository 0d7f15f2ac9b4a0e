import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Alert, App, Drawer, Empty, InputNumber, List, Skeleton, Table, Tabs, Tooltip } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RollupNode } from "../../../../common/schemas/assignments.ts";
import { ApiError } from "../../api/client.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";
import {
  assignmentKeys,
  assignmentListQuery,
  type Matrix,
  type MatrixCell,
  matrixQuery,
  progressQuery,
  setWeight,
  summaryQuery,
} from "./api.ts";
import { ClassCounts } from "./CountsBar.tsx";
import { CLASS_STYLE, CLASSES, ItemLabel, percentText, RoleTag, StateTag } from "./labels.tsx";
import "./assignments.css";

type Picked = { cell: MatrixCell; unitName: string; headingTitle: string };

/** The coordinator's view of a plan: headings × units by status, the four classes, the rollup. */
export default function MatrixPage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/app/plans/$id/matrix" });
  const matrix = useQuery(matrixQuery(id));
  const progress = useQuery(progressQuery(id));
  const plan = useQuery(summaryQuery(id, "plan"));
  const title = plan.data?.groups[0]?.label;
  usePageTitle(title ? t("assignments.matrixTitle", { plan: title }) : t("assignments.matrix"));
  const [picked, setPicked] = useState<Picked | null>(null);

  if (matrix.isError) {
    return (
      <>
        <h1 className="page-title">{t("assignments.matrix")}</h1>
        <Alert type="error" showIcon title={matrix.error.message} />
        <p style={{ marginTop: 16 }}>
          <Link to="/plans/$id" params={{ id }}>
            {t("assignments.backToPlan")}
          </Link>
        </p>
      </>
    );
  }
  return (
    <div className="asg-scope">
      <nav aria-label={t("assignments.breadcrumb")} className="asg-breadcrumb">
        <Link to="/plans">{t("nav.plans")}</Link> ›{" "}
        <Link to="/plans/$id" params={{ id }}>
          {title ?? t("assignments.plan")}
        </Link>
      </nav>
      <h1 className="page-title">{t("assignments.matrix")}</h1>
      {title && <p className="page-lead">{title}</p>}
      {plan.data && (
        <section aria-labelledby="asg-plan-counts">
          <h2 id="asg-plan-counts" className="card-heading">
            {t("assignments.planCounts")}
            {progress.data && ` · ${t("assignments.progress")}: ${percentText(progress.data.progress)}`}
          </h2>
          <ClassCounts
            counts={plan.data.totals.counts}
            requested={plan.data.totals.requested}
            label={t("assignments.planCounts")}
          />
        </section>
      )}
      <Tabs
        items={[
          {
            key: "matrix",
            label: t("assignments.tabMatrix"),
            children: matrix.data ? (
              <MatrixTable matrix={matrix.data} onPick={setPicked} />
            ) : (
              <Skeleton active paragraph={{ rows: 10 }} />
            ),
          },
          { key: "headings", label: t("assignments.tabHeadings"), children: <HeadingCounts planId={id} /> },
          { key: "rollup", label: t("assignments.tabRollup"), children: <Rollup planId={id} /> },
        ]}
      />
      <Drawer
        open={!!picked}
        onClose={() => setPicked(null)}
        size={520}
        title={picked ? `${picked.unitName} · ${picked.cell.heading}` : ""}
        closable={{ "aria-label": t("common.close") }}
      >
        {picked && <CellAssignments planId={id} picked={picked} />}
      </Drawer>
    </div>
  );
}

function cellTotal(cell: MatrixCell) {
  const c = cell.counts;
  return (
    c.completed_on_time +
    c.completed_late +
    c.open_within_deadline +
    c.open_overdue +
    cell.requested.open +
    cell.requested.completed
  );
}

function MatrixTable({ matrix, onPick }: { matrix: Matrix; onPick: (p: Picked) => void }) {
  const { t } = useTranslation();
  const cells = useMemo(() => {
    const map = new Map<string, MatrixCell>();
    for (const cell of matrix.cells) map.set(`${cell.unitId}|${cell.heading}`, cell);
    return map;
  }, [matrix]);
  if (matrix.units.length === 0) return <Empty description={t("assignments.empty")} />;
  type Row = Matrix["units"][number];
  return (
    <>
      <ul className="asg-legend" aria-label={t("assignments.legend")}>
        {[...CLASSES, "requested" as const].map((c) => (
          <li key={c}>
            <span
              className="asg-swatch"
              style={{ background: CLASS_STYLE[c].background, borderColor: CLASS_STYLE[c].border }}
            />
            {t(`assignments.tone.${c}`)}
          </li>
        ))}
      </ul>
      <p className="asg-muted">{t("assignments.matrixHelp")}</p>
      <Table<Row>
        rowKey="id"
        size="small"
        bordered
        dataSource={matrix.units}
        pagination={matrix.units.length > 60 ? { pageSize: 60, showSizeChanger: false } : false}
        scroll={{ x: 220 + matrix.headings.length * 88 }}
        columns={[
          { title: t("assignments.unit"), key: "unit", dataIndex: "name", fixed: "left", width: 220 },
          ...matrix.headings.map((h) => ({
            title: (
              <Tooltip title={h.title}>
                <span>{h.code}</span>
              </Tooltip>
            ),
            key: h.code,
            width: 88,
            align: "center" as const,
            render: (_: unknown, unit: Row) => {
              const cell = cells.get(`${unit.id}|${h.code}`);
              if (!cell)
                return (
                  <span className="asg-muted">
                    <span aria-hidden>·</span>
                    <span className="visually-hidden">{t("assignments.noCell")}</span>
                  </span>
                );
              const style = CLASS_STYLE[cell.tone];
              const done =
                cell.counts.completed_on_time + cell.counts.completed_late + cell.requested.completed;
              const label = t("assignments.cellLabel", {
                unit: unit.name,
                heading: `${h.code} ${h.title}`,
                tone: t(`assignments.tone.${cell.tone}`),
                done,
                total: cellTotal(cell),
                overdue: cell.counts.open_overdue,
              });
              return (
                <button
                  type="button"
                  className="asg-cell"
                  style={{ background: style.background, color: style.color, borderColor: style.border }}
                  aria-label={label}
                  title={label}
                  onClick={() => onPick({ cell, unitName: unit.name, headingTitle: h.title })}
                >
                  {done}/{cellTotal(cell)}
                  {cell.counts.open_overdue > 0 && (
                    <span className="asg-cell-overdue">!{cell.counts.open_overdue}</span>
                  )}
                </button>
              );
            },
          })),
        ]}
      />
    </>
  );
}

function CellAssignments({ planId, picked }: { planId: string; picked: Picked }) {
  const { t } = useTranslation();
  const list = useQuery(assignmentListQuery({ planId, unitId: picked.cell.unitId, limit: 500 }));
  const rows = (list.data?.items ?? []).filter((a) => a.headingCode === picked.cell.heading);
  return (
    <>
      <p>
        <strong>{picked.cell.heading}</strong> {picked.headingTitle}
      </p>
      <ClassCounts
        counts={picked.cell.counts}
        requested={picked.cell.requested}
        label={t("assignments.cellCounts")}
      />
      {list.isError && <Alert type="error" showIcon title={list.error.message} />}
      <List
        loading={list.isPending}
        dataSource={rows}
        locale={{ emptyText: t("assignments.empty") }}
        renderItem={(a) => (
          <List.Item key={a.id}>
            <div>
              <Link to="/assignments/$id" params={{ id: a.id }}>
                <span className="asg-code">{a.itemCode}</span> <ItemLabel a={a} />
              </Link>
              <div className="asg-card-line">
                <RoleTag role={a.role} /> <StateTag a={a} /> {percentText(a.percent)}
              </div>
            </div>
          </List.Item>
        )}
      />
    </>
  );
}

function HeadingCounts({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const summary = useQuery(summaryQuery(planId, "heading"));
  if (summary.isError) return <Alert type="error" showIcon title={summary.error.message} />;
  type Group = NonNullable<typeof summary.data>["groups"][number];
  return (
    <Table<Group>
      rowKey="key"
      size="small"
      loading={summary.isPending}
      dataSource={summary.data?.groups ?? []}
      pagination={false}
      scroll={{ x: 760 }}
      columns={[
        { title: t("assignments.heading"), key: "label", render: (_, g) => g.label },
        ...CLASSES.map((c) => ({
          title: t(`assignments.class.${c}`),
          key: c,
          width: 120,
          align: "right" as const,
          render: (_: unknown, g: Group) => g.counts[c],
        })),
        {
          title: t("assignments.requestedShort"),
          key: "requested",
          width: 120,
          align: "right" as const,
          render: (_: unknown, g: Group) =>
            `${g.requested.completed}/${g.requested.completed + g.requested.open}`,
        },
      ]}
      summary={() =>
        summary.data ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t("assignments.wholePlan")}</strong>
            </Table.Summary.Cell>
            {CLASSES.map((c, i) => (
              <Table.Summary.Cell key={c} index={i + 1} align="right">
                <strong>{summary.data.totals.counts[c]}</strong>
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={5} align="right">
              <strong>
                {summary.data.totals.requested.completed}/
                {summary.data.totals.requested.completed + summary.data.totals.requested.open}
              </strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

function Rollup({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const progress = useQuery(progressQuery(planId));
  const save = useMutation({
    mutationFn: ({ code, weight }: { code: string; weight: number | null }) =>
      setWeight(planId, code, weight),
    onSuccess: (data, v) => {
      queryClient.setQueryData(progressQuery(planId).queryKey, data);
      void queryClient.invalidateQueries({ queryKey: assignmentKeys.task(planId, v.code) });
      message.success(t("assignments.weightSaved", { code: v.code }));
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  if (progress.isPending) return <Skeleton active />;
  if (progress.isError) return <Alert type="error" showIcon title={progress.error.message} />;
  const editable = progress.data.permissions.editWeights;
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t("assignments.ruleTitle", { progress: percentText(progress.data.progress) })}
        // The server states the rule in English; the Vietnamese text says the same.
        description={i18n.language === "en" ? progress.data.rule : t("assignments.rollupRule")}
      />
      {editable && <p className="asg-muted">{t("assignments.weightsHelp")}</p>}
      <Table<RollupNode>
        rowKey="code"
        size="small"
        dataSource={progress.data.items}
        pagination={false}
        scroll={{ x: 640 }}
        expandable={{
          childrenColumnName: "children",
          defaultExpandedRowKeys: progress.data.items.map((i) => i.code),
        }}
        columns={[
          {
            title: t("assignments.item"),
            key: "label",
            render: (_, n) => (
              <>
                <span className="asg-code">{n.code}</span>{" "}
                {n.label.length > 120 ? `${n.label.slice(0, 117)}…` : n.label}
              </>
            ),
          },
          {
            title: t("assignments.progress"),
            key: "progress",
            width: 100,
            align: "right",
            render: (_, n) => percentText(n.progress),
          },
          {
            title: t("assignments.assignmentsCount"),
            key: "n",
            width: 110,
            align: "right",
            dataIndex: "assignments",
          },
          {
            title: t("assignments.weight"),
            key: "weight",
            width: 130,
            render: (_, n) =>
              editable ? (
                <InputNumber
                  size="small"
                  min={0}
                  max={1000}
                  defaultValue={n.weight}
                  aria-label={t("assignments.weightOf", { code: n.code })}
                  disabled={save.isPending}
                  onBlur={(e) => {
                    const raw = e.target.value.trim();
                    const value = raw === "" ? null : Number(raw.replace(",", "."));
                    if (value !== null && (!Number.isFinite(value) || value < 0 || value > 1000)) {
                      message.error(t("assignments.weightInvalid"));
                      return;
                    }
                    if (value !== n.weight) save.mutate({ code: n.code, weight: value });
                  }}
                />
              ) : (
                n.weight
              ),
          },
        ]}
      />
    </>
  );
}

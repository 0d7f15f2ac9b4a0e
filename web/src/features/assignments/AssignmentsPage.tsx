import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { Alert, Card, Col, Empty, Grid, List, Pagination, Row, Select, Switch, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { ASSIGNMENT_ROLES } from "../../../../common/schemas/assignments.ts";
import { useMe } from "../../app/session.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate } from "../../lib/dates.ts";
import { labelSearch } from "../../lib/search.ts";
import { planListQuery } from "../plans/api.ts";
import { type AssignmentSummary, assignmentListQuery, type ListFilters } from "./api.ts";
import { CountsBar } from "./CountsBar.tsx";
import { ItemLabel, percentText, RoleTag, StateTag } from "./labels.tsx";
import { StatusActions } from "./StatusActions.tsx";
import type { AssignmentSearch } from "./search.ts";
import "./assignments.css";

const PAGE_SIZE = 50;
const STATUS_FILTERS = [
  "open",
  "not_started",
  "in_progress",
  "paused",
  "completed",
  "completed_late",
] as const;

/** “Việc của đơn vị”: the assignments of the user's units (or of the unit a link names), filtered. */
export default function AssignmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t("assignments.nav"));
  const me = useMe();
  const search = useSearch({ from: "/app/assignments" });
  const navigate = useNavigate({ from: "/assignments" });
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  // A link naming a unit shows that unit's; otherwise the user's own units, unless they switch it off.
  const mine = search.unitId ? false : search.mine !== false;
  const page = search.page ?? 1;
  const filters: ListFilters = {
    mine: mine || undefined,
    status: search.status as ListFilters["status"],
    role: search.role as ListFilters["role"],
    planId: search.planId,
    unitId: search.unitId,
    due: search.due,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useQuery({ ...assignmentListQuery(filters), placeholderData: keepPreviousData });
  const plans = useQuery(planListQuery("", "published"));
  const set = (patch: Partial<AssignmentSearch>) =>
    navigate({ search: (prev: AssignmentSearch) => ({ ...prev, ...patch, page: undefined }) });
  const unitName = search.unitId ? list.data?.items[0]?.unit.name : undefined;

  return (
    <div className="asg-scope">
      <h1 className="page-title">{t("assignments.nav")}</h1>
      <p className="page-lead">
        {unitName ? t("assignments.leadUnit", { unit: unitName }) : t("assignments.lead")}
      </p>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]} align="bottom">
          <Col xs={24} sm={12} lg={5}>
            <label htmlFor="asg-status" className="asg-label">
              {t("assignments.status")}
            </label>
            <Select
              id="asg-status"
              value={search.status ?? ""}
              onChange={(v) => set({ status: v || undefined })}
              style={{ width: "100%" }}
              options={[
                { value: "", label: t("assignments.allStatuses") },
                ...STATUS_FILTERS.map((s) => ({ value: s, label: t(`assignments.filterStatus.${s}`) })),
              ]}
            />
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <label htmlFor="asg-role" className="asg-label">
              {t("assignments.roleLabel")}
            </label>
            <Select
              id="asg-role"
              value={search.role ?? ""}
              onChange={(v) => set({ role: v || undefined })}
              style={{ width: "100%" }}
              options={[
                { value: "", label: t("assignments.allRoles") },
                ...ASSIGNMENT_ROLES.map((r) => ({ value: r, label: t(`assignments.role.${r}`) })),
              ]}
            />
          </Col>
          <Col xs={24} sm={12} lg={7}>
            <label htmlFor="asg-plan" className="asg-label">
              {t("assignments.plan")}
            </label>
            <Select
              id="asg-plan"
              value={search.planId ?? ""}
              onChange={(v) => set({ planId: v || undefined })}
              style={{ width: "100%" }}
              showSearch={labelSearch({ within: "given" })}
              loading={plans.isPending}
              options={[
                { value: "", label: t("assignments.allPlans") },
                ...(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title })),
              ]}
            />
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <label htmlFor="asg-due" className="asg-label">
              {t("assignments.dueFilter")}
            </label>
            <Select
              id="asg-due"
              value={search.due ?? ""}
              onChange={(v) => set({ due: (v || undefined) as AssignmentSearch["due"] })}
              style={{ width: "100%" }}
              options={[
                { value: "", label: t("assignments.anyDue") },
                { value: "soon", label: t("assignments.dueSoon") },
                { value: "overdue", label: t("assignments.overdue") },
              ]}
            />
          </Col>
          {!search.unitId && me.permissions.provinceWide && (
            <Col xs={24} lg={4}>
              <span className="asg-switch">
                <Switch
                  id="asg-mine"
                  checked={mine}
                  onChange={(on) => set({ mine: on ? undefined : false })}
                />
                <label htmlFor="asg-mine">{t("assignments.onlyMine")}</label>
              </span>
            </Col>
          )}
          {search.unitId && (
            <Col xs={24} lg={4}>
              <Link to="/assignments" search={{}}>
                {t("assignments.clearUnit")}
              </Link>
            </Col>
          )}
        </Row>
      </Card>
      {!search.unitId && <CountsBar planId={search.planId} mine={mine} />}
      {list.isError && (
        <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />
      )}
      <Card>
        <div role="status" className="asg-found">
          {list.data && t("assignments.found", { count: list.data.total })}
        </div>
        {isPhone ? (
          <List
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={t("assignments.empty")} /> }}
            renderItem={(a) => (
              <List.Item key={a.id} className="asg-phone-item">
                <AssignmentCard a={a} />
              </List.Item>
            )}
          />
        ) : (
          <Table<AssignmentSummary>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t("assignments.empty") }}
            columns={[
              {
                title: t("assignments.task"),
                key: "task",
                render: (_, a) => (
                  <>
                    <Link to="/assignments/$id" params={{ id: a.id }} className="asg-title-link">
                      <span className="asg-code">{a.itemCode}</span> <ItemLabel a={a} />
                    </Link>
                    <div className="asg-muted">
                      {a.plan.title}
                      {" · "}
                      <Link to="/plans/$id/tasks/$code" params={{ id: a.plan.id, code: a.itemCode }}>
                        {t("assignments.openTask")}
                      </Link>
                    </div>
                  </>
                ),
              },
              {
                title: t("assignments.unit"),
                key: "unit",
                width: 200,
                render: (_, a) => (
                  <>
                    {a.unit.name}
                    <div>
                      <RoleTag role={a.role} />
                    </div>
                  </>
                ),
              },
              {
                title: t("assignments.status"),
                key: "state",
                width: 190,
                render: (_, a) => <StateTag a={a} />,
              },
              { title: t("assignments.due"), key: "due", width: 130, render: (_, a) => <DueText a={a} /> },
              {
                title: t("assignments.percent"),
                key: "percent",
                width: 80,
                render: (_, a) => percentText(a.percent),
              },
              {
                title: t("common.actions"),
                key: "actions",
                width: 220,
                render: (_, a) => <StatusActions assignment={a} compact />,
              },
            ]}
          />
        )}
        {list.data && list.data.total > PAGE_SIZE && (
          <Pagination
            style={{ marginTop: 16 }}
            current={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            showSizeChanger={false}
            onChange={(p) =>
              navigate({ search: (prev: AssignmentSearch) => ({ ...prev, page: p > 1 ? p : undefined }) })
            }
          />
        )}
      </Card>
    </div>
  );
}

function DueText({ a }: { a: AssignmentSummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  return (
    <>
      {a.dueDate ? formatDate(a.dueDate) : (a.dueText ?? t("assignments.noDue"))}
      {a.occurrence !== "once" && <div className="asg-muted">{a.occurrenceLabel[lang]}</div>}
    </>
  );
}

/** One assignment on a phone: everything the table shows, stacked. */
function AssignmentCard({ a }: { a: AssignmentSummary }) {
  const { t } = useTranslation();
  return (
    <article className="asg-card" aria-labelledby={`asg-${a.id}`}>
      <h2 id={`asg-${a.id}`} className="asg-card-title">
        <Link to="/assignments/$id" params={{ id: a.id }}>
          <span className="asg-code">{a.itemCode}</span> <ItemLabel a={a} />
        </Link>
      </h2>
      <div className="asg-muted">{a.plan.title}</div>
      <div className="asg-card-line">
        {a.unit.name} <RoleTag role={a.role} />
      </div>
      <div className="asg-card-line">
        <StateTag a={a} />
        <Tag>
          {t("assignments.due")}: <DueText a={a} />
        </Tag>
        {a.percent !== null && <Tag>{percentText(a.percent)}</Tag>}
      </div>
      <StatusActions assignment={a} compact />
    </article>
  );
}

import { BarChartOutlined, PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Grid,
  Input,
  Pagination,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { PETITION_KINDS, PETITION_STATUSES } from "../../../../common/schemas/petitions.ts";
import { useMe } from "../../app/session.ts";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate } from "../../lib/dates.ts";
import { labelSearch } from "../../lib/search.ts";
import { communesQuery, type InboxFilters, inboxQuery, PAGE_SIZE, type PetitionSummary } from "./api.ts";
import { ClockTag } from "./ClockTag.tsx";
import { categoryLabel, STATUS_COLORS } from "./format.ts";
import { filtersOf, searchOf, validateInboxSearch } from "./search.ts";
import "./petitions.css";

function Subject({ p }: { p: PetitionSummary }) {
  const { i18n } = useTranslation();
  const category = categoryLabel(p.category, i18n.language);
  return (
    <>
      <span className="petitions-subject">{p.title ?? p.excerpt}</span>
      <span className="petitions-muted">{[category, p.commune].filter(Boolean).join(" · ")}</span>
    </>
  );
}

function CodeLink({ p }: { p: PetitionSummary }) {
  return (
    <Link to="/petitions/$id" params={{ id: p.id }} className="petitions-code">
      {p.trackingCode}
    </Link>
  );
}

export default function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t("petitions.inbox.title"));
  const me = useMe();
  const navigate = useNavigate();
  const filters = filtersOf(validateInboxSearch(useSearch({ strict: false }) as Record<string, unknown>));
  const [typed, setTyped] = useState(filters.q);
  useEffect(() => setTyped(filters.q), [filters.q]);
  const isPhone = Grid.useBreakpoint().md === false;
  const list = useQuery({ ...inboxQuery(filters), placeholderData: keepPreviousData });
  const communes = useQuery(communesQuery);

  const update = (patch: Partial<InboxFilters>) =>
    void navigate({
      to: "/petitions",
      search: searchOf({ ...filters, page: 1, ...patch }),
      replace: true,
    });

  const counts = list.data?.counts;
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;
  const filtered =
    filters.q || filters.kind || filters.unitId || filters.communeId || filters.overdue || filters.unassigned;

  return (
    <div className="petitions-scope">
      <div className="petitions-header">
        <div>
          <h1 className="page-title">{t("petitions.inbox.title")}</h1>
          <p className="page-lead">{t("petitions.inbox.lead")}</p>
        </div>
        <Space wrap>
          {me.permissions.petitions.enter && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => void navigate({ to: "/petitions/new" })}
            >
              {t("petitions.inbox.newIntake")}
            </Button>
          )}
          <Button
            icon={<BarChartOutlined aria-hidden />}
            onClick={() => void navigate({ to: "/petitions/stats" })}
          >
            {t("petitions.inbox.stats")}
          </Button>
        </Space>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]} align="bottom">
          <Col xs={24} lg={10}>
            <label htmlFor="petitions-search" className="petitions-label">
              {t("petitions.inbox.search")}
            </label>
            <Input.Search
              id="petitions-search"
              value={typed}
              placeholder={t("petitions.inbox.searchPlaceholder")}
              allowClear
              enterButton={t("common.search")}
              onChange={(e) => {
                setTyped(e.target.value);
                if (!e.target.value) update({ q: "" });
              }}
              onSearch={(value) => update({ q: value.trim() })}
            />
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <label htmlFor="petitions-kind" className="petitions-label">
              {t("petitions.inbox.kind")}
            </label>
            <Select
              id="petitions-kind"
              value={filters.kind}
              onChange={(kind) => update({ kind })}
              style={{ width: "100%" }}
              options={[
                { value: "", label: t("petitions.inbox.allKinds") },
                ...PETITION_KINDS.map((k) => ({ value: k, label: t(`petitions.kind.${k}`) })),
              ]}
            />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <label htmlFor="petitions-commune" className="petitions-label">
              {t("petitions.inbox.commune")}
            </label>
            <Select
              id="petitions-commune"
              value={filters.communeId}
              onChange={(communeId) => update({ communeId })}
              style={{ width: "100%" }}
              showSearch={labelSearch()}
              loading={communes.isPending}
              options={[
                { value: "", label: t("petitions.inbox.allCommunes") },
                ...(communes.data ?? []).map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
          </Col>
          <Col xs={24} lg={5}>
            <label htmlFor="petitions-unit" className="petitions-label">
              {t("petitions.inbox.unit")}
            </label>
            <UnitTreeSelect
              id="petitions-unit"
              value={filters.unitId || null}
              allowClear
              onChange={(v) => update({ unitId: typeof v === "string" ? v : "" })}
            />
          </Col>
          <Col xs={24}>
            <Space wrap>
              <Checkbox checked={filters.overdue} onChange={(e) => update({ overdue: e.target.checked })}>
                {t("petitions.inbox.onlyOverdue")}
              </Checkbox>
              <Checkbox
                checked={filters.unassigned}
                onChange={(e) => update({ unassigned: e.target.checked })}
              >
                {t("petitions.inbox.onlyUnassigned")}
              </Checkbox>
              {filtered && (
                <Button
                  type="link"
                  onClick={() => {
                    setTyped("");
                    void navigate({ to: "/petitions", search: {}, replace: true });
                  }}
                >
                  {t("petitions.inbox.clearFilters")}
                </Button>
              )}
            </Space>
          </Col>
        </Row>
      </Card>
      <fieldset className="petitions-status-group">
        <legend className="visually-hidden">{t("petitions.inbox.statusTabs")}</legend>
        <Button
          aria-pressed={filters.status === ""}
          type={filters.status === "" ? "primary" : "default"}
          onClick={() => update({ status: "" })}
        >
          {t("petitions.inbox.allStatuses")}
          {all !== undefined && ` (${all})`}
        </Button>
        {PETITION_STATUSES.map((s) => (
          <Button
            key={s}
            aria-pressed={filters.status === s}
            type={filters.status === s ? "primary" : "default"}
            onClick={() => update({ status: s })}
          >
            {t(`petitions.status.${s}`)}
            {counts && ` (${counts[s]})`}
          </Button>
        ))}
      </fieldset>
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={list.error.message}
          style={{ marginBottom: 16 }}
          action={
            <Button size="small" onClick={() => list.refetch()}>
              {t("common.retry")}
            </Button>
          }
        />
      )}
      <div role="status" className="visually-hidden">
        {list.data && t("petitions.inbox.found", { count: list.data.total })}
      </div>
      {isPhone ? (
        <PhoneList
          items={list.data?.items ?? []}
          loading={list.isFetching}
          total={list.data?.total ?? 0}
          page={filters.page}
          onPage={(page) => update({ ...filters, page })}
        />
      ) : (
        <Card>
          <Table<PetitionSummary>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t("petitions.inbox.empty") }}
            scroll={{ x: 960 }}
            pagination={{
              current: filters.page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              onChange: (page) => update({ ...filters, page }),
            }}
            columns={[
              {
                title: `${t("petitions.inbox.code")} · ${t("petitions.inbox.status")}`,
                key: "code",
                width: 190,
                render: (_, p) => (
                  <Space orientation="vertical" size={2}>
                    <CodeLink p={p} />
                    <Tag>{t(`petitions.kind.${p.kind}`)}</Tag>
                    <Tag color={STATUS_COLORS[p.status]}>{t(`petitions.status.${p.status}`)}</Tag>
                  </Space>
                ),
              },
              {
                title: t("petitions.inbox.subject"),
                key: "subject",
                width: 320,
                render: (_, p) => <Subject p={p} />,
              },
              {
                title: t("petitions.inbox.unit"),
                key: "unit",
                width: 180,
                render: (_, p) =>
                  p.assignedUnit?.name ?? (
                    <span className="petitions-muted">{t("petitions.inbox.notYetAssigned")}</span>
                  ),
              },
              {
                title: t("petitions.inbox.received"),
                dataIndex: "receivedDate",
                width: 110,
                render: (v: string) => formatDate(v),
              },
              {
                title: t("petitions.inbox.deadline"),
                key: "deadline",
                width: 170,
                render: (_, p) => <ClockTag petition={p} />,
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

function PhoneList(props: {
  items: PetitionSummary[];
  loading: boolean;
  total: number;
  page: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (!props.loading && props.items.length === 0)
    return <Alert type="info" title={t("petitions.inbox.empty")} />;
  return (
    <>
      <ul className="petitions-cards" aria-busy={props.loading}>
        {props.items.map((p) => (
          <li key={p.id}>
            <div className="petitions-card-top">
              <CodeLink p={p} />
              <Tag color={STATUS_COLORS[p.status]}>{t(`petitions.status.${p.status}`)}</Tag>
            </div>
            <Tag>{t(`petitions.kind.${p.kind}`)}</Tag>
            <Subject p={p} />
            <div className="petitions-muted" style={{ margin: "6px 0" }}>
              {p.assignedUnit?.name ?? t("petitions.inbox.notYetAssigned")} · {formatDate(p.receivedDate)}
            </div>
            <ClockTag petition={p} />
          </li>
        ))}
      </ul>
      {props.total > PAGE_SIZE && (
        <Pagination
          style={{ marginTop: 16 }}
          simple
          current={props.page}
          pageSize={PAGE_SIZE}
          total={props.total}
          onChange={props.onPage}
        />
      )}
    </>
  );
}

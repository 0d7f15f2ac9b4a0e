import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { Alert, App, Button, Card, Input, Modal, Space, Statistic, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../app/session.ts";
import { useConfirmIrreversible } from "../../components/confirmIrreversible.tsx";
import { DateField } from "../../components/DateField.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import {
  type Completeness,
  downloadLetter,
  issueUrgingLetter,
  lettersQuery,
  openReport,
  periodQuery,
  reopenUnit,
  reportKeys,
} from "./api.ts";
import { LateTag, StatusTag } from "./status.tsx";

type Standing = Completeness["units"][number];
type Counts = Completeness["province"];

/** A reporting period: received / expected, on time / late, per unit type and per unit (completeness). */
export default function PeriodPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ from: "/app/reporting/periods/$id" });
  const period = useQuery(periodQuery(id));
  const lang = i18n.language === "en" ? "en" : "vi";
  usePageTitle(
    period.data
      ? `${t("reports.ui.periodTitle")} ${period.data.period.label[lang]}`
      : t("reports.ui.periodTitle"),
  );
  if (period.isError) return <Alert type="error" showIcon title={period.error.message} />;
  if (!period.data) return null;
  return <PeriodView data={period.data} />;
}

function CountsRow({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  return (
    <Space size="large" wrap>
      <Statistic title={t("reports.ui.received")} value={`${counts.received}/${counts.expected}`} />
      <Statistic title={t("reports.ui.onTime")} value={counts.onTime} />
      <Statistic title={t("reports.ui.late")} value={counts.late} />
      <Statistic title={t("reports.status.accepted")} value={counts.accepted} />
      <Statistic title={t("reports.status.returned")} value={counts.returned} />
      <Statistic title={t("reports.ui.missing")} value={counts.missing} />
    </Space>
  );
}

/** The unit officer's view of a period: each of its own units' report, its status and the deadline. */
function OwnUnitsCard(props: {
  data: Completeness;
  units: Standing[];
  opening: boolean;
  onOpen: (unitId: string) => void;
}) {
  const { t } = useTranslation();
  const { period, today } = props.data;
  const days = daysBetween(today, period.deadline);
  const due =
    days > 0
      ? t("reports.ui.own.daysLeft", { count: days })
      : days === 0
        ? t("reports.ui.own.dueToday")
        : t("reports.ui.own.daysOver", { count: -days });
  return (
    <Card
      title={<h2 className="card-heading">{t("reports.ui.own.heading")}</h2>}
      style={{ marginBottom: 16 }}
    >
      {props.units.length === 0 ? (
        <p style={{ margin: 0 }}>{t("reports.ui.own.none")}</p>
      ) : (
        <ul className="period-own-units" style={{ margin: 0, paddingInlineStart: 0, listStyle: "none" }}>
          {props.units.map((u) => {
            const sent = u.status !== "none" && u.status !== "draft" && u.status !== "pending_approval";
            return (
              <li key={u.unitId} style={{ marginBottom: 8 }}>
                <Space wrap>
                  <strong>{u.unitName}</strong>
                  <StatusTag status={u.status} />
                  <span>
                    {t("reports.ui.deadline")}: {formatDate(period.deadline)}
                    {sent ? "" : ` (${due})`}
                  </span>
                  {u.reopenedUntil && (
                    <span>{t("reports.ui.reopenedUntil", { date: formatDate(u.reopenedUntil) })}</span>
                  )}
                  {u.reportId ? (
                    <Link to="/reports/$id" params={{ id: u.reportId }}>
                      {t("reports.ui.own.openExisting")}
                    </Link>
                  ) : (
                    <Button
                      size="small"
                      type="primary"
                      loading={props.opening}
                      onClick={() => props.onOpen(u.unitId)}
                    >
                      {t("reports.ui.openReport")}
                    </Button>
                  )}
                </Space>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function PeriodView({ data }: { data: Completeness }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lang = i18n.language === "en" ? "en" : "vi";
  const { period } = data;
  // A unit officer follows its own report, not a province-wide count of the units it can see.
  const { coordinate: coordinator, readAll: province } = me.permissions.reports;
  const mineUnits = new Set(me.permissions.reports.ownUnitIds);
  const granted = data.units.filter((u) => mineUnits.has(u.unitId));
  const own = granted.length > 0 ? granted : data.units;
  const [reopening, setReopening] = useState<Standing | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = useMutation({
    mutationFn: (unitId: string) => openReport(period.id, unitId),
    onSuccess: (report) => navigate({ to: "/reports/$id", params: { id: report.id } }),
    onError: (e) => setError(e.message),
  });

  return (
    <div>
      <p style={{ marginBottom: 4 }}>
        <Link to="/reports">{t("reports.ui.backToList")}</Link>
      </p>
      <h1 className="page-title">
        {t("reports.ui.periodTitle")} {period.label[lang]}
      </h1>
      <p className="page-lead">
        {t("reports.ui.periodLead", {
          deadline: formatDate(period.deadline),
          lockDay: formatDate(period.lockDay),
        })}
        {period.locked ? ` ${t("reports.ui.lockedNow")}` : ""}
      </p>
      {period.request && <Alert style={{ marginBottom: 16 }} type="info" title={period.request} />}
      {error && <Alert role="alert" style={{ marginBottom: 16 }} type="error" showIcon title={error} />}
      {province ? (
        <Card
          title={<h2 className="card-heading">{t("reports.ui.provinceHeading")}</h2>}
          style={{ marginBottom: 16 }}
        >
          <CountsRow counts={data.province} />
          <p style={{ marginTop: 12, marginBottom: 0 }}>
            <Link to="/reporting/consolidations">{t("reports.ui.toConsolidation")}</Link>
          </p>
        </Card>
      ) : (
        <OwnUnitsCard
          data={data}
          units={own}
          opening={open.isPending}
          onOpen={(unitId) => open.mutate(unitId)}
        />
      )}
      {province && data.byType.length > 1 && (
        <Card
          title={<h2 className="card-heading">{t("reports.ui.byTypeHeading")}</h2>}
          style={{ marginBottom: 16 }}
        >
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={data.byType}
            scroll={{ x: true }}
            columns={[
              { title: t("reports.ui.unitType"), dataIndex: "label" },
              {
                title: t("reports.ui.received"),
                render: (_, r) => `${r.counts.received}/${r.counts.expected}`,
              },
              { title: t("reports.ui.onTime"), render: (_, r) => r.counts.onTime },
              { title: t("reports.ui.late"), render: (_, r) => r.counts.late },
              { title: t("reports.ui.missing"), render: (_, r) => r.counts.missing },
            ]}
          />
        </Card>
      )}
      {coordinator || province ? <UrgingCard data={data} canIssue={coordinator} /> : null}
      <Card title={<h2 className="card-heading">{t("reports.ui.unitsHeading")}</h2>}>
        <Table<Standing>
          rowKey="unitId"
          size="small"
          dataSource={data.units}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            {
              title: t("reports.ui.unit"),
              render: (_, u) =>
                u.reportId ? (
                  <Link to="/reports/$id" params={{ id: u.reportId }}>
                    {u.unitName}
                  </Link>
                ) : (
                  u.unitName
                ),
            },
            { title: t("reports.ui.status"), render: (_, u) => <StatusTag status={u.status} /> },
            {
              title: t("reports.ui.firstSentAt"),
              render: (_, u) => (
                <>
                  {u.firstSentAt ? formatDateTime(u.firstSentAt) : "—"} <LateTag late={u.late} />
                </>
              ),
            },
            { title: t("reports.ui.revision"), render: (_, u) => u.revision ?? "—" },
            {
              title: t("reports.ui.actionsColumn"),
              render: (_, u) => (
                <Space wrap>
                  {/* A unit officer opens the report from the unit's own card above. */}
                  {province && !u.reportId && mineUnits.has(u.unitId) && (
                    <Button
                      size="small"
                      type="primary"
                      loading={open.isPending}
                      onClick={() => open.mutate(u.unitId)}
                    >
                      {t("reports.ui.openReport")}
                    </Button>
                  )}
                  {u.reopenedUntil && (
                    <span>{t("reports.ui.reopenedUntil", { date: formatDate(u.reopenedUntil) })}</span>
                  )}
                  {coordinator && period.locked && (
                    <Button size="small" onClick={() => setReopening(u)}>
                      {t("reports.ui.reopen")}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {reopening && (
        <ReopenModal
          periodId={period.id}
          unit={reopening}
          onClose={() => setReopening(null)}
          onDone={(next) => {
            queryClient.setQueryData(reportKeys.period(period.id), next);
            setReopening(null);
            void message.success(t("reports.ui.reopened"));
          }}
        />
      )}
    </div>
  );
}

function UrgingCard({ data, canIssue }: { data: Completeness; canIssue: boolean }) {
  const { t, i18n } = useTranslation();
  const confirm = useConfirmIrreversible();
  const lang = i18n.language === "en" ? "en" : "vi";
  const queryClient = useQueryClient();
  const letters = useQuery(lettersQuery(data.period.id));
  const [error, setError] = useState<string | null>(null);
  const issue = useMutation({
    mutationFn: () => issueUrgingLetter(data.period.id),
    onSuccess: async (letter) => {
      setError(null);
      await queryClient.invalidateQueries({ queryKey: reportKeys.letters(data.period.id) });
      await downloadLetter(letter).catch((e: Error) => setError(e.message));
    },
    onError: (e) => setError(e.message),
  });
  return (
    <Card
      title={<h2 className="card-heading">{t("reports.ui.urgingHeading")}</h2>}
      style={{ marginBottom: 16 }}
    >
      <p style={{ marginTop: 0 }}>{t("reports.ui.urgingHelp")}</p>
      {canIssue && (
        <Button
          type="primary"
          loading={issue.isPending}
          onClick={async () => {
            const ok = await confirm({
              title: t("reports.ui.confirmUrging.title"),
              body: t("reports.ui.confirmUrging.body", {
                period: data.period.label[lang],
                count: data.province.missing,
              }),
              action: t("reports.ui.issueUrging"),
            });
            if (ok) issue.mutate();
          }}
        >
          {t("reports.ui.issueUrging")}
        </Button>
      )}
      {error && <Alert role="alert" style={{ marginTop: 12 }} type="error" showIcon title={error} />}
      {letters.isError && (
        <Alert style={{ marginTop: 12 }} type="error" showIcon title={letters.error.message} />
      )}
      {(letters.data?.items.length ?? 0) > 0 && (
        <ul style={{ marginTop: 12 }}>
          {letters.data?.items.map((l) => (
            <li key={l.id}>
              <Button
                type="link"
                icon={<DownloadOutlined aria-hidden />}
                onClick={() => downloadLetter(l).catch((e: Error) => setError(e.message))}
              >
                {l.filename}
              </Button>{" "}
              {t("reports.ui.letterMeta", { date: formatDate(l.issuedOn), count: l.lateUnits.length })}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ReopenModal(props: {
  periodId: string;
  unit: Standing;
  onClose: () => void;
  onDone: (next: Completeness) => void;
}) {
  const { t } = useTranslation();
  const [until, setUntil] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reopen = useMutation({
    mutationFn: () =>
      reopenUnit(props.periodId, props.unit.unitId, { until: until ?? "", reason: reason.trim() }),
    onSuccess: props.onDone,
    onError: (e) => setError(e.message),
  });
  return (
    <Modal
      open
      title={t("reports.ui.reopenTitle", { unit: props.unit.unitName })}
      onCancel={props.onClose}
      okText={t("reports.ui.reopen")}
      cancelText={t("reports.ui.cancel")}
      okButtonProps={{ loading: reopen.isPending }}
      onOk={() => {
        if (!until || reason.trim().length < 3) {
          setError(t("reports.ui.reopenRequired"));
          return;
        }
        reopen.mutate();
      }}
    >
      <label htmlFor="reopen-until" style={{ display: "block" }}>
        {t("reports.ui.reopenUntil")}
      </label>
      <DateField id="reopen-until" value={until} onChange={setUntil} />
      <label htmlFor="reopen-reason" style={{ display: "block", marginTop: 8 }}>
        {t("reports.ui.reopenReason")}
      </label>
      <Input.TextArea id="reopen-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      {error && <Alert role="alert" style={{ marginTop: 8 }} type="error" showIcon title={error} />}
    </Modal>
  );
}

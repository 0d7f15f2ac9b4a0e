import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Select, Space, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/dates.ts";
import { diffQuery, type ReportDetail, type ReportDiff } from "./api.ts";
import { LateTag } from "./status.tsx";

/** The revisions sent so far, and what changed between two of them (or the current content). */
export function RevisionsCard({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const numbers = report.revisions.map((r) => String(r.revision));
  const last = numbers[numbers.length - 1] ?? "current";
  const [from, setFrom] = useState(numbers.length > 1 ? numbers[numbers.length - 2] : last);
  const [to, setTo] = useState(numbers.length > 1 ? last : "current");
  const diff = useQuery(diffQuery(report.id, from, to));
  const options = [
    ...numbers.map((n) => ({ value: n, label: `${t("reports.ui.revision")} ${n}` })),
    { value: "current", label: t("reports.ui.currentContent") },
  ];
  return (
    <Card
      title={<h2 className="card-heading">{t("reports.ui.revisionsHeading")}</h2>}
      style={{ marginBottom: 16 }}
    >
      <Table
        rowKey="revision"
        size="small"
        pagination={false}
        dataSource={report.revisions}
        columns={[
          { title: t("reports.ui.revision"), dataIndex: "revision" },
          { title: t("reports.ui.sentAt"), render: (_, r) => formatDateTime(r.sentAt) },
          { title: t("reports.ui.sentBy"), dataIndex: "sentBy" },
          { title: t("reports.ui.timeliness"), render: (_, r) => <LateTag late={r.late} /> },
        ]}
      />
      <h3 style={{ marginTop: 16 }}>{t("reports.ui.diffHeading")}</h3>
      <Space wrap>
        <label htmlFor="diff-from">{t("reports.ui.diffFrom")}</label>
        <Select id="diff-from" style={{ width: 180 }} value={from} onChange={setFrom} options={options} />
        <label htmlFor="diff-to">{t("reports.ui.diffTo")}</label>
        <Select id="diff-to" style={{ width: 180 }} value={to} onChange={setTo} options={options} />
      </Space>
      {diff.isError && <Alert type="error" showIcon title={diff.error.message} />}
      {diff.data && <DiffView diff={diff.data} />}
    </Card>
  );
}

/** Lines of a diff keyed by their text and how often it came before (a diff line has no id). */
function keyed(lines: ReportDiff["sections"][number]["lines"]) {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const base = `${l.op}:${l.text}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...l, key: `${base}#${n}` };
  });
}

function Lines({ lines }: { lines: ReportDiff["sections"][number]["lines"] }) {
  return (
    <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit", margin: 0 }}>
      {keyed(lines).map((l) =>
        l.op === "added" ? (
          <ins
            key={l.key}
            style={{ display: "block", background: "#e6f4ea", color: "#0b5a1e", textDecoration: "none" }}
          >
            + {l.text}
          </ins>
        ) : l.op === "removed" ? (
          <del key={l.key} style={{ display: "block", background: "#fdecea", color: "#8a1c12" }}>
            − {l.text}
          </del>
        ) : (
          <span key={l.key} style={{ display: "block" }}>
            {"  "}
            {l.text}
          </span>
        ),
      )}
    </pre>
  );
}

function DiffView({ diff }: { diff: ReportDiff }) {
  const { t } = useTranslation();
  if (diff.changed.length === 0) return <p style={{ marginTop: 12 }}>{t("reports.ui.noChanges")}</p>;
  const values = diff.values.filter((v) => v.changed);
  return (
    <div style={{ marginTop: 12 }} data-testid="report-diff">
      {diff.sections
        .filter((s) => s.changed)
        .map((s) => (
          <div key={s.code} style={{ marginBottom: 12 }}>
            <h4>
              {s.code}. {s.title}
            </h4>
            <Lines lines={s.lines} />
          </div>
        ))}
      {values.length > 0 && (
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={values}
          columns={[
            { title: t("reports.ui.indicator"), dataIndex: "name" },
            { title: t("reports.ui.before"), render: (_, v) => v.before ?? "—" },
            { title: t("reports.ui.after"), render: (_, v) => v.after ?? "—" },
          ]}
        />
      )}
      {diff.difficulties.changed && (
        <div>
          <h4>{t("reports.ui.difficulties")}</h4>
          <Lines lines={diff.difficulties.lines} />
        </div>
      )}
      {diff.proposals.changed && (
        <div>
          <h4>{t("reports.ui.proposals")}</h4>
          <Lines lines={diff.proposals.lines} />
        </div>
      )}
    </div>
  );
}

import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Timeline,
} from "antd";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { useConfirmIrreversible } from "../../components/confirmIrreversible.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import {
  attachScan,
  diffQuery,
  downloadScan,
  type ReportDetail,
  type ReportDiff,
  reportKeys,
  reportQuery,
  type SaveBody,
  type Step,
  saveReport,
  stepReport,
} from "./api.ts";
import { LateTag, StatusTag } from "./status.tsx";

type Draft = {
  sections: Record<string, string>;
  values: Record<string, string>;
  difficulties: string;
  proposals: string;
};
type Stored = {
  sections: Record<string, string>;
  values: Record<string, number | null>;
  difficulties: string;
  proposals: string;
};
type Conflict = { currentVersion: number; differing: string[]; current: Stored };

const draftOf = (r: Stored): Draft => ({
  sections: { ...r.sections },
  values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, v === null ? "" : String(v)])),
  difficulties: r.difficulties,
  proposals: r.proposals,
});

const bodyOf = (version: number, d: Draft): SaveBody => ({
  version,
  sections: d.sections,
  values: Object.fromEntries(
    Object.entries(d.values).map(([k, v]) => [k, v.trim() === "" ? null : v.trim()]),
  ),
  difficulties: d.difficulties,
  proposals: d.proposals,
});

const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/** One unit's report of one period: the form, the steps the server allows, comments, revisions, events. */
export default function ReportPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ from: "/app/reports/$id" });
  const report = useQuery(reportQuery(id));
  const lang = i18n.language === "en" ? "en" : "vi";
  usePageTitle(
    report.data
      ? `${t("reports.ui.reportTitle")} ${report.data.periodLabel[lang]} — ${report.data.unit.name}`
      : t("reports.ui.reportTitle"),
  );
  if (report.isError) return <Alert type="error" showIcon title={report.error.message} />;
  if (!report.data) return null;
  return <ReportView key={report.data.id} report={report.data} />;
}

/** Steps that cannot be taken back, asked about first: a sent report cannot be withdrawn, an accepted one is final. */
const IRREVERSIBLE_STEPS = { send: true, accept: true } as const;

function ReportView({ report }: { report: ReportDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const lang = i18n.language === "en" ? "en" : "vi";
  const canEdit = report.actions.includes("edit");
  const [draft, setDraft] = useState<Draft>(() => draftOf(report));
  const [baseVersion, setBaseVersion] = useState(report.version);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [returning, setReturning] = useState(false);
  const dirty = canEdit && !sameDraft(draft, draftOf(report));

  // A newer version from the server (another step, a reload) replaces the form when nothing is unsaved.
  const lastVersion = useRef(report.version);
  useEffect(() => {
    if (report.version !== lastVersion.current) {
      lastVersion.current = report.version;
      setDraft(draftOf(report));
      setBaseVersion(report.version);
    }
  }, [report]);

  const store = (next: ReportDetail) => {
    lastVersion.current = next.version;
    setDraft(draftOf(next));
    setBaseVersion(next.version);
    queryClient.setQueryData(reportKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: ["reports", "list"] });
    void queryClient.invalidateQueries({ queryKey: ["reports", "diff", next.id] });
  };

  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409 && e.code === "report_conflict") {
      const details = e.details as { currentVersion: number; differingSections: string[]; current: Stored };
      setConflict({
        currentVersion: details.currentVersion,
        differing: details.differingSections,
        current: details.current,
      });
      setError(e.message);
      return;
    }
    if (e instanceof ApiError && e.field?.startsWith("values.")) {
      setFieldErrors({ [e.field.slice("values.".length)]: e.message });
      setError(t("reports.ui.fixFields"));
      return;
    }
    setError(e instanceof Error ? e.message : String(e));
  };

  const doSave = async (version: number, content: Draft) => {
    setError(null);
    setFieldErrors({});
    const next = await saveReport(report.id, bodyOf(version, content));
    setConflict(null);
    store(next);
    return next;
  };

  const save = useMutation({
    mutationFn: () => doSave(baseVersion, draft),
    onSuccess: () => void message.success(t("reports.ui.saved")),
    onError: failed,
  });

  const step = useMutation({
    mutationFn: async (args: { step: Step; comment?: string; sectionComments?: Record<string, string> }) => {
      setError(null);
      const current = dirty ? await doSave(baseVersion, draft) : report;
      return stepReport(report.id, args.step, {
        version: current.version,
        comment: args.comment,
        sectionComments: args.sectionComments,
      });
    },
    onSuccess: (next, args) => {
      store(next);
      setReturning(false);
      void message.success(t(`reports.ui.done.${args.step}`));
    },
    onError: failed,
  });

  const setSection = (code: string, text: string) =>
    setDraft((d) => ({ ...d, sections: { ...d.sections, [code]: text } }));
  const setValue = (code: string, text: string) => {
    setDraft((d) => ({ ...d, values: { ...d.values, [code]: text } }));
    setFieldErrors((f) => {
      const { [code]: _, ...rest } = f;
      return rest;
    });
  };

  const comments = report.returnComments;
  const period = report.period;
  const confirm = useConfirmIrreversible();
  const steps = (["submit", "send", "withdraw", "receive", "accept"] as const).filter((s) =>
    report.actions.includes(s),
  );

  return (
    <div>
      <p style={{ marginBottom: 4 }}>
        <Link to="/reports">{t("reports.ui.backToList")}</Link>
      </p>
      <h1 className="page-title">
        {t("reports.ui.reportTitle")} {report.periodLabel[lang]} — {report.unit.name}
      </h1>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "status", label: t("reports.ui.status"), children: <StatusTag status={report.status} /> },
            { key: "deadline", label: t("reports.ui.deadline"), children: formatDate(period.deadline) },
            {
              key: "window",
              label: t("reports.ui.window"),
              children: `${formatDate(period.windowStart)} – ${formatDate(period.windowEnd)}`,
            },
            {
              key: "sent",
              label: t("reports.ui.firstSentAt"),
              children: (
                <>
                  {report.firstSentAt ? formatDateTime(report.firstSentAt) : "—"}{" "}
                  <LateTag late={report.late} />
                </>
              ),
            },
            { key: "revision", label: t("reports.ui.revision"), children: report.revision },
            {
              key: "lock",
              label: t("reports.ui.lockDay"),
              children: `${formatDate(period.lockDay)}${period.locked ? ` · ${t("reports.ui.locked")}` : ""}${
                period.reopenedUntil
                  ? ` · ${t("reports.ui.reopenedUntil", { date: formatDate(period.reopenedUntil) })}`
                  : ""
              }`,
            },
          ]}
        />
        {(steps.length > 0 || report.actions.includes("return") || canEdit) && (
          <Space wrap style={{ marginTop: 12 }}>
            {canEdit && (
              <Button
                type={dirty ? "primary" : "default"}
                onClick={() => save.mutate()}
                loading={save.isPending}
                disabled={!dirty}
              >
                {t("reports.ui.save")}
              </Button>
            )}
            {steps.map((s) => (
              <Button
                key={s}
                type={s === "withdraw" ? "default" : "primary"}
                loading={step.isPending && step.variables?.step === s}
                onClick={async () => {
                  if (s in IRREVERSIBLE_STEPS) {
                    const ok = await confirm({
                      title: t(`reports.ui.confirmStep.${s}.title`, { unit: report.unit.name }),
                      body: t(`reports.ui.confirmStep.${s}.body`, {
                        unit: report.unit.name,
                        period: report.periodLabel[lang],
                      }),
                      action: t(`reports.ui.step.${s}`),
                    });
                    if (!ok) return;
                  }
                  step.mutate({ step: s });
                }}
              >
                {t(`reports.ui.step.${s}`)}
              </Button>
            ))}
            {report.actions.includes("return") && (
              <Button danger onClick={() => setReturning(true)}>
                {t("reports.ui.step.return")}
              </Button>
            )}
          </Space>
        )}
        {dirty && <p style={{ margin: "8px 0 0" }}>{t("reports.ui.unsaved")}</p>}
        {error && <Alert role="alert" style={{ marginTop: 12 }} type="error" showIcon title={error} />}
      </Card>

      {comments && (comments.comment || Object.keys(comments.sections).length > 0) && (
        <Alert
          style={{ marginBottom: 16 }}
          type="warning"
          showIcon
          title={t("reports.ui.returnedTitle")}
          description={comments.comment ?? undefined}
        />
      )}

      {conflict && (
        <MergeCard
          report={report}
          draft={draft}
          conflict={conflict}
          pending={save.isPending}
          onCancel={() => {
            setConflict(null);
            setError(null);
          }}
          onMerged={(merged) => {
            setDraft(merged);
            setBaseVersion(conflict.currentVersion);
            doSave(conflict.currentVersion, merged).then(
              () => void message.success(t("reports.ui.saved")),
              failed,
            );
          }}
        />
      )}

      <Card
        title={<h2 className="card-heading">{t("reports.ui.contentHeading")}</h2>}
        style={{ marginBottom: 16 }}
      >
        {report.form.headings.map((h) => (
          <SectionField
            key={h.code}
            code={h.code}
            title={h.title}
            value={draft.sections[h.code] ?? ""}
            comment={comments?.sections[h.code]}
            editable={canEdit}
            onChange={(text) => setSection(h.code, text)}
          />
        ))}
      </Card>

      <Card
        title={<h2 className="card-heading">{t("reports.ui.indicatorsHeading")}</h2>}
        style={{ marginBottom: 16 }}
      >
        {comments?.sections.values && <SectionComment text={comments.sections.values} />}
        <Table
          rowKey="code"
          pagination={false}
          dataSource={report.form.indicators.filter(
            (ind) => ind.unitTypes.length === 0 || ind.unitTypes.includes(report.unit.type),
          )}
          scroll={{ x: true }}
          columns={[
            {
              title: t("reports.ui.indicator"),
              render: (_, ind) => <span id={`ind-${ind.code}`}>{ind.name}</span>,
            },
            { title: t("reports.ui.unitOfMeasure"), dataIndex: "unit" },
            {
              title: t("reports.ui.value"),
              render: (_, ind) =>
                canEdit ? (
                  <div>
                    <Input
                      aria-labelledby={`ind-${ind.code}`}
                      aria-invalid={fieldErrors[ind.code] ? true : undefined}
                      aria-describedby={fieldErrors[ind.code] ? `ind-${ind.code}-error` : undefined}
                      status={fieldErrors[ind.code] ? "error" : undefined}
                      inputMode="decimal"
                      style={{ width: 160 }}
                      value={draft.values[ind.code] ?? ""}
                      onChange={(e) => setValue(ind.code, e.target.value)}
                    />
                    {fieldErrors[ind.code] && (
                      <div id={`ind-${ind.code}-error`} className="field-error" style={{ color: "#b3261e" }}>
                        {fieldErrors[ind.code]}
                      </div>
                    )}
                  </div>
                ) : (
                  (report.values[ind.code] ?? "—").toLocaleString(lang === "en" ? "en-GB" : "vi-VN")
                ),
            },
          ]}
        />
      </Card>

      <Card
        title={<h2 className="card-heading">{t("reports.ui.escalateHeading")}</h2>}
        style={{ marginBottom: 16 }}
      >
        <SectionField
          code="difficulties"
          title={t("reports.ui.difficulties")}
          value={draft.difficulties}
          comment={comments?.sections.difficulties}
          editable={canEdit}
          onChange={(text) => setDraft((d) => ({ ...d, difficulties: text }))}
        />
        <SectionField
          code="proposals"
          title={t("reports.ui.proposals")}
          value={draft.proposals}
          comment={comments?.sections.proposals}
          editable={canEdit}
          onChange={(text) => setDraft((d) => ({ ...d, proposals: text }))}
        />
      </Card>

      <FilesCard
        report={report}
        onAttached={() => void queryClient.invalidateQueries({ queryKey: reportKeys.detail(report.id) })}
      />
      {report.revisions.length > 0 && <RevisionsCard report={report} />}
      <EventsCard report={report} />

      {returning && (
        <ReturnModal
          report={report}
          pending={step.isPending}
          onCancel={() => setReturning(false)}
          onReturn={(comment, sectionComments) => step.mutate({ step: "return", comment, sectionComments })}
        />
      )}
    </div>
  );
}

function SectionComment({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      style={{ marginBottom: 8 }}
      type="warning"
      title={t("reports.ui.coordinatorComment")}
      description={<span style={{ whiteSpace: "pre-wrap" }}>{text}</span>}
    />
  );
}

function SectionField(props: {
  code: string;
  title: string;
  value: string;
  comment?: string;
  editable: boolean;
  onChange: (text: string) => void;
}) {
  const id = useId();
  const { t } = useTranslation();
  const label =
    props.code === "difficulties" || props.code === "proposals"
      ? props.title
      : `${props.code}. ${props.title}`;
  return (
    <div style={{ marginBottom: 16 }}>
      <label htmlFor={id} style={{ display: "block", fontWeight: 600, marginBottom: 4 }}>
        {label}
      </label>
      {props.comment && <SectionComment text={props.comment} />}
      {props.editable ? (
        <Input.TextArea
          id={id}
          value={props.value}
          autoSize={{ minRows: 3, maxRows: 16 }}
          onChange={(e) => props.onChange(e.target.value)}
        />
      ) : (
        <div id={id} style={{ whiteSpace: "pre-wrap" }}>
          {props.value || <em>{t("reports.ui.emptySection")}</em>}
        </div>
      )}
    </div>
  );
}

/** 409 report_conflict: the stored text beside the user's for each differing part; keep mine / take theirs. */
function MergeCard(props: {
  report: ReportDetail;
  draft: Draft;
  conflict: Conflict;
  pending: boolean;
  onCancel: () => void;
  onMerged: (merged: Draft) => void;
}) {
  const { t } = useTranslation();
  const { report, draft, conflict } = props;
  const theirs = draftOf(conflict.current);
  const [choice, setChoice] = useState<Record<string, "mine" | "theirs">>(() =>
    Object.fromEntries(conflict.differing.map((c) => [c, "mine"])),
  );
  const titleOf = (code: string) => {
    if (code === "values") return t("reports.ui.indicatorsHeading");
    if (code === "difficulties") return t("reports.ui.difficulties");
    if (code === "proposals") return t("reports.ui.proposals");
    const h = report.form.headings.find((x) => x.code === code);
    return h ? `${h.code}. ${h.title}` : code;
  };
  const show = (d: Draft, code: string) => {
    if (code === "values")
      return report.form.indicators
        .map(
          (i) =>
            `${i.name}: ${d.values[i.code] === undefined || d.values[i.code] === "" ? "—" : d.values[i.code]}`,
        )
        .join("\n");
    if (code === "difficulties") return d.difficulties;
    if (code === "proposals") return d.proposals;
    return d.sections[code] ?? "";
  };
  const merge = (): Draft => {
    const out: Draft = { ...theirs, sections: { ...theirs.sections }, values: { ...theirs.values } };
    // Parts the other person did not change keep the user's text.
    for (const code of report.form.headings.map((h) => h.code)) {
      if (!conflict.differing.includes(code) || choice[code] === "mine")
        out.sections[code] = draft.sections[code] ?? "";
    }
    if (!conflict.differing.includes("values") || choice.values === "mine") out.values = { ...draft.values };
    if (!conflict.differing.includes("difficulties") || choice.difficulties === "mine")
      out.difficulties = draft.difficulties;
    if (!conflict.differing.includes("proposals") || choice.proposals === "mine")
      out.proposals = draft.proposals;
    return out;
  };
  return (
    <Card
      style={{ marginBottom: 16, borderColor: "#d48806" }}
      title={<h2 className="card-heading">{t("reports.ui.conflictTitle")}</h2>}
    >
      <p>{t("reports.ui.conflictHelp")}</p>
      {conflict.differing.map((code) => (
        <fieldset key={code} style={{ border: "1px solid #d9d9d9", padding: 12, marginBottom: 12 }}>
          <legend style={{ fontWeight: 600, padding: "0 4px", width: "auto", fontSize: 15, marginBottom: 0 }}>
            {titleOf(code)}
          </legend>
          <div
            style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(260px, 1fr))", gap: 12 }}
          >
            <div>
              <strong>{t("reports.ui.theirs")}</strong>
              <div style={{ whiteSpace: "pre-wrap", background: "#fafafa", padding: 8 }}>
                {show(theirs, code) || "—"}
              </div>
            </div>
            <div>
              <strong>{t("reports.ui.mine")}</strong>
              <div style={{ whiteSpace: "pre-wrap", background: "#fafafa", padding: 8 }}>
                {show(draft, code) || "—"}
              </div>
            </div>
          </div>
          <Radio.Group
            style={{ marginTop: 8 }}
            aria-label={titleOf(code)}
            value={choice[code]}
            onChange={(e) => setChoice((c) => ({ ...c, [code]: e.target.value }))}
            options={[
              { value: "mine", label: t("reports.ui.keepMine") },
              { value: "theirs", label: t("reports.ui.takeTheirs") },
            ]}
          />
        </fieldset>
      ))}
      <Space>
        <Button type="primary" loading={props.pending} onClick={() => props.onMerged(merge())}>
          {t("reports.ui.saveMerged")}
        </Button>
        <Button onClick={props.onCancel}>{t("reports.ui.cancel")}</Button>
      </Space>
    </Card>
  );
}

function ReturnModal(props: {
  report: ReportDetail;
  pending: boolean;
  onCancel: () => void;
  onReturn: (comment: string | undefined, sectionComments: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const [sections, setSections] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState(false);
  const parts = [
    ...props.report.form.headings.map((h) => ({ code: h.code, label: `${h.code}. ${h.title}` })),
    { code: "values", label: t("reports.ui.indicatorsHeading") },
    { code: "difficulties", label: t("reports.ui.difficulties") },
    { code: "proposals", label: t("reports.ui.proposals") },
  ];
  const submit = () => {
    const filled = Object.fromEntries(Object.entries(sections).filter(([, v]) => v.trim() !== ""));
    if (!comment.trim() && Object.keys(filled).length === 0) {
      setMissing(true);
      return;
    }
    props.onReturn(comment.trim() || undefined, filled);
  };
  return (
    <Modal
      open
      title={t("reports.ui.returnTitle")}
      onCancel={props.onCancel}
      onOk={submit}
      okText={t("reports.ui.step.return")}
      cancelText={t("reports.ui.cancel")}
      okButtonProps={{ danger: true, loading: props.pending }}
      width={760}
    >
      <p>{t("reports.ui.returnHelp")}</p>
      <label htmlFor="return-comment" style={{ display: "block", fontWeight: 600 }}>
        {t("reports.ui.generalComment")}
      </label>
      <Input.TextArea
        id="return-comment"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        autoSize={{ minRows: 2 }}
      />
      {parts.map((p) => (
        <div key={p.code} style={{ marginTop: 8 }}>
          <label htmlFor={`return-${p.code}`} style={{ display: "block" }}>
            {t("reports.ui.commentOn", { part: p.label })}
          </label>
          <Input.TextArea
            id={`return-${p.code}`}
            value={sections[p.code] ?? ""}
            onChange={(e) => setSections((s) => ({ ...s, [p.code]: e.target.value }))}
            autoSize={{ minRows: 1 }}
          />
        </div>
      ))}
      {missing && (
        <Alert
          role="alert"
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          title={t("reports.ui.commentRequired")}
        />
      )}
    </Modal>
  );
}

function FilesCard({ report, onAttached }: { report: ReportDetail; onAttached: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const attach = useMutation({
    mutationFn: (file: File) => attachScan(report.id, file),
    onSuccess: () => {
      setError(null);
      onAttached();
    },
    onError: (e) => setError(e.message),
  });
  if (report.files.length === 0 && !report.actions.includes("attach")) return null;
  return (
    <Card
      title={<h2 className="card-heading">{t("reports.ui.filesHeading")}</h2>}
      style={{ marginBottom: 16 }}
    >
      <ul>
        {report.files.map((f) => (
          <li key={f.id}>
            <Button
              type="link"
              icon={<DownloadOutlined aria-hidden />}
              onClick={() =>
                downloadScan(report.id, f.id, f.filename).catch((e: Error) => setError(e.message))
              }
            >
              {f.filename}
            </Button>{" "}
            ({t("reports.ui.revision")} {f.revision}, {formatDateTime(f.createdAt)})
          </li>
        ))}
      </ul>
      {report.actions.includes("attach") && (
        <>
          <input
            ref={input}
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            aria-label={t("reports.ui.attach")}
            style={{ display: "none" }}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) attach.mutate(file);
              e.target.value = "";
            }}
          />
          <Button
            icon={<UploadOutlined aria-hidden />}
            loading={attach.isPending}
            onClick={() => input.current?.click()}
          >
            {t("reports.ui.attach")}
          </Button>
          <p style={{ marginTop: 4 }}>{t("reports.ui.attachHelp")}</p>
        </>
      )}
      {error && <Alert role="alert" type="error" showIcon title={error} />}
    </Card>
  );
}

function RevisionsCard({ report }: { report: ReportDetail }) {
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

function EventsCard({ report }: { report: ReportDetail }) {
  const { t, i18n } = useTranslation();
  const statusName = (s: string | null) => (s ? t(`reports.status.${s}`) : "—");
  return (
    <Card title={<h2 className="card-heading">{t("reports.ui.eventsHeading")}</h2>}>
      <Timeline
        items={[...report.events].reverse().map((e) => ({
          key: e.id,
          content: (
            <div>
              <strong>
                {i18n.exists(`reports.ui.event.${e.action}`) ? t(`reports.ui.event.${e.action}`) : e.action}
              </strong>{" "}
              · {e.actor} · {formatDateTime(e.at)}
              {e.statusFrom !== e.statusTo && (
                <div>
                  {statusName(e.statusFrom)} → {statusName(e.statusTo)}
                </div>
              )}
              {e.comment && <div style={{ whiteSpace: "pre-wrap" }}>{e.comment}</div>}
              {Object.entries(e.sectionComments).map(([code, text]) => (
                <div key={code} style={{ whiteSpace: "pre-wrap" }}>
                  <em>{code}</em>: {text}
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DraftSection } from "../../../../common/schemas/consolidation.ts";
import { ApiError } from "../../api/client.ts";
import { useConfirmIrreversible } from "../../components/confirmIrreversible.tsx";
import { DateField } from "../../components/DateField.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate } from "../../lib/dates.ts";
import {
  type Consolidation,
  consolidationKeys,
  consolidationQuery,
  downloadFile,
  draftConsolidation,
  editDocument,
  editSection,
  FILES,
  finaliseConsolidation,
} from "./api.ts";

/** One consolidated report: its counts, its sections to edit, the document fields, finalising, files. */
export default function ConsolidationPage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/app/reporting/consolidations/$id" });
  const report = useQuery(consolidationQuery(id));
  usePageTitle(
    report.data
      ? `${t("consolidation.title")} — ${report.data.draft.period.label}`
      : t("consolidation.title"),
  );
  if (report.isError) return <Alert type="error" showIcon title={report.error.message} />;
  if (!report.data) return null;
  return <ReportView report={report.data} />;
}

function ReportView({ report }: { report: Consolidation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const store = (next: Consolidation) => queryClient.setQueryData(consolidationKeys.detail(report.id), next);
  const refresh = useMutation({
    mutationFn: () => draftConsolidation({ planId: report.planId, periodKey: report.periodKey }),
    onSuccess: (next) => {
      store(next);
      void message.success(t("consolidation.refreshed"));
    },
  });
  const finalise = useMutation({
    mutationFn: () => finaliseConsolidation(report.id, report.version),
    onSuccess: (next) => {
      store(next);
      void queryClient.invalidateQueries({ queryKey: consolidationKeys.all });
    },
  });
  const confirm = useConfirmIrreversible();
  const [fileError, setFileError] = useState<string | null>(null);
  const [finaliseBlocked, setFinaliseBlocked] = useState(false);
  const missingDirections = report.draft.sections.some(
    (s) => s.kind === "directions" && s.text.trim() === "",
  );
  const { counts, period } = report.draft;
  const final = report.status === "final";
  return (
    <div>
      <p>
        <Link to="/reporting/consolidations">{t("consolidation.back")}</Link>
      </p>
      <h1 className="page-title">
        {t("consolidation.reportOf", { period: period.label })}{" "}
        <Tag color={final ? "green" : "blue"}>{t(`consolidation.statusName.${report.status}`)}</Tag>
      </h1>
      <p className="page-lead">{report.draft.plan.title}</p>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: "accepted",
              label: t("consolidation.accepted"),
              children: `${counts.accepted}/${counts.expected}`,
            },
            { key: "late", label: t("consolidation.late"), children: counts.late },
            { key: "missing", label: t("consolidation.missing"), children: counts.missing },
            { key: "deadline", label: t("consolidation.deadline"), children: formatDate(period.deadline) },
            { key: "version", label: t("consolidation.version"), children: report.version },
            ...(final
              ? [
                  {
                    key: "final",
                    label: t("consolidation.finalisedAt"),
                    children: `${formatDate(report.finalisedAt)} — ${report.finalisedBy ?? ""}`,
                  },
                ]
              : []),
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          {FILES.filter((file) => file !== "report.pdf" || report.actions.pdf).map((file) => (
            <Button
              key={file}
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => {
                setFileError(null);
                downloadFile(report.id, file).catch((error: Error) => setFileError(error.message));
              }}
            >
              {t(`consolidation.file.${file.replace(".", "_")}`)}
            </Button>
          ))}
          {report.actions.edit && (
            <Button loading={refresh.isPending} onClick={() => refresh.mutate()}>
              {t("consolidation.refresh")}
            </Button>
          )}
          {report.actions.finalise && (
            <Button
              type="primary"
              loading={finalise.isPending}
              onClick={async () => {
                // What the server would refuse is said at once, without asking to confirm first.
                if (missingDirections) {
                  setFinaliseBlocked(true);
                  return;
                }
                setFinaliseBlocked(false);
                const ok = await confirm({
                  title: t("consolidation.confirmFinalise.title", { period: period.label }),
                  body: t("consolidation.confirmFinalise.body", {
                    period: period.label,
                    version: report.version,
                  }),
                  action: t("consolidation.finalise"),
                });
                if (ok) finalise.mutate();
              }}
            >
              {t("consolidation.finalise")}
            </Button>
          )}
        </Space>
        {!report.actions.pdf && <p style={{ marginTop: 8, marginBottom: 0 }}>{t("consolidation.noPdf")}</p>}
        {fileError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={fileError} />}
        {refresh.isError && (
          <Alert style={{ marginTop: 12 }} type="error" showIcon title={refresh.error.message} />
        )}
        {finaliseBlocked && missingDirections && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            title={t("consolidation.directionsMissing")}
          />
        )}
        {finalise.isError && (
          <Alert style={{ marginTop: 12 }} type="error" showIcon title={finalise.error.message} />
        )}
      </Card>
      {report.actions.edit && <DocumentFieldsCard report={report} onSaved={store} />}
      {report.draft.sections.map((section) => (
        <SectionCard key={section.key} report={report} section={section} onSaved={store} />
      ))}
    </div>
  );
}

function DocumentFieldsCard({
  report,
  onSaved,
}: {
  report: Consolidation;
  onSaved: (next: Consolidation) => void;
}) {
  const { t } = useTranslation();
  const save = useMutation({
    mutationFn: (values: { number?: string; date?: string | null; signerName?: string }) =>
      editDocument(report.id, {
        version: report.version,
        number: values.number?.trim() || null,
        date: values.date ?? null,
        signerName: values.signerName?.trim() || null,
      }),
    onSuccess: onSaved,
  });
  return (
    <Card title={t("consolidation.documentFields")} style={{ marginBottom: 16 }}>
      <Form
        layout="vertical"
        initialValues={{
          number: report.document.number ?? "",
          date: report.document.date,
          signerName: report.document.signerName ?? "",
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Space wrap align="end">
          <Form.Item name="number" label={t("consolidation.number")} extra={t("consolidation.numberHelp")}>
            <Input style={{ width: 200 }} placeholder="…/BC-UBND" maxLength={60} />
          </Form.Item>
          <Form.Item name="date" label={t("consolidation.date")}>
            <DateField aria-label={t("consolidation.date")} />
          </Form.Item>
          <Form.Item name="signerName" label={t("consolidation.signerName")}>
            <Input style={{ width: 240 }} maxLength={120} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={save.isPending}>
              {t("consolidation.saveFields")}
            </Button>
          </Form.Item>
        </Space>
      </Form>
      {save.isError && <Alert type="error" showIcon title={save.error.message} />}
    </Card>
  );
}

function SectionCard({
  report,
  section,
  onSaved,
}: {
  report: Consolidation;
  section: DraftSection;
  onSaved: (next: Consolidation) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: string) =>
      editSection(report.id, section.key, { version: report.version, text: value }),
    onSuccess: (next) => {
      setText(null);
      onSaved(next);
    },
  });
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const title = section.title || t("consolidation.introTitle");
  return (
    <Card
      style={{ marginBottom: 12 }}
      title={title}
      extra={
        <Space>
          {section.edited && <Tag color="purple">{t("consolidation.edited")}</Tag>}
          {report.actions.edit && text === null && (
            <Button
              size="small"
              onClick={() => setText(section.text)}
              aria-label={t("consolidation.editSection", { title })}
            >
              {t("consolidation.edit")}
            </Button>
          )}
        </Space>
      }
    >
      {section.sourceChanged && (
        <Alert style={{ marginBottom: 8 }} type="warning" showIcon title={t("consolidation.sourceChanged")} />
      )}
      {text === null ? (
        section.text ? (
          // The report is the province's document, in Vietnamese whatever the interface's language:
          // marked so, it is read as Vietnamese (and not taken for an untranslated message).
          <div lang="vi" style={{ whiteSpace: "pre-wrap" }}>
            {section.text}
          </div>
        ) : (
          <em>
            {section.kind === "directions" ? t("consolidation.directionsEmpty") : t("consolidation.empty")}
          </em>
        )
      ) : (
        <>
          <Input.TextArea
            aria-label={title}
            lang="vi"
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoSize={{ minRows: 4, maxRows: 24 }}
          />
          <p style={{ margin: "4px 0 8px" }}>{t("consolidation.textHelp")}</p>
          {save.isError && (
            <Alert
              style={{ marginBottom: 8 }}
              type={conflict ? "warning" : "error"}
              showIcon
              title={save.error.message}
              action={
                conflict ? (
                  <Button
                    size="small"
                    onClick={() => {
                      save.reset();
                      void queryClient.invalidateQueries({ queryKey: consolidationKeys.detail(report.id) });
                    }}
                  >
                    {t("consolidation.reload")}
                  </Button>
                ) : undefined
              }
            />
          )}
          <Space>
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate(text)}>
              {t("consolidation.save")}
            </Button>
            <Button
              onClick={() => {
                setText(null);
                save.reset();
              }}
            >
              {t("consolidation.cancel")}
            </Button>
          </Space>
        </>
      )}
    </Card>
  );
}

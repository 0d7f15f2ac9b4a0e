import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Alert, App } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { type ReportDetail, reportKeys, reportQuery, type Step, saveReport, stepReport } from "./api.ts";
import { EventsCard } from "./EventsCard.tsx";
import { FilesCard } from "./FilesCard.tsx";
import { MergeCard } from "./MergeCard.tsx";
import { ReportForm } from "./ReportForm.tsx";
import { ReportSummary } from "./ReportSummary.tsx";
import { ReturnModal } from "./ReturnModal.tsx";
import { RevisionsCard } from "./RevisionsCard.tsx";
import { bodyOf, type Conflict, type Draft, draftOf, type Stored, sameDraft } from "./reportDraft.ts";

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

  const setText = (part: "difficulties" | "proposals", text: string) =>
    setDraft((d) => ({ ...d, [part]: text }));

  const comments = report.returnComments;

  return (
    <div>
      <p style={{ marginBottom: 4 }}>
        <Link to="/reports">{t("reports.ui.backToList")}</Link>
      </p>
      <h1 className="page-title">
        {t("reports.ui.reportTitle")} {report.periodLabel[lang]} — {report.unit.name}
      </h1>
      <ReportSummary
        report={report}
        dirty={dirty}
        saving={save.isPending}
        pendingStep={step.isPending ? step.variables?.step : undefined}
        error={error}
        onSave={() => save.mutate()}
        onStep={(s) => step.mutate({ step: s })}
        onReturn={() => setReturning(true)}
      />

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

      <ReportForm
        report={report}
        draft={draft}
        fieldErrors={fieldErrors}
        onSection={setSection}
        onValue={setValue}
        onText={setText}
      />

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

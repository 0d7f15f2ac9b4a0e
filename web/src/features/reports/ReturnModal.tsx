import { Alert, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportDetail } from "./api.ts";

/** Returning a report: a general comment and one per part, at least one of them written. */
export function ReturnModal(props: {
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

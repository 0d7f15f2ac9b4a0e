import { Alert, Button, Card, Descriptions, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useConfirmIrreversible } from "../../components/confirmIrreversible.tsx";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import type { ReportDetail, Step } from "./api.ts";
import { LateTag, StatusTag } from "./status.tsx";

/** Steps that cannot be taken back, asked about first: a sent report cannot be withdrawn, an accepted one is final. */
const IRREVERSIBLE_STEPS = { send: true, accept: true } as const;

/** The report's status, period and dates, with the steps the server allows and the last error. */
export function ReportSummary(props: {
  report: ReportDetail;
  dirty: boolean;
  saving: boolean;
  /** The step being taken, while it is. */
  pendingStep: Step | undefined;
  error: string | null;
  onSave: () => void;
  onStep: (step: Step) => void;
  onReturn: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { report, dirty, error } = props;
  const lang = i18n.language === "en" ? "en" : "vi";
  const canEdit = report.actions.includes("edit");
  const period = report.period;
  const confirm = useConfirmIrreversible();
  const steps = (["submit", "send", "withdraw", "receive", "accept"] as const).filter((s) =>
    report.actions.includes(s),
  );

  return (
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
                {report.firstSentAt ? formatDateTime(report.firstSentAt) : "—"} <LateTag late={report.late} />
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
              onClick={props.onSave}
              loading={props.saving}
              disabled={!dirty}
            >
              {t("reports.ui.save")}
            </Button>
          )}
          {steps.map((s) => (
            <Button
              key={s}
              type={s === "withdraw" ? "default" : "primary"}
              loading={props.pendingStep === s}
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
                props.onStep(s);
              }}
            >
              {t(`reports.ui.step.${s}`)}
            </Button>
          ))}
          {report.actions.includes("return") && (
            <Button danger onClick={props.onReturn}>
              {t("reports.ui.step.return")}
            </Button>
          )}
        </Space>
      )}
      {dirty && <p style={{ margin: "8px 0 0" }}>{t("reports.ui.unsaved")}</p>}
      {error && <Alert role="alert" style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </Card>
  );
}

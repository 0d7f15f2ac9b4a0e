import { Alert, Card, Input, Table } from "antd";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ReportDetail } from "./api.ts";
import type { Draft } from "./reportDraft.ts";

/** The report's content: its sections, the indicators' values, difficulties and proposals. */
export function ReportForm(props: {
  report: ReportDetail;
  draft: Draft;
  /** The server's message for an indicator's value, by indicator code. */
  fieldErrors: Record<string, string>;
  onSection: (code: string, text: string) => void;
  onValue: (code: string, text: string) => void;
  onText: (part: "difficulties" | "proposals", text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { report, draft, fieldErrors } = props;
  const lang = i18n.language === "en" ? "en" : "vi";
  const canEdit = report.actions.includes("edit");
  const comments = report.returnComments;

  return (
    <>
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
            onChange={(text) => props.onSection(h.code, text)}
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
                      onChange={(e) => props.onValue(ind.code, e.target.value)}
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
          onChange={(text) => props.onText("difficulties", text)}
        />
        <SectionField
          code="proposals"
          title={t("reports.ui.proposals")}
          value={draft.proposals}
          comment={comments?.sections.proposals}
          editable={canEdit}
          onChange={(text) => props.onText("proposals", text)}
        />
      </Card>
    </>
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

import { Button, Card, Radio, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportDetail } from "./api.ts";
import { type Conflict, type Draft, draftOf } from "./reportDraft.ts";

/** 409 report_conflict: the stored text beside the user's for each differing part; keep mine / take theirs. */
export function MergeCard(props: {
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

import { Alert, Checkbox, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { SplitItem } from "../../../../common/schemas/restructure.ts";
import type { EventOutcome } from "./api.ts";
import type { MappingChoice } from "./eventForm.ts";

/** A split's open assignments: where each goes among the successors (proposed, then confirmed). */
export function SplitMapping({
  split,
  choice,
  onChange,
}: {
  split: EventOutcome["splits"][number];
  choice: MappingChoice;
  onChange: (assignmentId: string, refs: string[]) => void;
}) {
  const { t } = useTranslation();
  const options = split.successors.map((s) => ({ value: s.ref ?? "", label: s.name, disabled: !s.ref }));
  return (
    <section className="rs-outcome-section" aria-labelledby={`rs-split-${split.changeIndex}`}>
      <h3 id={`rs-split-${split.changeIndex}`} className="rs-h3">
        {t("restructuring.splitTitle", { unit: split.from.name, count: split.items.length })}
      </h3>
      <p className="rs-muted">{t("restructuring.splitHelp")}</p>
      {split.successors.some((s) => !s.ref) && (
        <Alert
          type="warning"
          showIcon
          title={t("restructuring.successorNoKey")}
          style={{ marginBottom: 8 }}
        />
      )}
      <Table<SplitItem>
        rowKey="assignmentId"
        size="small"
        dataSource={split.items}
        pagination={split.items.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 760 }}
        columns={[
          {
            title: t("restructuring.task"),
            key: "task",
            render: (_, item) => (
              <>
                <strong>{item.code}</strong>{" "}
                {item.label.length > 140 ? `${item.label.slice(0, 137)}…` : item.label}
                <div className="rs-muted">
                  {item.planTitle.length > 80 ? `${item.planTitle.slice(0, 77)}…` : item.planTitle} ·{" "}
                  {t(`assignments.role.${item.role}`, { defaultValue: item.role })}
                  {item.occurrence !== "once" ? ` · ${item.occurrence}` : ""} ·{" "}
                  {t(`assignments.state.${item.status}`, { defaultValue: item.status })}
                </div>
              </>
            ),
          },
          {
            title: t("restructuring.proposal"),
            key: "reason",
            width: 150,
            render: (_, item) => <Tag>{t(`restructuring.reason.${item.reason}`)}</Tag>,
          },
          {
            title: t("restructuring.goesTo"),
            key: "to",
            width: 300,
            render: (_, item) => (
              <Checkbox.Group
                aria-label={t("restructuring.goesToFor", { code: item.code })}
                options={options}
                value={choice[item.assignmentId] ?? []}
                onChange={(refs) => onChange(item.assignmentId, refs as string[])}
                className="rs-targets"
              />
            ),
          },
        ]}
      />
    </section>
  );
}

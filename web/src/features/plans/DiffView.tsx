import { useQuery } from "@tanstack/react-query";
import { Alert, Empty, Skeleton, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Actors, Due } from "../../../../common/plan-tree.ts";
import { planDiffQuery, type VersionRef } from "./api.ts";
import { ACTOR_ROLES } from "./format.ts";

type Row = {
  key: string;
  code: string;
  change: "added" | "removed" | "changed";
  field: string;
  before: string;
  after: string;
};

function show(field: string, value: unknown, t: (k: string) => string): string {
  if (value === null || value === undefined) return "";
  if (field === "actors") {
    const a = value as Actors;
    return ACTOR_ROLES.filter((r) => a[r]?.length)
      .map((r) => `${t(`plans.actor.${r}`)}: ${a[r].join(", ")}`)
      .join("\n");
  }
  if (field === "due") return (value as Due).text;
  if (field === "kind") return t(`plans.kind.${String(value)}`);
  return typeof value === "string" ? value : JSON.stringify(value);
}

const CHANGE_COLORS = { added: "green", removed: "red", changed: "blue" } as const;

/** Items compared by code: what was added, removed, and each changed field's before and after. */
export function DiffView({ planId, a, b }: { planId: string; a: VersionRef; b: VersionRef }) {
  const { t } = useTranslation();
  const diff = useQuery(planDiffQuery(planId, a, b));
  const tr = (k: string) => t(k);
  if (diff.isPending) return <Skeleton active style={{ marginTop: 16 }} />;
  if (diff.isError)
    return <Alert style={{ marginTop: 16 }} type="error" showIcon title={diff.error.message} />;
  const d = diff.data;
  const rows: Row[] = [
    ...d.added.map((i) => ({
      key: `+${i.code}`,
      code: i.code,
      change: "added" as const,
      field: "text",
      before: "",
      after: i.title ?? i.text,
    })),
    ...d.removed.map((i) => ({
      key: `-${i.code}`,
      code: i.code,
      change: "removed" as const,
      field: "text",
      before: i.title ?? i.text,
      after: "",
    })),
    ...d.changed.flatMap((c) =>
      c.changes.map((f) => ({
        key: `~${c.code}.${f.field}`,
        code: c.code,
        change: "changed" as const,
        field: f.field,
        before: show(f.field, f.before, tr),
        after: show(f.field, f.after, tr),
      })),
    ),
    ...d.document.map((f) => ({
      key: `doc.${f.field}`,
      code: t("plans.documentField"),
      change: "changed" as const,
      field: f.field,
      before: show(f.field, f.before, tr),
      after: show(f.field, f.after, tr),
    })),
  ];
  return (
    <div style={{ marginTop: 16 }}>
      <p role="status">
        {t("plans.diffSummary", {
          added: d.added.length,
          removed: d.removed.length,
          changed: d.changed.length,
        })}
      </p>
      {rows.length === 0 ? (
        <Empty description={t("plans.noDifference")} />
      ) : (
        <Table<Row>
          size="small"
          rowKey="key"
          dataSource={rows}
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          columns={[
            { title: t("plans.code"), dataIndex: "code", width: 110 },
            {
              title: t("plans.change"),
              dataIndex: "change",
              width: 110,
              render: (c: Row["change"]) => <Tag color={CHANGE_COLORS[c]}>{t(`plans.changeKind.${c}`)}</Tag>,
            },
            {
              title: t("conflict.field"),
              dataIndex: "field",
              width: 110,
              render: (f: string) => t(`plans.field.${f}`, { defaultValue: f }),
            },
            {
              title: t("plans.before"),
              dataIndex: "before",
              render: (v: string) => <span className="plans-pre">{v || "—"}</span>,
            },
            {
              title: t("plans.after"),
              dataIndex: "after",
              render: (v: string) => <span className="plans-pre">{v || "—"}</span>,
            },
          ]}
        />
      )}
    </div>
  );
}

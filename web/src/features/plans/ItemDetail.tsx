import { EditOutlined, MergeCellsOutlined, ScissorOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert, App, Button, Descriptions, Popconfirm, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, isConflict } from "../../api/client.ts";
import { ConflictNotice, type ConflictView } from "../../components/ConflictNotice.tsx";
import { mergeItem, planDetailQuery, planKeys, splitItem, type VersionRef } from "./api.ts";
import { ACTOR_ROLES, formatPartialDate, nextSibling } from "./format.ts";
import { ItemEditForm } from "./ItemEditForm.tsx";
import { KIND_COLORS } from "./ItemTree.tsx";
import { LinkParentTask } from "./LinkParentTask.tsx";
import type { PlanItem } from "./planEnums.ts";
import { type SplitAt, SplitModal } from "./SplitModal.tsx";

type Props = {
  planId: string;
  revision: number;
  version: VersionRef | "default";
  item: PlanItem;
  items: PlanItem[];
  editable: boolean;
  mentions: string[];
};

type Op = { kind: "split"; at: SplitAt } | { kind: "merge" };

/** The selected item in full, and for editors the edit, split and merge actions. */
export function ItemDetail({ planId, revision, version, item, items, editable, mentions }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [splitting, setSplitting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<(ConflictView & { op: Op }) | null>(null);
  const next = nextSibling(items, item.code);

  const describeOp = (op: Op) =>
    op.kind === "merge"
      ? t("plans.mergeWith", { code: item.code, next: next?.code ?? "" })
      : "atParagraph" in op.at
        ? t("plans.splitAtParagraph", { code: item.code, n: op.at.atParagraph + 1 })
        : t("plans.splitAtOffset", { code: item.code, n: op.at.atOffset });

  async function run(op: Op, rev = revision) {
    setBusy(true);
    setError(null);
    try {
      const result =
        op.kind === "merge"
          ? await mergeItem(planId, item.code, rev)
          : await splitItem(planId, item.code, { revision: rev, ...op.at });
      await queryClient.invalidateQueries({ queryKey: planKeys.plan(planId) });
      setConflict(null);
      setSplitting(false);
      message.success(
        op.kind === "merge"
          ? t("plans.merged", { code: item.code })
          : t("plans.split", { code: item.code, added: result.items[1]?.code ?? "" }),
      );
    } catch (e) {
      if (isConflict(e)) {
        setSplitting(false);
        await queryClient.invalidateQueries({ queryKey: planKeys.plan(planId) });
        await queryClient.fetchQuery({ ...planDetailQuery(planId), staleTime: 0 });
        setConflict({
          op,
          message: e.message,
          rows: [
            {
              field: "op",
              label: t("plans.operation"),
              mine: describeOp(op),
              theirs: "",
              otherChanged: true,
            },
          ],
        });
      } else {
        setError(e instanceof ApiError ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  }

  const headingId = "plan-item-heading";
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="plans-subheading">
        <span className="plans-code">{item.code}</span>{" "}
        <Tag color={KIND_COLORS[item.kind]}>{t(`plans.kind.${item.kind}`)}</Tag>
        {item.title && <span>{item.title}</span>}
      </h2>
      {conflict && (
        <ConflictNotice
          conflict={conflict}
          busy={busy}
          onReapply={() => {
            const fresh = queryClient.getQueryData(planDetailQuery(planId).queryKey)?.revision ?? revision;
            void run(conflict.op, fresh);
          }}
          onTakeTheirs={() => setConflict(null)}
        />
      )}
      {error && (
        <Alert
          role="alert"
          style={{ marginBottom: 12 }}
          type="error"
          showIcon
          title={error}
          closable={{ onClose: () => setError(null), "aria-label": t("common.close") }}
        />
      )}
      {editing ? (
        <ItemEditForm
          key={`${item.code}-${revision}`}
          planId={planId}
          revision={revision}
          version={version}
          item={item}
          mentions={mentions}
          onDone={() => setEditing(false)}
        />
      ) : (
        <>
          {editable && (
            <Space wrap style={{ marginBottom: 12 }}>
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
                {t("plans.editItem")}
              </Button>
              <Button
                icon={<ScissorOutlined aria-hidden />}
                onClick={() => setSplitting(true)}
                disabled={busy}
              >
                {t("plans.splitItem")}
              </Button>
              <Popconfirm
                title={t("plans.mergeConfirm", { code: item.code, next: next?.code ?? "" })}
                okText={t("plans.mergeItem")}
                cancelText={t("common.cancel")}
                onConfirm={() => run({ kind: "merge" })}
                disabled={!next}
              >
                <Button icon={<MergeCellsOutlined aria-hidden />} disabled={!next || busy} loading={busy}>
                  {next ? t("plans.mergeWithNext", { code: next.code }) : t("plans.mergeItem")}
                </Button>
              </Popconfirm>
            </Space>
          )}
          {item.kind === "task" && version !== "working" && (
            <p>
              <Link to="/plans/$id/tasks/$code" params={{ id: planId, code: item.code }}>
                {t("assignments.openTaskPage")}
              </Link>
            </p>
          )}
          {item.kind === "task" && <LinkParentTask planId={planId} code={item.code} />}
          <div className="plans-item-text">
            {item.text.split("\n").map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity beyond their place
              <p key={i}>{p}</p>
            ))}
          </div>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              ...ACTOR_ROLES.map((role) => ({
                key: role,
                label: t(`plans.actor.${role}`),
                children: item.actors[role].length ? (
                  <Space wrap size={[4, 4]}>
                    {item.actors[role].map((m) => (
                      <Tag key={m}>{m}</Tag>
                    ))}
                  </Space>
                ) : (
                  "—"
                ),
              })),
              {
                key: "due",
                label: t("plans.field.due"),
                children: item.due
                  ? [
                      item.due.text,
                      item.due.recurrence ? t(`plans.recurrence.${item.due.recurrence}`) : null,
                      item.due.date ? formatPartialDate(item.due.date) : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")
                  : "—",
              },
              ...(item.product
                ? [{ key: "product", label: t("plans.product"), children: item.product }]
                : []),
              ...(item.source
                ? [
                    {
                      key: "lines",
                      label: t("plans.sourceLines"),
                      children: t("plans.linesRange", {
                        from: item.source.lines[0],
                        to: item.source.lines[1],
                      }),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
      {splitting && (
        <SplitModal
          item={item}
          busy={busy}
          onCancel={() => setSplitting(false)}
          onSplit={(at) => run({ kind: "split", at })}
        />
      )}
    </section>
  );
}

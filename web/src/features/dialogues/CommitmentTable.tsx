import { Link } from "@tanstack/react-router";
import { Button, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/dates.ts";
import type { Commitment } from "./api.ts";
import { STATE_COLORS } from "./format.ts";

type Props = {
  items: Commitment[];
  loading?: boolean;
  showDialogue?: boolean;
  onClose: (c: Commitment) => void;
  onReopen: (c: Commitment) => void;
};

export function CommitmentTable({ items, loading, showDialogue, onClose, onReopen }: Props) {
  const { t } = useTranslation();
  return (
    <Table<Commitment>
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 900 }}
      locale={{ emptyText: t("dialogues.noCommitments") }}
      columns={[
        { title: t("dialogues.fields.commitment"), dataIndex: "text" },
        ...(showDialogue
          ? [
              {
                title: t("dialogues.dialogue"),
                key: "dialogue",
                width: 220,
                render: (_: unknown, row: Commitment) => (
                  <Link to="/dialogues/$id" params={{ id: row.dialogueId }}>
                    {row.dialogueTitle}
                  </Link>
                ),
              },
            ]
          : []),
        {
          title: t("dialogues.fields.owner"),
          key: "owner",
          width: 200,
          render: (_, row) => row.ownerUnit.name,
        },
        { title: t("dialogues.fields.dueDate"), dataIndex: "dueDate", width: 110, render: formatDate },
        {
          title: t("dialogues.fields.state"),
          dataIndex: "state",
          width: 120,
          render: (s: string) => <Tag color={STATE_COLORS[s]}>{t(`dialogues.stateName.${s}`)}</Tag>,
        },
        {
          title: t("dialogues.fields.closingNote"),
          key: "note",
          width: 220,
          render: (_, row) => (row.closingNote ? `${row.closingNote} (${formatDate(row.closedAt)})` : ""),
        },
        {
          title: t("dialogues.actions"),
          key: "actions",
          width: 130,
          render: (_, row) => (
            <Space>
              {row.actions.includes("close") && (
                <Button size="small" onClick={() => onClose(row)}>
                  {t("dialogues.close")}
                </Button>
              )}
              {row.actions.includes("reopen") && (
                <Button size="small" onClick={() => onReopen(row)}>
                  {t("dialogues.reopen")}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

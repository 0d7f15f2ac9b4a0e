import { Alert, Button, Space, Table } from "antd";
import { useTranslation } from "react-i18next";

export type ConflictView = {
  message: string;
  rows: { field: string; label: string; mine: string; theirs: string; otherChanged: boolean }[];
};

type Props = { conflict: ConflictView; onReapply: () => void; onTakeTheirs: () => void; busy?: boolean };

/**
 * Someone saved the same record first. Both versions are shown side by side; the user
 * chooses to apply their change again on top of the new version or to keep the new one.
 */
export function ConflictNotice({ conflict, onReapply, onTakeTheirs, busy }: Props) {
  const { t } = useTranslation();
  return (
    <div style={{ marginBottom: 16 }}>
      <Alert
        type="warning"
        showIcon
        title={conflict.message}
        description={
          <>
            <p style={{ margin: "4px 0 8px" }}>{t("conflict.explain")}</p>
            <Table
              size="small"
              pagination={false}
              rowKey="field"
              dataSource={conflict.rows}
              scroll={{ x: true }}
              columns={[
                { title: t("conflict.field"), dataIndex: "label" },
                { title: t("conflict.mine"), dataIndex: "mine", render: (v: string) => v || "—" },
                {
                  title: t("conflict.theirs"),
                  dataIndex: "theirs",
                  render: (v: string, row) => (
                    <>
                      {v || "—"}
                      {row.otherChanged && <strong> ({t("conflict.changedByOther")})</strong>}
                    </>
                  ),
                },
              ]}
            />
            <Space wrap style={{ marginTop: 12 }}>
              <Button type="primary" onClick={onReapply} loading={busy}>
                {t("conflict.reapply")}
              </Button>
              <Button onClick={onTakeTheirs} disabled={busy}>
                {t("conflict.takeTheirs")}
              </Button>
            </Space>
          </>
        }
      />
    </div>
  );
}

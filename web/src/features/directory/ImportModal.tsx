import { UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Modal, Space, Table, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportResult } from "../../../../common/schemas/units.ts";
import { ApiError } from "../../api/client.ts";
import { importUnits, unitKeys } from "./api.ts";

/** Import runs twice: a dry run that lists every problem, then the real import once confirmed. */
export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await importUnits(file, dryRun);
      setResult(r);
      if (!dryRun) {
        await queryClient.invalidateQueries({ queryKey: unitKeys.all });
        message.success(t("import.done", { created: r.created, updated: r.updated }));
        onClose();
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const canConfirm =
    !!result && result.dryRun && result.errors.length === 0 && result.created + result.updated > 0;

  return (
    <Modal
      open
      title={t("import.title")}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button onClick={() => run(true)} disabled={!file} loading={busy && !result}>
            {t("import.check")}
          </Button>
          <Button type="primary" onClick={() => run(false)} disabled={!canConfirm} loading={busy && !!result}>
            {t("import.confirm")}
          </Button>
        </Space>
      }
    >
      <p>{t("import.help")}</p>
      <Upload
        accept=".csv,.xlsx"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setResult(null);
          return false; // keep the file here; it is sent by the buttons below
        }}
        onRemove={() => {
          setFile(null);
          setResult(null);
        }}
      >
        <Button icon={<UploadOutlined aria-hidden />}>{t("import.pick")}</Button>
      </Upload>
      {error && <Alert style={{ marginTop: 16 }} type="error" showIcon title={error} />}
      {result && (
        <div role="status" style={{ marginTop: 16 }}>
          <Alert
            type={result.errors.length ? "warning" : "success"}
            showIcon
            title={t("import.summary", {
              created: result.created,
              updated: result.updated,
              unchanged: result.unchanged,
              errors: result.errors.length,
            })}
          />
        </div>
      )}
      {result && result.errors.length > 0 && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(r) => `${r.row}-${r.field}-${r.message}`}
          dataSource={result.errors}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t("import.row"), dataIndex: "row", width: 80 },
            {
              title: t("import.field"),
              dataIndex: "field",
              width: 140,
              render: (v: string | null) => v ?? "—",
            },
            { title: t("import.message"), dataIndex: "message" },
          ]}
        />
      )}
    </Modal>
  );
}

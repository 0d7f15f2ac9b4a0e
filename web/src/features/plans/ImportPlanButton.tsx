import { UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Alert, App, Button, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { importPlan, planKeys } from "./api.ts";

/**
 * Sends the chosen file at once: the server parses it and answers with the new draft, whose
 * review screen opens next. A refusal (empty file, scanned PDF …) is shown in the server's words.
 */
export function ImportPlanButton({
  target,
  label,
  hint,
}: {
  /** A unit's own plan under a published parent plan (kế hoạch cụ thể). */
  target?: { parent: string; unit: string | null };
  label?: string;
  hint?: string;
} = {}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(file: File) {
    setBusy(true);
    setError(null);
    try {
      const { plan } = await importPlan(
        file,
        target?.unit ? { parent: target.parent, unit: target.unit } : undefined,
      );
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      message.success(t("plans.imported", { title: plan.title }));
      await navigate({ to: "/plans/$id", params: { id: plan.id } });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <Upload
        accept=".txt,.docx,.pdf"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          void send(file);
          return false; // sent by send(), not by antd's own request
        }}
      >
        <Button
          type="primary"
          icon={<UploadOutlined aria-hidden />}
          loading={busy}
          disabled={target !== undefined && !target.unit}
        >
          {label ?? t("plans.import")}
        </Button>
      </Upload>
      <div className="plans-hint">{hint ?? t("plans.importHint")}</div>
      {error && (
        <Alert
          role="alert"
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={t("plans.importFailed")}
          description={error}
          closable={{ onClose: () => setError(null), "aria-label": t("common.close") }}
        />
      )}
    </div>
  );
}

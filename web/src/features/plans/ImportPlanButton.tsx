import { UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Alert, App, Button, Popconfirm, Space, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { importPlan, type PlanDuplicate, planKeys } from "./api.ts";

/**
 * Sends the chosen file at once: the server parses it and answers with the new draft, whose
 * review screen opens next. A refusal (empty file, scanned PDF …) is shown in the server's words;
 * a plan the province seems to have already is shown with a link to it, and importing it anyway
 * is a second, confirmed choice.
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
  const [duplicate, setDuplicate] = useState<{
    file: File;
    message: string;
    plans: PlanDuplicate[];
  } | null>(null);

  async function send(file: File, allowDuplicate = false) {
    setBusy(true);
    setError(null);
    setDuplicate(null);
    try {
      const { plan, autoConfirmed } = await importPlan(
        file,
        target?.unit ? { parent: target.parent, unit: target.unit } : undefined,
        allowDuplicate,
      );
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      message.success(t("plans.importedAuto", { title: plan.title, count: autoConfirmed.length }));
      await navigate({ to: "/plans/$id", params: { id: plan.id } });
    } catch (e) {
      const found =
        e instanceof ApiError ? (e.details as { duplicates?: PlanDuplicate[] } | undefined) : undefined;
      if (e instanceof ApiError && e.status === 409 && Array.isArray(found?.duplicates)) {
        setDuplicate({ file, message: e.message, plans: found.duplicates });
      } else {
        setError(e instanceof ApiError ? e.message : String(e));
      }
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
      {duplicate && (
        <Alert
          role="alert"
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={t("plans.duplicateTitle")}
          description={
            <>
              <p style={{ margin: "4px 0" }}>{duplicate.message}</p>
              <Space wrap>
                {duplicate.plans.map((p) => (
                  <Link key={p.id} to="/plans/$id" params={{ id: p.id }}>
                    {t("plans.openExisting", { title: p.title })}
                  </Link>
                ))}
                <Popconfirm
                  title={t("plans.importAnywayConfirm")}
                  okText={t("plans.importAnyway")}
                  cancelText={t("common.cancel")}
                  onConfirm={() => void send(duplicate.file, true)}
                >
                  <Button loading={busy}>{t("plans.importAnyway")}</Button>
                </Popconfirm>
              </Space>
            </>
          }
          closable={{ onClose: () => setDuplicate(null), "aria-label": t("common.close") }}
        />
      )}
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

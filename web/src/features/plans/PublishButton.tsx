import { SendOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Popconfirm } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, isConflict } from "../../api/client.ts";
import { type PlanDetail, planKeys, publishPlan } from "./api.ts";

/**
 * Publishes the draft (or the amendment) as the next version. While mentions are unconfirmed the
 * server refuses and lists them: that list is shown as it comes.
 */
export function PublishButton({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; mentions: string[] } | null>(null);

  async function publish() {
    setBusy(true);
    setRefusal(null);
    try {
      const r = await publishPlan(plan.id, plan.revision);
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      message.success(t("plans.published", { version: r.version.version }));
    } catch (e) {
      if (isConflict(e)) await queryClient.invalidateQueries({ queryKey: planKeys.plan(plan.id) });
      const details = e instanceof ApiError ? (e.details as { mentions?: unknown } | undefined) : undefined;
      const list = Array.isArray(details?.mentions) ? details.mentions.map(String) : [];
      setRefusal({ message: e instanceof Error ? e.message : String(e), mentions: list });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Popconfirm
        title={plan.status === "amending" ? t("plans.publishAmendmentConfirm") : t("plans.publishConfirm")}
        okText={t("plans.publish")}
        cancelText={t("common.cancel")}
        onConfirm={() => void publish()}
      >
        <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy}>
          {t("plans.publish")}
        </Button>
      </Popconfirm>
      {refusal && (
        <Alert
          role="alert"
          style={{ marginTop: 12, flexBasis: "100%" }}
          type="error"
          showIcon
          title={refusal.message}
          closable={{ onClose: () => setRefusal(null), "aria-label": t("common.close") }}
          description={
            refusal.mentions.length > 0 && (
              <>
                <p style={{ margin: "4px 0" }}>
                  {t("plans.unresolvedList", { count: refusal.mentions.length })}
                </p>
                <ul aria-label={t("plans.unresolved")} className="plans-refusal-list">
                  {refusal.mentions.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </>
            )
          }
        />
      )}
    </>
  );
}

import { SendOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Modal, Radio, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, isConflict } from "../../api/client.ts";
import { formatDate } from "../../lib/dates.ts";
import { type PlanDetail, type PublishCheck, planKeys, publishCheck, publishPlan } from "./api.ts";

/**
 * Publishes the draft (or the amendment) as the next version, in a dialog that first says what
 * publishing will create — and how many tasks would be overdue the moment they are assigned —
 * and, for a first publishing, offers to record the plan as published on an earlier day. It
 * cannot be undone: the dialog says so. While mentions are unconfirmed the server refuses and
 * lists them: that list is shown as it comes.
 */
export function PublishButton({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const [check, setCheck] = useState<PublishCheck | null>(null);
  const [when, setWhen] = useState<"today" | "earlier">("today");
  const [publishedOn, setPublishedOn] = useState<Dayjs | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; mentions: string[] } | null>(null);

  function fail(e: unknown) {
    const details = e instanceof ApiError ? (e.details as { mentions?: unknown } | undefined) : undefined;
    const list = Array.isArray(details?.mentions) ? details.mentions.map(String) : [];
    setRefusal({ message: e instanceof Error ? e.message : String(e), mentions: list });
  }

  async function start() {
    setRefusal(null);
    setCheck(null);
    setWhen("today");
    setPublishedOn(null);
    setOpen(true);
    try {
      setCheck(await publishCheck(plan.id));
    } catch (e) {
      setOpen(false);
      fail(e);
    }
  }

  async function publish() {
    setBusy(true);
    setRefusal(null);
    try {
      const day = when === "earlier" && publishedOn ? publishedOn.format("YYYY-MM-DD") : undefined;
      const r = await publishPlan(plan.id, plan.revision, day);
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      message.success(t("plans.published", { version: r.version.version }));
    } catch (e) {
      setOpen(false);
      if (isConflict(e)) await queryClient.invalidateQueries({ queryKey: planKeys.plan(plan.id) });
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  const today = check ? dayjs(check.today) : null;
  const notBefore = check?.notBefore ? dayjs(check.notBefore) : null;
  return (
    <>
      <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy} onClick={() => void start()}>
        {t("plans.publish")}
      </Button>
      <Modal
        open={open}
        title={t("plans.publishTitle")}
        okText={t("plans.publish")}
        cancelText={t("common.cancel")}
        onOk={() => void publish()}
        onCancel={() => setOpen(false)}
        confirmLoading={busy}
        okButtonProps={{ disabled: !check || (when === "earlier" && !publishedOn) }}
        destroyOnHidden
      >
        {!check ? (
          <p>{t("plans.publishChecking")}</p>
        ) : (
          <Space direction="vertical" style={{ width: "100%" }}>
            <p style={{ margin: 0 }}>
              {plan.status === "amending" ? t("plans.publishAmendmentConfirm") : t("plans.publishConfirm")}
            </p>
            <p style={{ margin: 0 }}>{t("plans.publishWillCreate", { count: check.assignments })}</p>
            {check.overdue > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t("plans.publishOverdue", {
                  count: check.overdue,
                  date: check.earliestOverdue ? formatDate(check.earliestOverdue) : "",
                })}
              />
            )}
            {check.canRecordEarlier && (
              <fieldset className="plans-fieldset">
                <legend>{t("plans.publishWhen")}</legend>
                <Radio.Group value={when} onChange={(e) => setWhen(e.target.value)}>
                  <Space direction="vertical">
                    <Radio value="today">{t("plans.publishToday")}</Radio>
                    <Radio value="earlier">{t("plans.publishEarlier")}</Radio>
                  </Space>
                </Radio.Group>
                {when === "earlier" && (
                  <div style={{ marginTop: 8 }}>
                    <DatePicker
                      aria-label={t("plans.publishedOn")}
                      placeholder={t("plans.publishedOn")}
                      format="DD/MM/YYYY"
                      value={publishedOn}
                      onChange={setPublishedOn}
                      disabledDate={(d) =>
                        (today !== null && d.isAfter(today, "day")) ||
                        (notBefore !== null && d.isBefore(notBefore, "day"))
                      }
                    />
                    <p className="plans-hint">{t("plans.publishEarlierHelp")}</p>
                  </div>
                )}
              </fieldset>
            )}
            <Alert type="info" showIcon title={t("plans.publishIrreversible")} />
          </Space>
        )}
      </Modal>
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

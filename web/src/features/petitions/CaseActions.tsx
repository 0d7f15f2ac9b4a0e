import { SendOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Checkbox, Form, Input, Progress, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppForm } from "../../components/AppForm.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { assign, decideAcceptance, routingQuery } from "./api.ts";
import { type CardProps, heading, useStep, useUnitName } from "./caseStep.tsx";

// The case's steps, one card each: routing, transfer and acceptance here; extension and closing in
// CaseClosing.tsx, merging into a duplicate in DuplicateList.tsx.
export { CloseCard, ExtensionCard } from "./CaseClosing.tsx";
export { DuplicatesCard } from "./DuplicateList.tsx";

/** Not yet with a unit: the classifier's three likeliest units, or any unit from the tree. */
export function RoutingCard({ detail, run }: CardProps) {
  const { t } = useTranslation();
  const suggestions = useQuery(routingQuery(detail.id));
  const unitName = useUnitName();
  const { form, busy, step, alert } = useStep<{ unitId: string; note?: string }>();
  const send = (unitId: string, name: string | null, note?: string) => {
    const unit = name || unitName(unitId);
    return step(
      unitId,
      run,
      () => assign(detail.id, { unitId, ...(note ? { note } : {}) }),
      unit ? t("petitions.routing.assigned", { unit }) : t("petitions.transfer.done"),
    );
  };
  return (
    <Card title={heading(t("petitions.routing.title"))} data-testid="routing-card">
      <p className="petitions-muted" style={{ marginTop: 0 }}>
        {t("petitions.routing.lead")}
      </p>
      {alert}
      {suggestions.isError && <Alert type="error" showIcon title={suggestions.error.message} />}
      {suggestions.data && suggestions.data.items.length === 0 && <p>{t("petitions.routing.none")}</p>}
      <ol className="petitions-cards" aria-label={t("petitions.routing.title")}>
        {(suggestions.data?.items ?? []).map((s) => {
          const percent = Math.round(s.score * 100);
          // A posterior far below the first: "<1%" says so better than a bare 0.
          const shown = s.score > 0 && percent < 1 ? "<1%" : `${percent}%`;
          return (
            <li key={s.unitId}>
              <strong>{s.name}</strong>
              <Progress
                percent={percent}
                size="small"
                aria-label={t("petitions.routing.confidence", { percent: shown.replace("%", "") })}
                format={() => shown}
              />
              <Button
                icon={<SendOutlined aria-hidden />}
                loading={busy === s.unitId}
                onClick={() => void send(s.unitId, s.name)}
                aria-label={`${t("petitions.routing.confirm")}: ${s.name}`}
              >
                {t("petitions.routing.confirm")}
              </Button>
            </li>
          );
        })}
      </ol>
      <AppForm
        name="routing"
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={(v) => void send(v.unitId, null, v.note?.trim())}
      >
        <Form.Item
          name="unitId"
          label={t("petitions.routing.other")}
          rules={[{ required: true, message: t("petitions.intake.required") }]}
        >
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="note" label={t("petitions.routing.note")}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <Button
          htmlType="submit"
          loading={busy !== null && !suggestions.data?.items.some((s) => s.unitId === busy)}
        >
          {t("petitions.routing.assign")}
        </Button>
      </AppForm>
    </Card>
  );
}

/** With a unit already: passing it on to another, with the reason, is recorded. */
export function TransferCard({ detail, run }: CardProps) {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const { form, busy, step, alert } = useStep<{ unitId: string; note: string }>();
  return (
    <Card title={heading(t("petitions.transfer.title"))}>
      <p className="petitions-muted" style={{ marginTop: 0 }}>
        {t("petitions.transfer.lead")}
      </p>
      {alert}
      <AppForm
        name="transfer"
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void step(
            "transfer",
            run,
            () => assign(detail.id, { unitId: v.unitId, note: v.note.trim() }),
            unitName(v.unitId)
              ? t("petitions.routing.assigned", { unit: unitName(v.unitId) })
              : t("petitions.transfer.done"),
          )
        }
      >
        <Form.Item
          name="unitId"
          label={t("petitions.transfer.unit")}
          rules={[{ required: true, message: t("petitions.intake.required") }]}
        >
          <UnitTreeSelect disabledId={detail.assignedUnit?.id} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t("petitions.transfer.reason")}
          rules={[{ required: true, whitespace: true, message: t("petitions.transfer.reasonRequired") }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" loading={busy === "transfer"}>
          {t("petitions.transfer.submit")}
        </Button>
      </AppForm>
    </Card>
  );
}

/** Complaints and denunciations: accept (thụ lý), which starts the resolution clock, or refuse. */
export function AcceptanceCard({ detail, run }: CardProps) {
  const { t } = useTranslation();
  const { form, busy, step, alert } = useStep<{
    decisionNumber?: string;
    remoteArea?: boolean;
    reason?: string;
  }>();
  const [refusing, setRefusing] = useState(false);
  return (
    <Card title={heading(t("petitions.accept.title"))} data-testid="acceptance-card">
      <p className="petitions-muted" style={{ marginTop: 0 }}>
        {t("petitions.accept.lead")}
      </p>
      {alert}
      <AppForm
        name="accept"
        form={form}
        layout="vertical"
        initialValues={{ remoteArea: detail.flags.includes("remoteArea") }}
        onFinish={(v) =>
          void step(
            refusing ? "refuse" : "accept",
            run,
            () =>
              decideAcceptance(detail.id, {
                accepted: !refusing,
                ...(v.decisionNumber?.trim() ? { decisionNumber: v.decisionNumber.trim() } : {}),
                ...(refusing ? { reason: v.reason?.trim() } : { remoteArea: v.remoteArea === true }),
              }),
            refusing ? t("petitions.accept.refused") : t("petitions.accept.accepted"),
          )
        }
      >
        <Form.Item name="decisionNumber" label={t("petitions.accept.decisionNumber")}>
          <Input maxLength={100} />
        </Form.Item>
        {refusing ? (
          <Form.Item
            name="reason"
            label={t("petitions.accept.reason")}
            rules={[{ required: true, whitespace: true, message: t("petitions.accept.reasonRequired") }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        ) : (
          <Form.Item name="remoteArea" valuePropName="checked">
            <Checkbox>{t("petitions.accept.remoteArea")}</Checkbox>
          </Form.Item>
        )}
        <Space wrap>
          {refusing ? (
            <>
              <Button danger htmlType="submit" loading={busy === "refuse"}>
                {t("petitions.accept.refuse")}
              </Button>
              <Button onClick={() => setRefusing(false)}>{t("petitions.common.cancel")}</Button>
            </>
          ) : (
            <>
              <Button type="primary" htmlType="submit" loading={busy === "accept"}>
                {t("petitions.accept.accept")}
              </Button>
              <Button onClick={() => setRefusing(true)}>{t("petitions.accept.refuse")}</Button>
            </>
          )}
        </Space>
      </AppForm>
    </Card>
  );
}

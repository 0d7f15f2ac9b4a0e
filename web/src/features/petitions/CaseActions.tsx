import { SendOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Checkbox, Form, Input, Progress, Radio, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitTreeNode } from "../../../../common/schemas/units.ts";
import { ApiError } from "../../api/client.ts";
import { AppForm, showFieldErrors } from "../../components/AppForm.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { formatDate, todayIso } from "../../lib/dates.ts";
import { unitTreeQuery } from "../directory/api.ts";
import {
  assign,
  closePetition,
  decideAcceptance,
  duplicatesQuery,
  extend,
  mergePetition,
  type PetitionDetail,
  routingQuery,
} from "./api.ts";
import type { Run, Success } from "./caseAction.ts";
import { DuplicateList } from "./IntakePage.tsx";

type CardProps = { detail: PetitionDetail; run: Run };

const heading = (text: string) => <h2 className="card-heading">{text}</h2>;

/**
 * Runs a step from a form: refusals show above the buttons and next to the field they name. Each
 * card's form has a name of its own: the cards share field names (reason, note…) and show on one
 * page, and the name keeps the fields' ids, and the error summary's links to them, apart.
 */
function useStep<V extends object>() {
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  async function step(name: string, run: Run, work: () => Promise<unknown>, success: Success) {
    setBusy(name);
    setError(null);
    try {
      if (await run(work, success)) form.resetFields();
    } catch (e) {
      if (e instanceof ApiError && e.field)
        showFieldErrors(form, [{ name: e.field as never, errors: [e.message] }]);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }
  const alert = error && (
    <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />
  );
  return { form, busy, step, alert };
}

function findName(nodes: UnitTreeNode[], id: string): string | null {
  for (const node of nodes) {
    if (node.id === id) return node.name;
    const found = findName(node.children, id);
    if (found) return found;
  }
  return null;
}

/** The name of a unit picked in the tree (the same tree the picker shows), for the message that names it. */
function useUnitName() {
  const tree = useQuery(unitTreeQuery(todayIso()));
  return (id: string) => findName(tree.data ?? [], id);
}

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

/** Records an extension decided in writing; the server applies the days the law allows. */
export function ExtensionCard({ detail, run }: CardProps) {
  const { t } = useTranslation();
  const { form, busy, step, alert } = useStep<{
    decisionNumber: string;
    reason: string;
    veryComplex?: boolean;
  }>();
  return (
    <Card title={heading(t("petitions.extend.title"))}>
      <p className="petitions-muted" style={{ marginTop: 0 }}>
        {t("petitions.extend.lead")}
      </p>
      {alert}
      <AppForm
        name="extend"
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void step(
            "extend",
            run,
            () =>
              extend(detail.id, {
                decisionNumber: v.decisionNumber.trim(),
                reason: v.reason.trim(),
                ...(v.veryComplex ? { veryComplex: true } : {}),
              }),
            (r) => {
              const { days, dueDate } = r as { days: number; dueDate: string };
              return t("petitions.extend.done", { days, date: formatDate(dueDate) });
            },
          )
        }
      >
        <Form.Item
          name="decisionNumber"
          label={t("petitions.extend.decisionNumber")}
          rules={[{ required: true, whitespace: true, message: t("petitions.extend.decisionRequired") }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("petitions.extend.reason")}
          rules={[
            { required: true, whitespace: true, message: t("petitions.extend.reasonShort") },
            { min: 5, message: t("petitions.extend.reasonShort") },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {detail.kind === "to-cao" && (
          <Form.Item name="veryComplex" valuePropName="checked">
            <Checkbox>{t("petitions.extend.veryComplex")}</Checkbox>
          </Form.Item>
        )}
        <Button htmlType="submit" loading={busy === "extend"}>
          {t("petitions.extend.submit")}
        </Button>
      </AppForm>
    </Card>
  );
}

/** Closing: resolved, or not resolved with the reason. The two are counted apart. */
export function CloseCard({ detail, run }: CardProps) {
  const { t } = useTranslation();
  const { form, busy, step, alert } = useStep<{ outcome: "resolved" | "unresolved"; reason?: string }>();
  const outcome = Form.useWatch("outcome", form);
  return (
    <Card title={heading(t("petitions.close.title"))} data-testid="close-card">
      <p className="petitions-muted" style={{ marginTop: 0 }}>
        {t("petitions.close.lead")}
      </p>
      {alert}
      <AppForm
        name="close"
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void step(
            "close",
            run,
            () =>
              closePetition(detail.id, {
                resolved: v.outcome === "resolved",
                ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
              }),
            t("petitions.close.done"),
          )
        }
      >
        <Form.Item
          name="outcome"
          label={t("petitions.close.outcome")}
          rules={[{ required: true, message: t("petitions.intake.required") }]}
        >
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value="resolved">{t("petitions.close.resolved")}</Radio>
              <Radio value="unresolved">{t("petitions.close.unresolved")}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={outcome === "unresolved" ? t("petitions.close.reason") : t("petitions.close.note")}
          rules={
            outcome === "unresolved"
              ? [{ required: true, whitespace: true, message: t("petitions.close.reasonRequired") }]
              : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy === "close"}>
          {t("petitions.close.submit")}
        </Button>
      </AppForm>
    </Card>
  );
}

/** Likely duplicates of an open case; merging this one into another keeps both timelines. */
export function DuplicatesCard({ detail, run }: CardProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const duplicates = useQuery(duplicatesQuery(detail.id));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = duplicates.data?.items ?? [];
  if (duplicates.isSuccess && items.length === 0) return null;
  return (
    <Card title={heading(t("petitions.case.duplicates"))}>
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {duplicates.isError && <Alert type="error" showIcon title={duplicates.error.message} />}
      <DuplicateList
        items={items}
        busyId={busy}
        onMerge={async (into) => {
          setBusy(into.id);
          setError(null);
          try {
            const done = await run(
              () => mergePetition(detail.id, into.id),
              t("petitions.merge.done", { code: into.trackingCode }),
            );
            if (done) await navigate({ to: "/petitions/$id", params: { id: into.id } });
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(null);
          }
        }}
      />
    </Card>
  );
}

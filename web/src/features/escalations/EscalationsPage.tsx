import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select, Space, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { useMe } from "../../app/session.ts";
import { AppForm, showFieldErrors } from "../../components/AppForm.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate } from "../../lib/dates.ts";
import { publishedPlansQuery } from "../reports/api.ts";
import {
  type Escalation,
  type EscalationCreateBody,
  type EscalationFilter,
  type EscalationKind,
  type EscalationStatus,
  escalationKeys,
  escalationListQuery,
  raiseEscalation,
} from "./api.ts";
import { EscalationStatusTag, OverdueTag } from "./status.tsx";

const STATUSES: EscalationStatus[] = ["open", "decided", "closed"];

const planLabel = (p: { number?: string | null; symbol?: string | null; title: string }) =>
  [p.number && p.symbol ? `${p.number}/${p.symbol}` : null, p.title].filter(Boolean).join(" — ");

/** "Khó khăn, kiến nghị": the escalations the user may see, filtered; unit staff raise new ones. */
export default function EscalationsPage() {
  const { t } = useTranslation();
  usePageTitle(t("escalations.title"));
  const me = useMe();
  const raiseUnitIds = me.permissions.escalations.raiseUnitIds;
  const [status, setStatus] = useState<EscalationStatus | "all">("open");
  const [unitId, setUnitId] = useState<string | null>(null);
  const [planId, setPlanId] = useState<string | null>(null);
  const [raising, setRaising] = useState(false);
  const filter: EscalationFilter = {
    status: status === "all" ? undefined : status,
    unitId: unitId ?? undefined,
    planId: planId ?? undefined,
  };
  const list = useQuery(escalationListQuery(filter));
  const plans = useQuery(publishedPlansQuery());
  return (
    <div>
      <h1 className="page-title">{t("escalations.title")}</h1>
      <p className="page-lead">{t("escalations.lead")}</p>
      {raiseUnitIds.length > 0 && (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setRaising(true)}>
          {t("escalations.raise")}
        </Button>
      )}
      <Card>
        <Space wrap align="end" style={{ marginBottom: 16 }}>
          <div>
            <div id="esc-status-label" style={{ marginBottom: 4 }}>
              {t("escalations.field.status")}
            </div>
            <Radio.Group
              aria-labelledby="esc-status-label"
              optionType="button"
              value={status}
              onChange={(e) => setStatus(e.target.value)}
              options={[
                ...STATUSES.map((s) => ({ value: s, label: t(`escalations.status.${s}`) })),
                { value: "all", label: t("escalations.all") },
              ]}
            />
          </div>
          <div style={{ minWidth: 280 }}>
            <label htmlFor="esc-unit" style={{ display: "block", marginBottom: 4 }}>
              {t("escalations.field.unit")}
            </label>
            <UnitTreeSelect
              id="esc-unit"
              value={unitId}
              onChange={(v) => setUnitId(v as string | null)}
              allowClear
            />
          </div>
          <div style={{ minWidth: 280 }}>
            <label htmlFor="esc-plan" style={{ display: "block", marginBottom: 4 }}>
              {t("escalations.field.planFilter")}
            </label>
            <Select
              id="esc-plan"
              style={{ width: 360, maxWidth: "100%" }}
              allowClear
              value={planId ?? undefined}
              loading={plans.isLoading}
              onChange={(v) => setPlanId(v ?? null)}
              options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: planLabel(p) }))}
            />
          </div>
        </Space>
        {list.isError && <Alert type="error" showIcon title={list.error.message} />}
        <Table<Escalation>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t("escalations.empty") }}
          scroll={{ x: true }}
          columns={[
            {
              title: t("escalations.field.title"),
              render: (_, row) => (
                <Link to="/escalations/$id" params={{ id: row.id }}>
                  {row.title}
                </Link>
              ),
            },
            { title: t("escalations.field.kind"), render: (_, row) => t(`escalations.kind.${row.kind}`) },
            { title: t("escalations.field.unit"), render: (_, row) => row.unit.name },
            { title: t("escalations.field.owner"), render: (_, row) => row.owner?.name ?? "—" },
            {
              title: t("escalations.field.dueOn"),
              render: (_, row) => (
                <>
                  {row.dueOn ? formatDate(row.dueOn) : "—"} <OverdueTag overdue={row.overdue} />
                </>
              ),
            },
            {
              title: t("escalations.field.status"),
              render: (_, row) => <EscalationStatusTag status={row.status} />,
            },
          ]}
        />
      </Card>
      {raising && <RaiseModal onClose={() => setRaising(false)} />}
    </div>
  );
}

type RaiseValues = { unitId?: string; kind: EscalationKind; title?: string; body?: string; planId?: string };

/** The unit's staff raise a difficulty or proposal for one of their own units. */
function RaiseModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const plans = useQuery(publishedPlansQuery());
  // The units the server lets the user raise for, named as the account's grants name them.
  const names = new Map(me.roles.map((grant) => [grant.unitId, grant.unitName]));
  const units = me.permissions.escalations.raiseUnitIds.map((unitId) => ({
    unitId,
    unitName: names.get(unitId) ?? unitId,
  }));
  const [form] = Form.useForm<RaiseValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const raise = useMutation({
    mutationFn: (body: EscalationCreateBody) => raiseEscalation(body),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: escalationKeys.all });
      message.success(t("escalations.raised"));
      onClose();
      navigate({ to: "/escalations/$id", params: { id: saved.id } });
    },
    onError: (e) => {
      const onField =
        e instanceof ApiError && e.field
          ? showFieldErrors(form, [{ name: e.field, errors: [e.message] }])
          : 0;
      if (onField === 0) setFormError(e.message);
    },
  });
  const submit = (values: RaiseValues) => {
    setFormError(null);
    raise.mutate({
      unitId: values.unitId ?? "",
      kind: values.kind,
      title: values.title ?? "",
      body: values.body ?? "",
      planId: values.planId || undefined,
    });
  };
  return (
    <Modal
      open
      title={t("escalations.raiseTitle")}
      onCancel={onClose}
      okText={t("escalations.submit")}
      cancelText={t("escalations.cancel")}
      onOk={() => form.submit()}
      confirmLoading={raise.isPending}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <AppForm<RaiseValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ unitId: units[0]?.unitId, kind: "difficulty" }}
      >
        <Form.Item name="unitId" label={t("escalations.field.unit")}>
          <Select options={units.map((g) => ({ value: g.unitId, label: g.unitName }))} />
        </Form.Item>
        <Form.Item name="kind" label={t("escalations.field.kind")}>
          <Radio.Group
            options={(["difficulty", "proposal"] as const).map((k) => ({
              value: k,
              label: t(`escalations.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t("escalations.field.title")}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="body" label={t("escalations.field.body")}>
          <Input.TextArea rows={5} maxLength={10000} />
        </Form.Item>
        <Form.Item name="planId" label={t("escalations.field.plan")}>
          <Select
            allowClear
            loading={plans.isLoading}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: planLabel(p) }))}
          />
        </Form.Item>
      </AppForm>
    </Modal>
  );
}

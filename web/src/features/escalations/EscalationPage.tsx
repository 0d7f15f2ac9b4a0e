import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Alert, App, Button, Card, Descriptions, Input, Space, Spin } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { ConflictNotice, type ConflictView } from "../../components/ConflictNotice.tsx";
import { DateField } from "../../components/DateField.tsx";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, formatDateTime, todayIso } from "../../lib/dates.ts";
import { unitTreeQuery } from "../directory/api.ts";
import {
  type Escalation,
  type EscalationAction,
  type EscalationUpdateBody,
  escalationKeys,
  escalationQuery,
  updateEscalation,
} from "./api.ts";
import { EscalationStatusTag, OverdueTag } from "./status.tsx";

/** One escalation: what was raised, by whom, its owner, due date, decision and closing. */
export default function EscalationPage() {
  const { id } = useParams({ from: "/app/escalations/$id" });
  const { t } = useTranslation();
  const query = useQuery(escalationQuery(id));
  const item = query.data;
  usePageTitle(item?.title ?? t("escalations.title"));
  if (query.isLoading) return <Spin />;
  if (query.isError || !item) {
    return (
      <div>
        <Alert type="error" showIcon title={query.error?.message ?? t("escalations.notFound")} />
        <p>
          <Link to="/escalations">{t("escalations.back")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div>
      <p>
        <Link to="/escalations">← {t("escalations.back")}</Link>
      </p>
      <h1 className="page-title">{item.title}</h1>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t("escalations.field.kind")}>
            {t(`escalations.kind.${item.kind}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("escalations.field.status")}>
            <EscalationStatusTag status={item.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t("escalations.field.unit")}>{item.unit.name}</Descriptions.Item>
          <Descriptions.Item label={t("escalations.field.raisedBy")}>
            {item.raisedBy} · {formatDateTime(item.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t("escalations.field.body")}>
            <div style={{ whiteSpace: "pre-wrap" }}>{item.body}</div>
          </Descriptions.Item>
          {item.reportId && (
            <Descriptions.Item label={t("escalations.field.report")}>
              <Link to="/reports/$id" params={{ id: item.reportId }}>
                {t("escalations.openReport")}
              </Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t("escalations.field.owner")}>
            {item.owner?.name ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("escalations.field.dueOn")}>
            {item.dueOn ? formatDate(item.dueOn) : "—"} <OverdueTag overdue={item.overdue} />
          </Descriptions.Item>
          <Descriptions.Item label={t("escalations.field.decision")}>
            {item.decision ? (
              <>
                <div style={{ whiteSpace: "pre-wrap" }} data-testid="escalation-decision">
                  {item.decision}
                </div>
                <div style={{ color: "#595959" }}>
                  {item.decidedBy} · {formatDateTime(item.decidedAt)}
                </div>
              </>
            ) : (
              "—"
            )}
          </Descriptions.Item>
          {item.closedAt && (
            <Descriptions.Item label={t("escalations.field.closingNote")}>
              <div style={{ whiteSpace: "pre-wrap" }}>{item.closingNote || "—"}</div>
              <div style={{ color: "#595959" }}>
                {item.closedBy} · {formatDateTime(item.closedAt)}
              </div>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {item.actions.length > 0 && <ActionsCard item={item} />}
    </div>
  );
}

type TreeNode = { id: string; name: string; children: TreeNode[] };
function unitName(nodes: readonly TreeNode[], id: string): string | null {
  for (const node of nodes) {
    if (node.id === id) return node.name;
    const found = unitName(node.children, id);
    if (found) return found;
  }
  return null;
}

type Draft = { ownerUnitId: string | null; dueOn: string | null; decision: string; closingNote: string };

/** The coordinator's and the leadership's actions the server allows from the current status. */
function ActionsCard({ item }: { item: Escalation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tree = useQuery(unitTreeQuery(todayIso()));
  const [draft, setDraft] = useState<Draft>({
    ownerUnitId: item.owner?.id ?? null,
    dueOn: item.dueOn,
    decision: item.decision ?? "",
    closingNote: "",
  });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ view: ConflictView; body: EscalationUpdateBody } | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  /** The version the user acted on: a conflict shows what changed since. */
  const base = useRef<Escalation>(item);

  const bodyFor = (action: EscalationAction, version: number): EscalationUpdateBody => {
    const body: EscalationUpdateBody = { version, action };
    if (action === "assign") {
      if (draft.ownerUnitId) body.ownerUnitId = draft.ownerUnitId;
      if (draft.dueOn) body.dueOn = draft.dueOn;
    }
    if (action === "decide") body.decision = draft.decision;
    if (action === "close" && draft.closingNote.trim()) body.closingNote = draft.closingNote;
    return body;
  };

  const conflictView = (
    body: EscalationUpdateBody,
    current: Escalation,
    versionText: string,
  ): ConflictView => {
    const before = base.current;
    const rows: ConflictView["rows"] = [
      {
        field: "status",
        label: t("escalations.field.status"),
        mine: t(`escalations.action.${body.action}`),
        theirs: t(`escalations.status.${current.status}`),
        otherChanged: current.status !== before.status,
      },
    ];
    if (body.action === "assign") {
      rows.push({
        field: "dueOn",
        label: t("escalations.field.dueOn"),
        mine: formatDate(body.dueOn ?? null),
        theirs: formatDate(current.dueOn),
        otherChanged: current.dueOn !== before.dueOn,
      });
      rows.push({
        field: "owner",
        label: t("escalations.field.owner"),
        mine: body.ownerUnitId ? (unitName(tree.data ?? [], body.ownerUnitId) ?? "") : "",
        theirs: current.owner?.name ?? "",
        otherChanged: current.owner?.id !== before.owner?.id,
      });
    }
    if (body.action === "decide") {
      rows.push({
        field: "decision",
        label: t("escalations.field.decision"),
        mine: body.decision ?? "",
        theirs: current.decision ?? "",
        otherChanged: current.decision !== before.decision,
      });
    }
    return { message: t("escalations.conflict", { current: versionText }), rows };
  };

  const mutation = useMutation({
    mutationFn: (body: EscalationUpdateBody) => updateEscalation(item.id, body),
    onSuccess: (saved, body) => {
      setConflict(null);
      set({
        closingNote: "",
        decision: saved.decision ?? "",
        ownerUnitId: saved.owner?.id ?? null,
        dueOn: saved.dueOn,
      });
      queryClient.setQueryData(escalationKeys.detail(item.id), saved);
      queryClient.invalidateQueries({ queryKey: escalationKeys.all });
      message.success(t(`escalations.done.${body.action}`));
    },
    onError: async (e, body) => {
      if (e instanceof ApiError && e.status === 409 && e.code === "conflict") {
        const current = await queryClient.fetchQuery({ ...escalationQuery(item.id), staleTime: 0 });
        setConflict({ view: conflictView(body, current, String(current.version)), body });
        return;
      }
      if (e instanceof ApiError && e.field) setFieldErrors({ [e.field]: e.message });
      else setFormError(e.message);
    },
  });

  const run = (action: EscalationAction) => {
    setFieldErrors({});
    setFormError(null);
    base.current = item;
    mutation.mutate(bodyFor(action, item.version));
  };
  const allowed = item.actions;
  const errorOf = (field: string) =>
    fieldErrors[field] ? (
      <div id={`esc-${field}-error`} role="alert" style={{ color: "#a8071a", marginTop: 4 }}>
        {fieldErrors[field]}
      </div>
    ) : null;
  const described = (field: string) => (fieldErrors[field] ? `esc-${field}-error` : undefined);

  return (
    <Card title={<h2 className="card-heading">{t("escalations.actions")}</h2>}>
      {conflict && (
        <ConflictNotice
          conflict={conflict.view}
          busy={mutation.isPending}
          onReapply={() => {
            const latest = queryClient.getQueryData<Escalation>(escalationKeys.detail(item.id));
            if (latest) base.current = latest;
            mutation.mutate({ ...conflict.body, version: latest?.version ?? item.version });
          }}
          onTakeTheirs={() => {
            setConflict(null);
            queryClient.invalidateQueries({ queryKey: escalationKeys.all });
          }}
        />
      )}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Space direction="vertical" style={{ width: "100%" }} size="large">
        {allowed.includes("assign") && (
          <section aria-labelledby="esc-assign-heading">
            <h3 id="esc-assign-heading">{t("escalations.action.assign")}</h3>
            <label htmlFor="esc-owner" style={{ display: "block", marginBottom: 4 }}>
              {t("escalations.field.owner")}
            </label>
            <UnitTreeSelect
              id="esc-owner"
              value={draft.ownerUnitId}
              onChange={(v) => set({ ownerUnitId: (v as string | null) ?? null })}
              aria-describedby={described("ownerUnitId")}
            />
            {errorOf("ownerUnitId")}
            <label htmlFor="esc-due" style={{ display: "block", margin: "12px 0 4px" }}>
              {t("escalations.field.dueOn")}
            </label>
            <div style={{ maxWidth: 240 }}>
              <DateField id="esc-due" value={draft.dueOn} onChange={(v) => set({ dueOn: v })} />
            </div>
            {errorOf("dueOn")}
            <Button
              style={{ marginTop: 12 }}
              onClick={() => run("assign")}
              loading={mutation.isPending && mutation.variables?.action === "assign"}
            >
              {t("escalations.action.assign")}
            </Button>
          </section>
        )}
        {allowed.includes("decide") && (
          <section aria-labelledby="esc-decide-heading">
            <h3 id="esc-decide-heading">{t("escalations.action.decide")}</h3>
            <label htmlFor="esc-decision" style={{ display: "block", marginBottom: 4 }}>
              {t("escalations.field.decision")}
            </label>
            <Input.TextArea
              id="esc-decision"
              rows={4}
              maxLength={10000}
              value={draft.decision}
              status={fieldErrors.decision ? "error" : undefined}
              aria-invalid={fieldErrors.decision ? true : undefined}
              aria-describedby={described("decision")}
              onChange={(e) => set({ decision: e.target.value })}
            />
            {errorOf("decision")}
            <Button
              type="primary"
              style={{ marginTop: 12 }}
              onClick={() => run("decide")}
              loading={mutation.isPending && mutation.variables?.action === "decide"}
            >
              {t("escalations.action.decide")}
            </Button>
          </section>
        )}
        {allowed.includes("close") && (
          <section aria-labelledby="esc-close-heading">
            <h3 id="esc-close-heading">{t("escalations.action.close")}</h3>
            <label htmlFor="esc-closing" style={{ display: "block", marginBottom: 4 }}>
              {t("escalations.field.closingNote")}
            </label>
            <Input.TextArea
              id="esc-closing"
              rows={3}
              maxLength={10000}
              value={draft.closingNote}
              status={fieldErrors.closingNote ? "error" : undefined}
              aria-describedby={described("closingNote")}
              onChange={(e) => set({ closingNote: e.target.value })}
            />
            {errorOf("closingNote")}
            <Button
              type="primary"
              style={{ marginTop: 12 }}
              onClick={() => run("close")}
              loading={mutation.isPending && mutation.variables?.action === "close"}
            >
              {t("escalations.action.close")}
            </Button>
          </section>
        )}
        {allowed.includes("reopen") && (
          <Button
            onClick={() => run("reopen")}
            loading={mutation.isPending && mutation.variables?.action === "reopen"}
          >
            {t("escalations.action.reopen")}
          </Button>
        )}
      </Space>
    </Card>
  );
}

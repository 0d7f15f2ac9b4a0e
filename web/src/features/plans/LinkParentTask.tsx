import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert, App, Button, List, Select, Space } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PlanLink } from "../../../../common/schemas/plans.ts";
import { ApiError, api } from "../../api/client.ts";
import { labelSearch } from "../../lib/search.ts";
import { planDetailQuery, planTreeQuery } from "./api.ts";
import type { PlanItem } from "./planEnums.ts";

const linksQuery = (id: string) =>
  queryOptions({
    queryKey: ["plans", id, "links"] as const,
    queryFn: () => api<{ items: PlanLink[] }>(`/api/plans/${encodeURIComponent(id)}/links`),
  });

function tasksOf(items: PlanItem[], into: PlanItem[] = []): PlanItem[] {
  for (const item of items) {
    if (item.kind === "task") into.push(item);
    tasksOf(item.children, into);
  }
  return into;
}

function label(item: PlanItem): string {
  const text = item.title ?? item.text;
  return `${item.code} — ${text.length > 120 ? `${text.slice(0, 117)}…` : text}`;
}

/**
 * In a unit's own plan: the tasks of the parent plan (in its version in force) this task carries
 * out, and for editors the link to one more. Only shown on a plan that has a parent.
 */
export function LinkParentTask({ planId, code }: { planId: string; code: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const detail = useQuery(planDetailQuery(planId));
  const parent = detail.data?.parent ?? null;
  const links = useQuery({ ...linksQuery(planId), enabled: parent !== null });
  const parentTree = useQuery({ ...planTreeQuery(parent?.id ?? "", "default"), enabled: parent !== null });
  const [choice, setChoice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tasks = useMemo(() => tasksOf(parentTree.data?.items ?? []), [parentTree.data]);

  if (!parent || !detail.data) return null;
  const mine = (links.data?.items ?? []).filter((link) => link.childCode === code);
  const byCode = new Map(tasks.map((task) => [task.code, task]));

  async function add() {
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      await api<PlanLink>(`/api/plans/${encodeURIComponent(planId)}/links`, {
        method: "POST",
        body: { childCode: code, parentCode: choice },
      });
      await queryClient.invalidateQueries({ queryKey: linksQuery(planId).queryKey });
      message.success(t("plans.subplans.linked", { code: choice }));
      setChoice(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const headingId = `links-${code}`;
  return (
    <section aria-labelledby={headingId} style={{ marginTop: 16 }}>
      <h3 id={headingId}>{t("plans.subplans.linksTitle")}</h3>
      {links.isError && <Alert type="error" showIcon title={links.error.message} />}
      <List
        size="small"
        bordered
        dataSource={mine}
        locale={{ emptyText: t("plans.subplans.noLinks") }}
        renderItem={(link) => {
          const task = byCode.get(link.parentCode);
          return (
            <List.Item>
              <Link to="/plans/$id/tasks/$code" params={{ id: link.parentPlanId, code: link.parentCode }}>
                {task ? label(task) : link.parentCode}
              </Link>
            </List.Item>
          );
        }}
      />
      {detail.data.permissions.edit && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select
            aria-label={t("plans.subplans.parentTask")}
            placeholder={t("plans.subplans.parentTask")}
            style={{ minWidth: 320, maxWidth: 560 }}
            showSearch={labelSearch({ within: "given" })}
            loading={parentTree.isPending}
            value={choice}
            onChange={setChoice}
            options={tasks
              .filter((task) => !mine.some((link) => link.parentCode === task.code))
              .map((task) => ({ value: task.code, label: label(task) }))}
          />
          <Button onClick={() => void add()} disabled={!choice} loading={busy}>
            {t("plans.subplans.addLink")}
          </Button>
        </Space>
      )}
      {error && (
        <Alert
          role="alert"
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          title={error}
          closable={{ onClose: () => setError(null), "aria-label": t("common.close") }}
        />
      )}
    </section>
  );
}

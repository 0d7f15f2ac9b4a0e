import { ThunderboltOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, Input, Segmented, Skeleton, Space, Statistic } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { matchesQuery } from "../../../../common/search.ts";
import { ApiError } from "../../api/client.ts";
import { groupsQuery } from "../directory/api.ts";
import { autoConfirm, type PlanDetail, planKeys, planMentionsQuery } from "./api.ts";
import { MentionRow } from "./MentionRow.tsx";
import { PublishButton } from "./PublishButton.tsx";

type Props = { plan: PlanDetail; editable: boolean; onGoTo: (code: string) => void };

/** Every unit the plan names, as written, with the directory's suggestions and the choice made. */
export function MentionsTab({ plan, editable, onGoTo }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mentions = useQuery(planMentionsQuery(plan.id));
  const groups = useQuery(groupsQuery);
  const [filter, setFilter] = useState<"all" | "open">("all");
  const [q, setQ] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: planKeys.plan(plan.id) });
  const items = mentions.data?.items ?? [];
  const open = items.filter((m) => !m.resolution?.confirmed);
  const byExactName = items.filter((m) => m.resolution?.byExactName).length;
  const shown = (filter === "open" ? open : items).filter((m) => matchesQuery(q, [m.mention]));
  // A group expands to its members valid on the plan's date; unit choices follow the same date.
  const asOf = plan.date && /^\d{4}-\d{2}-\d{2}$/.test(plan.date) ? plan.date : undefined;

  async function runAuto() {
    setBusy(true);
    setError(null);
    try {
      const r = await autoConfirm(plan.id);
      message.success(
        t("plans.autoConfirmed", { confirmed: r.confirmed.length, remaining: r.remaining.length }),
      );
      await refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size="large" align="center">
          <Statistic title={t("plans.mentionsTotal")} value={items.length} loading={mentions.isPending} />
          <div role="status">
            <Statistic
              title={t("plans.unresolved")}
              value={mentions.data ? open.length : plan.counts.unresolvedMentions}
              valueStyle={{ color: open.length ? "#b42318" : "#1a7f37" }}
            />
          </div>
          {mentions.data && (
            <span className="plans-muted" role="note">
              {t("plans.autoByName", { count: byExactName })}
            </span>
          )}
          {editable && (
            <Button icon={<ThunderboltOutlined aria-hidden />} onClick={() => void runAuto()} loading={busy}>
              {t("plans.autoConfirm")}
            </Button>
          )}
          {editable && <PublishButton plan={plan} />}
        </Space>
        <p className="plans-hint" style={{ marginTop: 8 }}>
          {editable ? t("plans.mentionsHelp") : t("plans.mentionsReadOnly")}
        </p>
        {error && <Alert role="alert" type="error" showIcon title={error} />}
      </Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          aria-label={t("plans.mentionFilter")}
          value={filter}
          onChange={(v) => setFilter(v as "all" | "open")}
          options={[
            { value: "all", label: t("plans.filterAll") },
            { value: "open", label: t("plans.filterOpen", { count: open.length }) },
          ]}
        />
        <Input.Search
          aria-label={t("plans.filterMentions")}
          placeholder={t("plans.filterMentions")}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 260 }}
        />
      </Space>
      {mentions.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {mentions.isError && <Alert type="error" showIcon title={mentions.error.message} />}
      {mentions.data && shown.length === 0 && (
        <Empty description={filter === "open" ? t("plans.allConfirmed") : t("plans.noMentions")} />
      )}
      <ul className="plans-mentions" aria-label={t("plans.tabMentions")}>
        {shown.map((m) => (
          <MentionRow
            key={`${m.mention}-${m.resolution?.at ?? ""}`}
            planId={plan.id}
            mention={m}
            groups={groups.data?.items ?? []}
            editable={editable}
            asOf={asOf}
            onChanged={refresh}
            onGoTo={onGoTo}
          />
        ))}
      </ul>
    </>
  );
}

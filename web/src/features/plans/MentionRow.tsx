import { CheckOutlined } from "@ant-design/icons";
import { Alert, App, Button, Col, Radio, Row, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitGroup } from "../../../../common/schemas/units.ts";
import { ApiError } from "../../api/client.ts";
import { UnitTreeSelect } from "../../components/UnitTreeSelect.tsx";
import { labelSearch } from "../../lib/search.ts";
import { type PlanMention, resolveMention } from "./api.ts";

type Props = {
  planId: string;
  mention: PlanMention;
  groups: UnitGroup[];
  editable: boolean;
  asOf?: string;
  onChanged: () => Promise<void>;
  onGoTo: (code: string) => void;
};

export const REASON_COLORS = { exact: "green", alias: "blue", similar: "orange" } as const;

/** One mention: where it is used, the directory's suggestions, and the choice made for it. */
export function MentionRow({ planId, mention, groups, editable, asOf, onChanged, onGoTo }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const resolution = mention.resolution;
  // A collective mention ("các sở, ban, ngành") names many units: a group is chosen first.
  const [mode, setMode] = useState<"units" | "group">(
    resolution?.groupId || (!resolution && mention.collective) ? "group" : "units",
  );
  const [unitIds, setUnitIds] = useState<string[]>(
    resolution && !resolution.groupId ? resolution.unitIds : [],
  );
  const [groupId, setGroupId] = useState<string | null>(resolution?.groupId ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmed = !!resolution?.confirmed;
  const slug = `mention-${mention.mention.replace(/[^\p{L}\p{N}]+/gu, "-")}`;

  async function save(body: { unitIds?: string[]; groupId?: string }) {
    setBusy(true);
    setError(null);
    try {
      await resolveMention(planId, { mention: mention.mention, ...body, confirmed: true });
      message.success(t("plans.mentionConfirmed", { mention: mention.mention }));
      await onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const chosen = mode === "units" ? unitIds.length > 0 : !!groupId;
  return (
    <li className={`plans-mention${confirmed ? "" : " is-open"}`} aria-labelledby={`${slug}-name`}>
      <div className="plans-mention-head">
        <h3 id={`${slug}-name`} className="plans-mention-name">
          {mention.mention}
        </h3>
        <Tag color={confirmed ? "green" : "red"}>
          {confirmed ? t("plans.mentionState.confirmed") : t("plans.mentionState.open")}
        </Tag>
        {resolution?.byExactName && <Tag color="cyan">{t("plans.byExactName")}</Tag>}
        {mention.collective && <Tag color="purple">{t("plans.collective")}</Tag>}
        <span className="plans-muted">
          {t("plans.uses", { count: mention.uses })} ·{" "}
          {mention.roles.map((r) => t(`plans.mentionRole.${r}`)).join(", ")}
        </span>
      </div>
      <div className="plans-mention-codes">
        {mention.codes.slice(0, 12).map((code) => (
          <Button
            key={code}
            size="small"
            type="link"
            className="plans-code-link"
            onClick={() => onGoTo(code)}
          >
            {code}
          </Button>
        ))}
        {mention.codes.length > 12 && <span className="plans-muted">+{mention.codes.length - 12}</span>}
      </div>
      {resolution && (
        <p className="plans-resolution">
          {t("plans.resolvedTo")}{" "}
          {resolution.groupId && (
            <Tag color="purple">
              {groups.find((g) => g.id === resolution.groupId)?.name ?? t("plans.group")}
            </Tag>
          )}
          {resolution.units.slice(0, 8).map((u) => (
            <Tag key={u.id}>{u.name}</Tag>
          ))}
          {resolution.units.length > 8 && t("plans.andMore", { count: resolution.units.length - 8 })}
        </p>
      )}
      {mention.suggestions.length > 0 && (
        <ul
          className="plans-suggestions"
          aria-label={t("plans.suggestionsFor", { mention: mention.mention })}
        >
          {mention.suggestions.map((s) => (
            <li key={`${s.kind}-${s.id}`}>
              <Tag color={REASON_COLORS[s.reason]}>{t(`plans.matchReason.${s.reason}`)}</Tag>
              <span>
                {s.kind === "group" ? `${t("plans.group")}: ` : ""}
                {s.name}
              </span>{" "}
              <strong>{Math.round(s.confidence * 100)}%</strong>
              {editable && (
                <Button
                  size="small"
                  icon={<CheckOutlined aria-hidden />}
                  style={{ marginInlineStart: 8 }}
                  loading={busy}
                  aria-label={t("plans.useSuggestionFor", { name: s.name, mention: mention.mention })}
                  onClick={() => void save(s.kind === "unit" ? { unitIds: [s.id] } : { groupId: s.id })}
                >
                  {t("plans.useSuggestion")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && !confirmed && mention.suggestions.length === 0 && (
        <p className="plans-hint">{t("plans.noSureSuggestion")}</p>
      )}
      {editable && (
        <fieldset className="plans-fieldset">
          <legend>{t("plans.chooseFor", { mention: mention.mention })}</legend>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ marginBottom: 8 }}>
            <Radio value="units">{t("plans.chooseUnits")}</Radio>
            <Radio value="group">{t("plans.chooseGroup")}</Radio>
          </Radio.Group>
          <Row gutter={8} align="middle">
            <Col flex="auto">
              {mode === "units" ? (
                <UnitTreeSelect
                  multiple
                  asOf={asOf}
                  value={unitIds}
                  onChange={(v) => setUnitIds(Array.isArray(v) ? v : v ? [v] : [])}
                  placeholder={t("plans.pickUnits")}
                  aria-describedby={`${slug}-name`}
                />
              ) : (
                <Select
                  style={{ width: "100%" }}
                  value={groupId ?? undefined}
                  onChange={setGroupId}
                  showSearch={labelSearch()}
                  placeholder={t("plans.pickGroup")}
                  aria-label={t("plans.pickGroupFor", { mention: mention.mention })}
                  options={groups.map((g) => ({ value: g.id, label: g.name }))}
                />
              )}
            </Col>
            <Col>
              <Space>
                <Button
                  type="primary"
                  disabled={!chosen}
                  loading={busy}
                  onClick={() =>
                    void save(mode === "units" ? { unitIds } : { groupId: groupId ?? undefined })
                  }
                >
                  {t("plans.confirmMention")}
                </Button>
              </Space>
            </Col>
          </Row>
        </fieldset>
      )}
      {error && <Alert role="alert" style={{ marginTop: 8 }} type="error" showIcon title={error} />}
    </li>
  );
}

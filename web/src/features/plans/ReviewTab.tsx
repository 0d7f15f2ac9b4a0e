import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Empty, Row, Skeleton } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type PlanDetail, type PlanTreeAnswer, planSourceQuery, type VersionRef } from "./api.ts";
import { findItem, withChildrenCodes } from "./format.ts";
import { ItemDetail } from "./ItemDetail.tsx";
import { ItemTree } from "./ItemTree.tsx";
import { SourcePane } from "./SourcePane.tsx";

type Props = {
  plan: PlanDetail;
  tree: PlanTreeAnswer;
  version: VersionRef | "default";
  editable: boolean;
  selected: string | null;
  onSelect: (code: string | null) => void;
};

/**
 * The review screen: the source text and the parsed tree side by side (stacked on a phone),
 * linked both ways, and the selected item's details under the tree.
 */
export function ReviewTab({ plan, tree, version, editable, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const source = useQuery(planSourceQuery(plan.id));
  const [expanded, setExpanded] = useState<string[]>(() => withChildrenCodes(tree.items));
  const item = selected ? findItem(tree.items, selected) : null;
  const range = item?.source?.lines ?? null;
  const mentions = useMemo(() => tree.mentions.map((m) => m.mention).sort(), [tree.mentions]);

  // Below the lg breakpoint the details sit under both panes: bring them into view.
  const pick = (code: string | null) => {
    onSelect(code);
    if (code && window.matchMedia("(max-width: 991px)").matches) {
      requestAnimationFrame(() => document.getElementById("plan-item")?.scrollIntoView({ block: "start" }));
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={
            <h2 className="card-heading" id="plans-source-heading">
              {t("plans.sourceTitle")}
            </h2>
          }
          extra={source.data?.filename && <span className="plans-muted">{source.data.filename}</span>}
        >
          <p id="plans-source-help" className="plans-hint">
            {t("plans.sourceHelp")}
          </p>
          {source.isPending && <Skeleton active paragraph={{ rows: 12 }} />}
          {source.isError && <Alert type="error" showIcon title={source.error.message} />}
          {source.data && (
            <SourcePane lines={source.data.lines} range={range} onPick={(code) => pick(code)} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={
            <h2 className="card-heading" id="plans-tree-heading">
              {t("plans.treeTitle")}
            </h2>
          }
          extra={<span className="plans-muted">{t("plans.countsText", plan.counts)}</span>}
        >
          {tree.items.length === 0 ? (
            <Empty description={t("plans.emptyTree")} />
          ) : (
            <ItemTree
              items={tree.items}
              selected={selected}
              onSelect={pick}
              expanded={expanded}
              onExpand={setExpanded}
            />
          )}
        </Card>
        <Card size="small" id="plan-item" style={{ marginTop: 16 }}>
          {item ? (
            <ItemDetail
              key={item.code}
              planId={plan.id}
              revision={plan.revision}
              version={version}
              item={item}
              items={tree.items}
              editable={editable}
              mentions={mentions}
            />
          ) : (
            <p className="plans-muted" style={{ margin: 0 }}>
              {t("plans.selectHint")}
            </p>
          )}
        </Card>
      </Col>
    </Row>
  );
}

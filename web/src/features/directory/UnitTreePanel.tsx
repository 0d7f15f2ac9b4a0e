import { MinusSquareOutlined, PlusSquareOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Empty, Skeleton, Tree } from "antd";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { UnitTreeNode } from "../../../../common/schemas/units.ts";
import { unitTreeQuery } from "./api.ts";
import { countUnits, findPath, keysToDepth } from "./tree.ts";

type AntNode = { key: string; title: React.ReactNode; children?: AntNode[] };

type Props = {
  asOf: string;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  expandedKeys: string[] | null;
  onExpand: (keys: string[]) => void;
};

function toAnt(nodes: UnitTreeNode[], typeLabel: (type: string) => string): AntNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: (
      <span>
        {n.name}
        <span className="visually-hidden"> — {typeLabel(n.type)}</span>
      </span>
    ),
    children: n.children.length ? toAnt(n.children, typeLabel) : undefined,
  }));
}

export function UnitTreePanel({ asOf, selectedId, onSelect, expandedKeys, onExpand }: Props) {
  const { t } = useTranslation();
  const tree = useQuery(unitTreeQuery(asOf));
  const data = useMemo(() => toAnt(tree.data ?? [], (type) => t(`unitType.${type}`)), [tree.data, t]);

  // First view: the province, UBND tỉnh and the level below them open.
  useEffect(() => {
    if (tree.data && expandedKeys === null) onExpand(keysToDepth(tree.data, 2));
  }, [tree.data, expandedKeys, onExpand]);

  // A unit chosen elsewhere (search, link) opens its branch in the tree and scrolls to it.
  useEffect(() => {
    if (!tree.data || !selectedId) return;
    const path = findPath(tree.data, selectedId);
    if (path?.some((k) => !(expandedKeys ?? []).includes(k))) {
      onExpand([...new Set([...(expandedKeys ?? []), ...path])]);
    }
    const el = document.querySelector(`[data-unit-id="${selectedId}"]`);
    el?.scrollIntoView({ block: "nearest" });
  }, [tree.data, selectedId, expandedKeys, onExpand]);

  const total = tree.data ? countUnits(tree.data) : 0;
  return (
    <Card
      title={
        <h2 className="card-heading" id="unit-tree-heading">
          {t("directory.treeTitle")}
        </h2>
      }
      extra={tree.data && <span>{t("directory.unitCount", { count: total })}</span>}
    >
      {tree.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {tree.isError && <Alert type="error" showIcon title={tree.error.message} />}
      {tree.data && tree.data.length === 0 && <Empty description={t("directory.emptyTree")} />}
      {tree.data && tree.data.length > 0 && (
        <div className="dt-tree-panel">
          <Tree
            aria-labelledby="unit-tree-heading"
            treeData={data}
            selectedKeys={selectedId ? [selectedId] : []}
            expandedKeys={expandedKeys ?? []}
            onExpand={(keys) => onExpand(keys.map(String))}
            onSelect={(keys) => onSelect(keys.length ? String(keys[0]) : null)}
            titleRender={(node) => (
              <span data-unit-id={String(node.key)}>{node.title as React.ReactNode}</span>
            )}
            // aria-expanded already says it; an icon label would be read before every unit name.
            switcherIcon={({ expanded }) =>
              expanded ? <MinusSquareOutlined aria-hidden /> : <PlusSquareOutlined aria-hidden />
            }
            showLine
            blockNode
          />
        </div>
      )}
    </Card>
  );
}

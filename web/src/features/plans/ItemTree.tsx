import { MinusSquareOutlined, PlusSquareOutlined } from "@ant-design/icons";
import { Tag, Tree } from "antd";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { PlanItem } from "../../../../common/plan-tree.ts";
import { ACTOR_ROLES, ancestorCodes, hasActors, itemLabel } from "./format.ts";

type AntNode = { key: string; title: React.ReactNode; children?: AntNode[] };

type Props = {
  items: PlanItem[];
  selected: string | null;
  onSelect: (code: string | null) => void;
  expanded: string[];
  onExpand: (keys: string[]) => void;
};

export const KIND_COLORS: Record<PlanItem["kind"], string> = {
  section: "purple",
  heading: "geekblue",
  task: "green",
  statement: "default",
};

function ItemTitle({ item }: { item: PlanItem }) {
  const { t } = useTranslation();
  const actors = ACTOR_ROLES.flatMap((role) =>
    item.actors[role].length ? [`${t(`plans.actorShort.${role}`)}: ${item.actors[role].join(", ")}`] : [],
  );
  return (
    <span data-code={item.code} className="plans-node">
      <span className="plans-node-head">
        <strong className="plans-code">{item.code}</strong>
        <Tag color={KIND_COLORS[item.kind]} className="plans-kind">
          {t(`plans.kind.${item.kind}`)}
        </Tag>
        <span className="plans-node-label">{itemLabel(item)}</span>
      </span>
      {(hasActors(item.actors) || item.due) && item.kind !== "section" && (
        <span className="plans-node-meta">
          {actors.join(" · ")}
          {item.due && (
            <>
              {actors.length ? " · " : ""}
              {t("plans.due")}: {item.due.text}
            </>
          )}
        </span>
      )}
    </span>
  );
}

function toAnt(items: PlanItem[]): AntNode[] {
  return items.map((item) => ({
    key: item.code,
    title: <ItemTitle item={item} />,
    children: item.children.length ? toAnt(item.children) : undefined,
  }));
}

/** The parsed tree; a selection made in the source opens the item's branch and scrolls to it. */
export function ItemTree({ items, selected, onSelect, expanded, onExpand }: Props) {
  const { t } = useTranslation();
  const data = useMemo(() => toAnt(items), [items]);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!selected) return;
    const path = ancestorCodes(items, selected) ?? [];
    if (path.some((code) => !expanded.includes(code))) {
      onExpand([...new Set([...expanded, ...path])]);
      return; // scrolled once the branch has rendered open
    }
    const el = box.current?.querySelector<HTMLElement>(`[data-code="${CSS.escape(selected)}"]`);
    const container = box.current;
    if (el && container) {
      const top = el.getBoundingClientRect().top - container.getBoundingClientRect().top;
      if (top < 0 || top > container.clientHeight - 40)
        container.scrollTop += top - container.clientHeight / 4;
    }
  }, [selected, items, expanded, onExpand]);

  return (
    <div ref={box} className="plans-tree">
      <Tree
        aria-label={t("plans.treeLabel")}
        treeData={data}
        selectedKeys={selected ? [selected] : []}
        expandedKeys={expanded}
        onExpand={(keys) => onExpand(keys.map(String))}
        onSelect={(keys, info) => onSelect(keys.length ? String(keys[0]) : String(info.node.key))}
        switcherIcon={({ expanded: open }) =>
          open ? <MinusSquareOutlined aria-hidden /> : <PlusSquareOutlined aria-hidden />
        }
        showLine
        blockNode
      />
    </div>
  );
}

import { Tag } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AppliedEvent } from "./api.ts";

/** What an event did (or, in a dry run, would do): units created, closed, renamed, moved, and obligations. */
export function OutcomeSummary({ outcome }: { outcome: AppliedEvent["outcome"] }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  const section = (key: string, count: number, body: ReactNode) =>
    count > 0 ? (
      <section className="rs-outcome-section" aria-label={t(`restructuring.outcome.${key}`)}>
        <h3 className="rs-h3">
          {t(`restructuring.outcome.${key}`)} <Tag>{count}</Tag>
        </h3>
        {body}
      </section>
    ) : null;
  return (
    <div className="rs-outcome">
      {section(
        "closed",
        outcome.closed?.length ?? 0,
        <ul className="rs-list">
          {outcome.closed?.map((c) => (
            <li key={c.id}>
              {c.name} → {c.successors.length ? c.successors.join(", ") : t("restructuring.noSuccessor")}
            </li>
          ))}
        </ul>,
      )}
      {section(
        "created",
        outcome.created?.length ?? 0,
        <ul className="rs-list">
          {outcome.created?.map((c) => (
            <li key={`${c.key}-${c.name}`}>
              {c.name} <span className="rs-muted">({t(`unitType.${c.type}`)})</span>
            </li>
          ))}
        </ul>,
      )}
      {section(
        "renamed",
        outcome.renamed?.length ?? 0,
        <ul className="rs-list">
          {outcome.renamed?.map((r) => (
            <li key={r.id}>
              {r.from} → {r.to}
            </li>
          ))}
        </ul>,
      )}
      {section(
        "moved",
        outcome.moved?.length ?? 0,
        <ul className="rs-list">
          {outcome.moved?.map((m) => (
            <li key={m.id}>{t("restructuring.movedLine", { name: m.name, parent: m.parent })}</li>
          ))}
        </ul>,
      )}
      {section(
        "transfers",
        outcome.transfers?.length ?? 0,
        <ul className="rs-list rs-transfers">
          {outcome.transfers?.map((tr, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed outcome
            <li key={i}>
              <strong>{tr.from}</strong> → {tr.to.join(", ")}
              <div className="rs-muted">
                <Tag>{t(`restructuring.module.${tr.module}`, { defaultValue: tr.module })}</Tag>
                {tr.description}
              </div>
            </li>
          ))}
        </ul>,
      )}
    </div>
  );
}

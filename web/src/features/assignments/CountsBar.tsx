import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Summary } from "./api.ts";
import { CLASS_STYLE, CLASSES } from "./labels.tsx";

/** The four classes of the Government Office, and the requested bodies apart, for the list shown. */
export function CountsBar({ planId, mine }: { planId?: string; mine: boolean }) {
  const { t } = useTranslation();
  const summary = useQuery({
    queryKey: ["assignments", "summary", planId ?? "", "plan", mine],
    queryFn: () =>
      api<Summary>("/api/assignments/summary", {
        query: { planId, groupBy: "plan", mine: mine ? "true" : undefined },
      }),
  });
  if (!summary.data) return null;
  const { counts, requested } = summary.data.totals;
  return <ClassCounts counts={counts} requested={requested} label={t("assignments.countsLabel")} />;
}

export function ClassCounts({
  counts,
  requested,
  label,
}: {
  counts: Summary["totals"]["counts"];
  requested: Summary["totals"]["requested"];
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <ul className="asg-counts" aria-label={label}>
      {CLASSES.map((c) => (
        <li key={c} style={{ ...CLASS_STYLE[c], borderColor: CLASS_STYLE[c].border }}>
          <strong>{counts[c]}</strong> <span>{t(`assignments.class.${c}`)}</span>
        </li>
      ))}
      <li style={{ ...CLASS_STYLE.requested, borderColor: CLASS_STYLE.requested.border }}>
        <strong>{requested.open + requested.completed}</strong>{" "}
        <span>
          {t("assignments.requestedCount", { completed: requested.completed, open: requested.open })}
        </span>
      </li>
    </ul>
  );
}

import { Button, Card, Descriptions, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/dates.ts";
import type { PlanDetail, PlanTreeAnswer } from "./api.ts";
import { formatPartialDate, numberSymbol, STATUS_COLORS } from "./format.ts";

type Props = { plan: PlanDetail; tree: PlanTreeAnswer | undefined; onGoTo: (code: string) => void };

/** The plan's metadata, the documents it implements and the importer's warnings. */
export function PlanHeader({ plan, tree, onGoTo }: Props) {
  const { t } = useTranslation();
  const signer = tree?.document.signer;
  const dash = (v: string | null | undefined) => v || "—";
  return (
    <Card style={{ marginBottom: 16 }}>
      <h1 className="page-title plans-heading">
        {plan.type ? <span className="plans-type">{plan.type}</span> : null}
        {plan.title}
      </h1>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: "number", label: t("plans.numberSymbol"), children: dash(numberSymbol(plan)) },
          { key: "date", label: t("plans.date"), children: dash(formatPartialDate(plan.date)) },
          { key: "issuer", label: t("plans.issuer"), children: dash(plan.issuer) },
          {
            key: "status",
            label: t("plans.status"),
            children: <Tag color={STATUS_COLORS[plan.status]}>{t(`plans.statusName.${plan.status}`)}</Tag>,
          },
          {
            key: "version",
            label: t("plans.version"),
            children: plan.currentVersion > 0 ? plan.currentVersion : t("plans.notPublished"),
          },
          {
            key: "signer",
            label: t("plans.signer"),
            children: signer
              ? [signer.authority.join(", "), signer.position, signer.name].filter(Boolean).join(" · ")
              : "—",
          },
          {
            key: "counts",
            label: t("plans.counts"),
            children: t("plans.countsText", { items: plan.counts.items, tasks: plan.counts.tasks }),
          },
          ...(plan.source.filename
            ? [{ key: "file", label: t("plans.sourceFile"), children: plan.source.filename }]
            : []),
          ...(plan.parent ? [{ key: "parent", label: t("plans.parent"), children: plan.parent.title }] : []),
          ...(plan.implements.length
            ? [
                {
                  key: "implements",
                  label: t("plans.implements"),
                  span: "filled" as const,
                  children: plan.implements
                    .map((r) =>
                      [r.kind, r.number, r.date ? formatPartialDate(r.date) : null, r.issuer]
                        .filter(Boolean)
                        .join(" "),
                    )
                    .join("; "),
                },
              ]
            : []),
          ...(plan.pendingAmendment
            ? [
                {
                  key: "amendment",
                  label: t("plans.pendingAmendment"),
                  span: "filled" as const,
                  children: `${plan.pendingAmendment.amendingNumber} — ${plan.pendingAmendment.reason} (${formatDateTime(plan.pendingAmendment.openedAt)})`,
                },
              ]
            : []),
        ]}
      />
      {tree && tree.warnings.length > 0 && (
        <section aria-labelledby="plan-warnings-heading" className="plans-warnings">
          <h2 id="plan-warnings-heading" className="plans-subheading">
            {t("plans.warnings", { count: tree.warnings.length })}
          </h2>
          <ul>
            {tree.warnings.map((w) => (
              <li key={`${w.code}-${w.at}-${w.line}-${w.message}`}>
                <Tag>{t(`plans.warningCode.${w.code}`)}</Tag>
                {w.at ? (
                  <Button
                    type="link"
                    size="small"
                    className="plans-code-link"
                    onClick={() => onGoTo(w.at as string)}
                  >
                    {w.at}
                  </Button>
                ) : w.line ? (
                  <span className="plans-muted">{t("plans.line", { n: w.line })} </span>
                ) : null}{" "}
                {w.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Card>
  );
}

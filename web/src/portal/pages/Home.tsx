import type { PublicPlan } from "../api.ts";
import { LoadError, Loading, PageHeading, ProgressBar, usePageTitle } from "../components.tsx";
import { formatPartialDate, t } from "../i18n.ts";
import { Link } from "../router.tsx";
import { useLoad } from "../useLoad.ts";

/** "KẾ HOẠCH" + "Thực hiện …" → "Kế hoạch thực hiện …", as the plan is named in a sentence. */
function planName(plan: PublicPlan): string {
  if (!plan.type) return plan.title;
  const type = plan.type.toLocaleLowerCase("vi");
  return `${type.charAt(0).toLocaleUpperCase("vi")}${type.slice(1)} ${plan.title.charAt(0).toLocaleLowerCase("vi")}${plan.title.slice(1)}`;
}

function PlanCard({ plan }: { plan: PublicPlan }) {
  const reference = [plan.number && plan.symbol ? `${plan.number}/${plan.symbol}` : null, plan.issuer]
    .filter(Boolean)
    .join(" — ");
  const done = plan.counts.completed_on_time + plan.counts.completed_late;
  const open = plan.counts.open_within_deadline;
  let section: string | null = null;
  return (
    <article className="card plan" aria-labelledby={`plan-${plan.id}`}>
      <h2 id={`plan-${plan.id}`}>{planName(plan)}</h2>
      {(reference || plan.date) && (
        <p className="muted">
          {plan.date
            ? t("portal.home.issued", {
                what: reference || plan.type || "",
                date: formatPartialDate(plan.date),
              })
            : reference}
        </p>
      )}
      {plan.summary && (
        <section aria-labelledby={`summary-${plan.id}`}>
          <h3 id={`summary-${plan.id}`}>{t("portal.home.summaryTitle")}</h3>
          {plan.summary.split("\n").map((paragraph, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one fixed text
            <p key={index}>{paragraph}</p>
          ))}
        </section>
      )}
      <section aria-labelledby={`progress-${plan.id}`}>
        <h3 id={`progress-${plan.id}`}>{t("portal.home.progressTitle")}</h3>
        <div className="overall">
          <strong>{t("portal.home.overall")}</strong>
          <ProgressBar value={plan.progress} label={t("portal.home.progressOf", { label: plan.title })} />
          <p className="counts">
            <span>{t("portal.home.tasks", { count: plan.tasks })}.</span>
            <span>{t("portal.home.parts", { count: done + open + plan.counts.open_overdue })}</span>
            <span>{t("portal.home.done", { count: done })}</span>
            <span>{t("portal.home.open", { count: open })}</span>
            <span className={plan.counts.open_overdue > 0 ? "overdue" : undefined}>
              {t("portal.home.overdue", { count: plan.counts.open_overdue })}
            </span>
          </p>
        </div>
        <ul className="headings">
          {plan.headings.map((heading) => {
            const showSection = heading.section !== null && heading.section !== section;
            section = heading.section;
            const finished = heading.counts.completed_on_time + heading.counts.completed_late;
            const open = heading.counts.open_within_deadline;
            return (
              <li key={heading.code}>
                {showSection && <p className="section-title">{heading.section}</p>}
                <p className="heading-label">
                  <span className="code">{heading.code}</span> {heading.label}
                </p>
                <ProgressBar
                  value={heading.progress}
                  label={t("portal.home.progressOf", { label: heading.label })}
                />
                <p className="counts">
                  <span>{t("portal.home.tasks", { count: heading.tasks })}.</span>
                  <span>
                    {t("portal.home.parts", { count: finished + open + heading.counts.open_overdue })}
                  </span>
                  <span>{t("portal.home.done", { count: finished })}</span>
                  <span>{t("portal.home.open", { count: open })}</span>
                  {heading.counts.open_overdue > 0 && (
                    <span className="overdue">
                      {t("portal.home.overdue", { count: heading.counts.open_overdue })}
                    </span>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
        <p className="muted small">{t("portal.home.rule")}</p>
      </section>
    </article>
  );
}

export default function Home() {
  usePageTitle(t("portal.nav.home"));
  const plans = useLoad<{ plans: PublicPlan[] }>("/api/public/plans");
  return (
    <>
      <PageHeading>{t("portal.home.title")}</PageHeading>
      <p className="lead">{t("portal.home.intro")}</p>
      <nav aria-label={t("portal.home.actionsLabel")}>
        <ul className="actions">
          <li>
            <Link to="/gui-phan-anh" className="action">
              <strong>{t("portal.home.actionSubmit")}</strong>
              <span>{t("portal.home.actionSubmitText")}</span>
            </Link>
          </li>
          <li>
            <Link to="/tra-cuu" className="action">
              <strong>{t("portal.home.actionLookup")}</strong>
              <span>{t("portal.home.actionLookupText")}</span>
            </Link>
          </li>
          <li>
            <Link to="/tra-loi" className="action">
              <strong>{t("portal.home.actionAnswers")}</strong>
              <span>{t("portal.home.actionAnswersText")}</span>
            </Link>
          </li>
          <li>
            <Link to="/doi-thoai" className="action">
              <strong>{t("portal.home.actionDialogues")}</strong>
              <span>{t("portal.home.actionDialoguesText")}</span>
            </Link>
          </li>
          <li>
            <Link to="/gop-y" className="action">
              <strong>{t("portal.home.actionConsultations")}</strong>
              <span>{t("portal.home.actionConsultationsText")}</span>
            </Link>
          </li>
        </ul>
      </nav>
      {plans.loading && <Loading />}
      {plans.error !== null && <LoadError retry={plans.reload} />}
      {plans.data && plans.data.plans.length === 0 && <p>{t("portal.home.noPlans")}</p>}
      {plans.data?.plans.map((plan) => (
        <PlanCard key={plan.id} plan={plan} />
      ))}
    </>
  );
}

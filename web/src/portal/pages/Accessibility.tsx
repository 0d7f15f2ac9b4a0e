import checkFile from "../accessibility-check.json";
import { PageHeading, usePageTitle } from "../components.tsx";
import { formatDate, t, useLocale } from "../i18n.ts";
import { Link } from "../router.tsx";

// Where a barrier can also be reported by e-mail: set when the portal is built
// (VITE_ACCESSIBILITY_CONTACT=tiepcan@example.gov.vn); without it the petition form is the way.
const CONTACT = (import.meta.env.VITE_ACCESSIBILITY_CONTACT as string | undefined)?.trim() || null;

type Check = { checkedOn: string | null; pages: number; roles: number; standard: string };
const check = checkFile as Check;

const SUPPORTED = ["keyboard", "screenReader", "zoom", "contrast", "charts", "language"] as const;
const LIMITS = ["attachments", "thirdParty"] as const;

/**
 * What the portal and the staff app support for people with disabilities, what is known not to
 * work, how to report a barrier, and when the automatic check last ran: the date and counts come
 * from accessibility-check.json, which the browser accessibility test writes when every page passes.
 */
export default function Accessibility() {
  useLocale();
  usePageTitle(t("portal.a11y.title"));
  return (
    <>
      <PageHeading>{t("portal.a11y.title")}</PageHeading>
      <p className="lead">{t("portal.a11y.intro")}</p>

      <section className="card" aria-labelledby="a11y-supported">
        <h2 id="a11y-supported">{t("portal.a11y.supportedTitle")}</h2>
        <ul>
          {SUPPORTED.map((key) => (
            <li key={key}>{t(`portal.a11y.supported.${key}`)}</li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="a11y-limits">
        <h2 id="a11y-limits">{t("portal.a11y.limitsTitle")}</h2>
        <ul>
          {LIMITS.map((key) => (
            <li key={key}>{t(`portal.a11y.limits.${key}`)}</li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="a11y-report">
        <h2 id="a11y-report">{t("portal.a11y.reportTitle")}</h2>
        <p>
          {t("portal.a11y.reportForm")} <Link to="/gui-phan-anh">{t("portal.a11y.reportFormLink")}</Link>
        </p>
        {CONTACT && (
          <p>
            {t("portal.a11y.reportEmail")} <a href={`mailto:${CONTACT}`}>{CONTACT}</a>
          </p>
        )}
        <p>{t("portal.a11y.reportAnswer")}</p>
      </section>

      <section className="card" aria-labelledby="a11y-check">
        <h2 id="a11y-check">{t("portal.a11y.checkTitle")}</h2>
        <p>
          {check.checkedOn
            ? t("portal.a11y.checkedOn", {
                date: formatDate(check.checkedOn),
                pages: check.pages,
                roles: check.roles,
                standard: check.standard,
              })
            : t("portal.a11y.notChecked")}
        </p>
        <p>{t("portal.a11y.checkHow")}</p>
      </section>
    </>
  );
}

import type { PublicConsultation, PublicConsultationDetail } from "../api.ts";
import { CivicForm } from "../CivicForm.tsx";
import { LoadError, Loading, PageHeading, usePageTitle } from "../components.tsx";
import { formatDate, t, useLocale } from "../i18n.ts";
import { Link } from "../router.tsx";
import { useLoad } from "../useLoad.ts";

function Period({ consultation }: { consultation: PublicConsultation }) {
  return (
    <p className="muted small">
      {t(`portal.consultations.phases.${consultation.phase}`)} ·{" "}
      {t("portal.consultations.period", {
        from: formatDate(consultation.opensOn),
        to: formatDate(consultation.closesOn),
      })}{" "}
      · {t("portal.consultations.drafting", { unit: consultation.draftingUnit })}
    </p>
  );
}

export function ConsultationList() {
  useLocale();
  usePageTitle(t("portal.consultations.title"));
  const list = useLoad<{ items: PublicConsultation[] }>("/api/public/consultations?phase=open");
  return (
    <>
      <PageHeading>{t("portal.consultations.title")}</PageHeading>
      <p className="lead">{t("portal.consultations.intro")}</p>
      {list.loading && <Loading />}
      {list.error !== null && <LoadError retry={list.reload} />}
      {list.data?.items.length === 0 && <p>{t("portal.consultations.none")}</p>}
      <ul className="answers">
        {list.data?.items.map((consultation) => (
          <li key={consultation.id} className="card">
            <h2>{consultation.title}</h2>
            <Period consultation={consultation} />
            <p className="prewrap">{consultation.summary}</p>
            <p className="muted small">
              {t("portal.consultations.commentsCount", { count: consultation.publishedComments })}
            </p>
            <p>
              <Link to={`/gop-y/${consultation.id}`}>
                {t("portal.consultations.open", { title: consultation.title })}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ConsultationPage({ id }: { id: string }) {
  useLocale();
  const detail = useLoad<PublicConsultationDetail>(`/api/public/consultations/${encodeURIComponent(id)}`);
  const consultation = detail.data;
  usePageTitle(consultation?.title ?? t("portal.consultations.title"));
  return (
    <>
      <p>
        <Link to="/gop-y">← {t("portal.consultations.back")}</Link>
      </p>
      {detail.loading && <Loading />}
      {detail.error !== null && <LoadError retry={detail.reload} />}
      {consultation && (
        <>
          <PageHeading>{consultation.title}</PageHeading>
          <Period consultation={consultation} />
          <p className="lead prewrap">{consultation.summary}</p>
          {consultation.phase !== "open" && <p className="card">{t("portal.consultations.notOpen")}</p>}
          {consultation.sections.map((section) => (
            <section key={section.id} className="card" aria-labelledby={`section-${section.id}`}>
              <h2 id={`section-${section.id}`}>{section.heading}</h2>
              <p className="prewrap">{section.text}</p>
              <h3>{t("portal.consultations.comments", { count: section.comments.length })}</h3>
              <ol className="timeline">
                {section.comments.map((comment) => (
                  <li key={comment.id}>
                    <p className="muted small">
                      {comment.authorName ?? t(`portal.consultations.authorKinds.${comment.authorKind}`)} ·{" "}
                      {formatDate(comment.submittedAt)}
                    </p>
                    <p className="prewrap">{comment.text}</p>
                    {comment.response && (
                      <p className="prewrap">
                        <strong>
                          {t("portal.consultations.response")} —{" "}
                          {t(`portal.consultations.results.${comment.response.result}`)}:
                        </strong>{" "}
                        {comment.response.explanation}
                      </p>
                    )}
                  </li>
                ))}
              </ol>
              {consultation.phase === "open" && (
                <details className="comment-form">
                  <summary>{t("portal.consultations.commentOn", { heading: section.heading })}</summary>
                  <CivicForm
                    url={`/api/public/consultations/${encodeURIComponent(consultation.id)}/comments`}
                    title={t("portal.consultations.commentOn", { heading: section.heading })}
                    minText={10}
                    maxText={5000}
                    extra={{ sectionId: section.id }}
                    withOrganisation
                  />
                </details>
              )}
            </section>
          ))}
        </>
      )}
    </>
  );
}

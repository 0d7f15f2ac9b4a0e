import type { PublicDialogue, PublicDialogueDetail } from "../api.ts";
import { CivicForm } from "../CivicForm.tsx";
import { LoadError, Loading, PageHeading, usePageTitle } from "../components.tsx";
import { formatDate, formatDateTime, t, useLocale } from "../i18n.ts";
import { Link } from "../router.tsx";
import { useLoad } from "../useLoad.ts";

function Facts({ dialogue }: { dialogue: PublicDialogue }) {
  return (
    <dl className="facts">
      <dt>{t("portal.dialogues.when")}</dt>
      <dd>{formatDateTime(dialogue.startsAt)}</dd>
      <dt>{t("portal.dialogues.place")}</dt>
      <dd>{dialogue.place}</dd>
      <dt>{t("portal.dialogues.leader")}</dt>
      <dd>{dialogue.leader}</dd>
      <dt>{t("portal.dialogues.host")}</dt>
      <dd>{dialogue.hostUnit}</dd>
      {dialogue.communes.length > 0 && (
        <>
          <dt>{t("portal.dialogues.communes")}</dt>
          <dd>{dialogue.communes.join(", ")}</dd>
        </>
      )}
    </dl>
  );
}

export function DialogueList() {
  useLocale();
  usePageTitle(t("portal.dialogues.title"));
  const list = useLoad<{ items: PublicDialogue[] }>("/api/public/dialogues?when=upcoming");
  return (
    <>
      <PageHeading>{t("portal.dialogues.title")}</PageHeading>
      <p className="lead">{t("portal.dialogues.intro")}</p>
      {list.loading && <Loading />}
      {list.error !== null && <LoadError retry={list.reload} />}
      {list.data?.items.length === 0 && <p>{t("portal.dialogues.none")}</p>}
      <ul className="answers">
        {list.data?.items.map((dialogue) => (
          <li key={dialogue.id} className="card">
            <h2>{dialogue.title}</h2>
            <p className="muted small">
              {t(`portal.dialogues.statuses.${dialogue.status}`)} ·{" "}
              {t("portal.dialogues.questionsCount", { count: dialogue.publishedQuestions })}
            </p>
            <p>{dialogue.topic}</p>
            <Facts dialogue={dialogue} />
            <p>
              <Link to={`/doi-thoai/${dialogue.id}`}>
                {t("portal.dialogues.open", { title: dialogue.title })}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function DialoguePage({ id }: { id: string }) {
  useLocale();
  const detail = useLoad<PublicDialogueDetail>(`/api/public/dialogues/${encodeURIComponent(id)}`);
  const dialogue = detail.data;
  usePageTitle(dialogue?.title ?? t("portal.dialogues.title"));
  return (
    <>
      <p>
        <Link to="/doi-thoai">← {t("portal.dialogues.back")}</Link>
      </p>
      {detail.loading && <Loading />}
      {detail.error !== null && <LoadError retry={detail.reload} />}
      {dialogue && (
        <>
          <PageHeading>{dialogue.title}</PageHeading>
          <p className="muted">{t(`portal.dialogues.statuses.${dialogue.status}`)}</p>
          <p className="lead">{dialogue.topic}</p>
          <section className="card">
            <Facts dialogue={dialogue} />
          </section>
          {dialogue.acceptsQuestions ? (
            <CivicForm
              url={`/api/public/dialogues/${encodeURIComponent(dialogue.id)}/questions`}
              title={t("portal.dialogues.ask")}
              minText={10}
              maxText={4000}
            />
          ) : (
            dialogue.status === "scheduled" && <p className="card">{t("portal.dialogues.notAccepting")}</p>
          )}
          <section className="card" aria-labelledby="dialogue-questions">
            <h2 id="dialogue-questions">{t("portal.dialogues.questions")}</h2>
            {dialogue.questions.length === 0 && <p>{t("portal.dialogues.noQuestions")}</p>}
            <ol className="timeline">
              {dialogue.questions.map((question) => (
                <li key={question.id}>
                  <p className="prewrap">{question.text}</p>
                  {question.answer && (
                    <p className="prewrap">
                      <strong>{t("portal.dialogues.answer")}:</strong> {question.answer}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          </section>
          {dialogue.minutes && (
            <section className="card" aria-labelledby="dialogue-minutes">
              <h2 id="dialogue-minutes">{t("portal.dialogues.minutes")}</h2>
              <p className="prewrap">{dialogue.minutes}</p>
            </section>
          )}
          {dialogue.commitments.length > 0 && (
            <section className="card" aria-labelledby="dialogue-commitments">
              <h2 id="dialogue-commitments">{t("portal.dialogues.commitments")}</h2>
              <ul className="timeline">
                {dialogue.commitments.map((commitment) => (
                  <li key={commitment.id}>
                    <p className="prewrap">{commitment.text}</p>
                    <p className="muted small">
                      {t("portal.dialogues.commitmentDue", {
                        unit: commitment.ownerUnit,
                        date: formatDate(commitment.dueDate),
                      })}{" "}
                      ·{" "}
                      <span className={commitment.state === "overdue" ? "overdue" : undefined}>
                        {t(`portal.dialogues.commitmentStates.${commitment.state}`)}
                      </span>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}

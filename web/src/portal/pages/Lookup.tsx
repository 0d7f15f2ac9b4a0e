import { type FormEvent, useEffect, useId, useState } from "react";
import { NetworkError, type PetitionView, PortalApiError, request } from "../api.ts";
import { LoadError, Loading, PageHeading, usePageTitle } from "../components.tsx";
import { formatDate, t, useLocale } from "../i18n.ts";
import { navigate } from "../router.tsx";
import { useLoad } from "../useLoad.ts";

function errorText(error: unknown): string {
  if (error instanceof PortalApiError) return error.message;
  if (error instanceof NetworkError) return t("portal.loadFailed");
  return String(error);
}

type ProofForm = ReturnType<typeof useProofForm>;

/** Which part of the form a refusal is about: the choice (score, resolved), the proof, or neither. */
type ProofError = { message: string; field: "choice" | "contact" | null };

/**
 * The state of a form proven with the petition's contact, and its sending to `path`. A refusal is
 * announced (role="alert"), tied to the field it is about (aria-describedby, aria-invalid) and
 * that field takes the focus, so a screen-reader user hears what to correct and is there.
 */
function useProofForm(code: string, path: "rating" | "follow-up", onDone: () => void) {
  const ids = useId();
  const [comment, setComment] = useState("");
  const [contact, setContact] = useState("");
  const [error, setErrorState] = useState<ProofError | null>(null);
  const [busy, setBusy] = useState(false);
  const setError = (next: ProofError | null) => {
    setErrorState(next);
    if (!next?.field) return;
    // After the message is on the page, so the field is read with it.
    requestAnimationFrame(() => {
      const target =
        next.field === "contact"
          ? document.getElementById(`${ids}-contact`)
          : document.querySelector<HTMLInputElement>(`[id="${ids}-choice"] input`);
      target?.focus();
    });
  };
  const send = async (body: Record<string, unknown>) => {
    setBusy(true);
    setErrorState(null);
    try {
      await request(`/api/public/petitions/${encodeURIComponent(code)}/${path}`, {
        body: { ...body, contact: contact.trim(), ...(comment.trim() ? { comment: comment.trim() } : {}) },
      });
      onDone();
    } catch (err) {
      const field = err instanceof PortalApiError && err.field === "contact" ? "contact" : null;
      setError({ message: errorText(err), field });
    } finally {
      setBusy(false);
    }
  };
  /** The attributes that tie a field to the refusal about it. */
  const tie = (field: ProofError["field"]) =>
    error && error.field === field ? { "aria-describedby": `${ids}-error` } : {};
  return { ids, comment, setComment, contact, setContact, error, setError, busy, send, tie };
}

/**
 * The rating's and the follow-up's common tail: an optional comment, the phone or e-mail given
 * with the petition as proof (with its hint where asked), and the refusal, if any.
 */
function CommentAndProof({ proof, withHint }: { proof: ProofForm; withHint?: boolean }) {
  const { ids, comment, setComment: onComment, contact, setContact: onContact, error } = proof;
  const contactWrong = error?.field === "contact";
  const describedBy = [withHint ? `${ids}-contact-hint` : null, contactWrong ? `${ids}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-comment`}>{t("portal.lookup.comment")}</label>
        <textarea
          id={`${ids}-comment`}
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(e) => onComment(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-contact`}>{t("portal.lookup.proof")}</label>
        {withHint && (
          <p className="hint" id={`${ids}-contact-hint`}>
            {t("portal.lookup.proofHint")}
          </p>
        )}
        <input
          id={`${ids}-contact`}
          type="text"
          autoComplete={withHint ? "tel" : undefined}
          value={contact}
          onChange={(e) => onContact(e.target.value)}
          aria-describedby={describedBy || undefined}
          aria-invalid={contactWrong ? true : undefined}
        />
      </div>
      {error && (
        <p className="alert alert-error" role="alert" id={`${ids}-error`}>
          {error.message}
        </p>
      )}
    </>
  );
}

/** The citizen's one rating, proven with the phone or e-mail given with the petition. */
function RatingForm({ code, onDone }: { code: string; onDone(): void }) {
  const proof = useProofForm(code, "rating", onDone);
  const { ids, busy } = proof;
  const [score, setScore] = useState<number | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score === null) {
      proof.setError({ message: t("portal.lookup.pickScore"), field: "choice" });
      return;
    }
    await proof.send({ score });
  };
  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t("portal.lookup.rateTitle")}</h2>
      <p>{t("portal.lookup.rateIntro")}</p>
      <fieldset className="field" id={`${ids}-choice`} {...proof.tie("choice")}>
        <legend>{t("portal.lookup.score")}</legend>
        {[1, 2, 3, 4, 5].map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="score" checked={score === value} onChange={() => setScore(value)} />
            <span>{t(`portal.lookup.scores.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      <CommentAndProof proof={proof} withHint />
      <button type="submit" className="button primary" disabled={busy}>
        {t("portal.lookup.sendRating")}
      </button>
    </form>
  );
}

/** Weeks after closing: was the matter actually resolved? Once, with the same proof. */
function FollowUpForm({ code, onDone }: { code: string; onDone(): void }) {
  const proof = useProofForm(code, "follow-up", onDone);
  const { ids } = proof;
  const [resolved, setResolved] = useState<boolean | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (resolved === null) {
      proof.setError({ message: t("portal.lookup.pickResolved"), field: "choice" });
      return;
    }
    await proof.send({ resolved });
  };
  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t("portal.lookup.followUpTitle")}</h2>
      <p>{t("portal.lookup.followUpIntro")}</p>
      <fieldset className="field" id={`${ids}-choice`} {...proof.tie("choice")}>
        <legend>{t("portal.lookup.followUpTitle")}</legend>
        <label className="choice">
          <input
            type="radio"
            name="resolved"
            checked={resolved === true}
            onChange={() => setResolved(true)}
          />
          <span>{t("portal.lookup.resolvedYes")}</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="resolved"
            checked={resolved === false}
            onChange={() => setResolved(false)}
          />
          <span>{t("portal.lookup.resolvedNo")}</span>
        </label>
      </fieldset>
      <CommentAndProof proof={proof} />
      <button type="submit" className="button primary">
        {t("portal.lookup.sendFollowUp")}
      </button>
    </form>
  );
}

const CLOSED = ["closed_resolved", "closed_unresolved"];

function Result({ view, reload }: { view: PetitionView; reload(): void }) {
  const [thanks, setThanks] = useState(false);
  const eventText = (event: PetitionView["timeline"][number]) =>
    t(`portal.events.${event.type}`, { from: event.fromUnit ?? "", to: event.toUnit ?? "" });
  return (
    <>
      <section className="card" aria-labelledby="petition-status">
        <h2 id="petition-status">
          {view.trackingCode}: {t(`portal.statuses.${view.status}`)}
        </h2>
        <dl className="facts">
          <dt>{t("portal.lookup.kind")}</dt>
          <dd>{t(`portal.kinds.${view.kind}`)}</dd>
          {view.category && (
            <>
              <dt>{t("portal.lookup.category")}</dt>
              <dd>{t(`portal.categories.${view.category}`)}</dd>
            </>
          )}
          {view.commune && (
            <>
              <dt>{t("portal.lookup.commune")}</dt>
              <dd>{view.commune}</dd>
            </>
          )}
          <dt>{t("portal.lookup.received")}</dt>
          <dd>{formatDate(view.receivedDate)}</dd>
          <dt>{t("portal.lookup.unit")}</dt>
          <dd>{view.handlingUnit ?? t("portal.lookup.unitNone")}</dd>
        </dl>
      </section>
      {view.clocks.length > 0 && (
        <section className="card" aria-labelledby="petition-clocks">
          <h2 id="petition-clocks">{t("portal.lookup.deadlines")}</h2>
          <ul className="clocks">
            {view.clocks.map((clock) => (
              <li key={`${clock.purpose}-${clock.startDate}`}>
                <strong>{t(`portal.clocks.${clock.purpose}`)}</strong>:{" "}
                {clock.status === "met" && clock.metDate
                  ? t("portal.lookup.met", { date: formatDate(clock.metDate) })
                  : t("portal.lookup.due", { date: formatDate(clock.dueDate) })}
                {clock.overdue && <span className="overdue"> ({t("portal.lookup.late")})</span>}
                <br />
                <span className="muted small">
                  {t("portal.lookup.days", {
                    days: clock.days,
                    unit: t(
                      clock.unit === "working-days"
                        ? "portal.lookup.workingDays"
                        : "portal.lookup.calendarDays",
                    ),
                    from: formatDate(clock.startDate),
                  })}
                  . {t("portal.lookup.basis", { basis: clock.basis })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="petition-timeline">
        <h2 id="petition-timeline">{t("portal.lookup.timeline")}</h2>
        <ol className="timeline">
          {view.timeline.map((event, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is append-only and shown in order
            <li key={index}>
              <span className="muted">{formatDate(event.at)}</span> {eventText(event)}
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="petition-answer">
        <h2 id="petition-answer">{t("portal.lookup.answer")}</h2>
        {view.answer ? (
          <>
            <p className="muted small">
              {t("portal.lookup.answerAt", { date: formatDate(view.answer.publishedAt) })}
            </p>
            <p className="prewrap">{view.answer.text}</p>
          </>
        ) : (
          <p>{t("portal.lookup.noAnswer")}</p>
        )}
        {view.closeReason && (
          <p>
            <strong>{t("portal.lookup.closeReason")}:</strong> {view.closeReason}
          </p>
        )}
        {view.rating && <p>{t("portal.lookup.rated", { score: view.rating.score })}</p>}
        {view.followUp && (
          <p>
            {t("portal.lookup.followedUp", {
              answer: t(view.followUp.resolved ? "portal.lookup.resolvedYes" : "portal.lookup.resolvedNo"),
            })}
          </p>
        )}
        {thanks && (
          <p className="success" role="status">
            {t("portal.lookup.ratedThanks")}
          </p>
        )}
      </section>
      {view.answer && !view.rating && view.status !== "merged" && (
        <RatingForm
          code={view.trackingCode}
          onDone={() => {
            setThanks(true);
            reload();
          }}
        />
      )}
      {CLOSED.includes(view.status) && !view.followUp && (
        <FollowUpForm code={view.trackingCode} onDone={reload} />
      )}
    </>
  );
}

interface Submission {
  trackingCode: string;
  status: "pending" | "published" | "rejected";
  reason: string | null;
  answered: boolean;
  submittedAt: string;
}

/** A question for a dialogue (CH-…) or a comment on a draft (GY-…): its review and answer. */
function SubmissionResult({ submission, kind }: { submission: Submission; kind: "question" | "comment" }) {
  return (
    <section className="card" aria-labelledby="submission-status">
      <h2 id="submission-status">
        {t("portal.lookup.submission", {
          what: t(kind === "question" ? "portal.lookup.kindQuestion" : "portal.lookup.kindComment"),
          code: submission.trackingCode,
          status: t(`portal.lookup.submissionStatuses.${submission.status}`),
        })}
      </h2>
      <p className="muted">{t("portal.lookup.sentOn", { date: formatDate(submission.submittedAt) })}</p>
      {submission.reason && (
        <p>{t("portal.lookup.reason", { reason: t(`portal.lookup.reasons.${submission.reason}`) })}</p>
      )}
      <p>{t(submission.answered ? "portal.lookup.answered" : "portal.lookup.notAnswered")}</p>
    </section>
  );
}

/** Which kind of code was typed, by its prefix (the petitions' check accepts any case and no dashes). */
function kindOf(code: string): "petition" | "question" | "comment" {
  const prefix = code
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 2)
    .toUpperCase();
  if (prefix === "CH") return "question";
  if (prefix === "GY") return "comment";
  return "petition";
}

const ENDPOINTS = {
  petition: "/api/public/petitions/",
  question: "/api/public/dialogue-questions/",
  comment: "/api/public/consultation-comments/",
};

export default function Lookup({ code }: { code: string | null }) {
  useLocale();
  usePageTitle(code ? `${t("portal.lookup.title")}: ${code}` : t("portal.lookup.title"));
  const ids = useId();
  const [typed, setTyped] = useState(code ?? "");
  const [error, setError] = useState<string | null>(null);
  const kind = code ? kindOf(code) : "petition";
  const result = useLoad<PetitionView | Submission>(
    code ? `${ENDPOINTS[kind]}${encodeURIComponent(code)}` : null,
  );
  useEffect(() => setTyped(code ?? ""), [code]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = typed.trim().toUpperCase();
    if (!value) {
      setError(t("portal.lookup.needCode"));
      return;
    }
    setError(null);
    navigate(`/tra-cuu/${encodeURIComponent(value)}`);
  };
  const notFound = result.error instanceof PortalApiError && result.error.status === 404;
  return (
    <>
      <PageHeading>{t("portal.lookup.title")}</PageHeading>
      <p className="lead">{t("portal.lookup.intro")}</p>
      <form className="card form search" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${ids}-code`}>{t("portal.lookup.code")}</label>
          <div className="inline">
            <input
              id={`${ids}-code`}
              type="text"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${ids}-error` : undefined}
            />
            <button type="submit" className="button primary">
              {t("portal.lookup.search")}
            </button>
          </div>
          {error && (
            <p className="field-error" id={`${ids}-error`}>
              {error}
            </p>
          )}
        </div>
      </form>
      {result.loading && <Loading />}
      {notFound && (
        <p className="alert alert-error" role="alert">
          {t("portal.lookup.notFound", { code: code ?? "" })}
        </p>
      )}
      {result.error !== null && !notFound && <LoadError retry={result.reload} />}
      {result.data && kind === "petition" && (
        <Result view={result.data as PetitionView} reload={result.reload} />
      )}
      {result.data && kind !== "petition" && (
        <SubmissionResult submission={result.data as Submission} kind={kind} />
      )}
    </>
  );
}

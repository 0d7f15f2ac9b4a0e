import { type FormEvent, useId, useState } from "react";
import { NetworkError, PortalApiError, request } from "../api.ts";
import { t } from "../i18n.ts";

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
export function RatingForm({ code, onDone }: { code: string; onDone(): void }) {
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
export function FollowUpForm({ code, onDone }: { code: string; onDone(): void }) {
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

import { type FormEvent, useEffect, useId, useState } from "react";
import { type PetitionView, PortalApiError } from "../api.ts";
import { LoadError, Loading, PageHeading, usePageTitle } from "../components.tsx";
import { formatDate, t, useLocale } from "../i18n.ts";
import { navigate } from "../router.tsx";
import { useLoad } from "../useLoad.ts";
import { PetitionResult } from "./PetitionResult.tsx";

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
        <PetitionResult view={result.data as PetitionView} reload={result.reload} />
      )}
      {result.data && kind !== "petition" && (
        <SubmissionResult submission={result.data as Submission} kind={kind} />
      )}
    </>
  );
}

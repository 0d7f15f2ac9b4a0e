import { useState } from "react";
import type { PetitionView } from "../api.ts";
import { formatDate, t } from "../i18n.ts";
import { FollowUpForm, RatingForm } from "./ProofForms.tsx";

const CLOSED = ["closed_resolved", "closed_unresolved"];

/** A petition found by its code: status, deadlines, timeline, the answer, and the citizen's say on it. */
export function PetitionResult({ view, reload }: { view: PetitionView; reload(): void }) {
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

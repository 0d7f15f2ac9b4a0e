import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import type { EventOutcome } from "./api.ts";
import { OutcomeSummary } from "./OutcomeSummary.tsx";

export type Failure = { message: string; problems: string[]; outcome?: EventOutcome };

export function failureOf(e: unknown): Failure {
  if (!(e instanceof ApiError)) return { message: String(e), problems: [] };
  const details = (e.details ?? {}) as { problems?: string[]; unmapped?: string[]; outcome?: EventOutcome };
  return {
    message: e.message,
    problems: details.problems ?? details.unmapped ?? [],
    outcome: details.outcome,
  };
}

/** Why the event was refused: the message, the problems listed, and what it would have changed. */
export function FailureAlert({ failure }: { failure: Failure }) {
  const { t } = useTranslation();
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={failure.message}
      description={
        <>
          {failure.problems.length > 0 && (
            <>
              <p style={{ margin: "4px 0" }}>
                {t("restructuring.problems", { count: failure.problems.length })}
              </p>
              <ul className="rs-list rs-problems">
                {failure.problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines of one answer
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </>
          )}
          {failure.outcome && <OutcomeSummary outcome={failure.outcome} />}
        </>
      }
    />
  );
}

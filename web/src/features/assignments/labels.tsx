import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { AssignmentSummary } from "./api.ts";

export const STATE_COLORS: Record<string, string> = {
  not_started: "default",
  in_progress: "blue",
  completed: "green",
  completed_late: "gold",
  paused: "purple",
  cancelled: "default",
  transferred: "default",
};

/** The four classes and the requested bodies, with colours that keep a 4.5:1 text contrast. */
export const CLASS_STYLE: Record<string, { background: string; color: string; border: string }> = {
  completed_on_time: { background: "#e3f4e1", color: "#1d5b17", border: "#8fcf85" },
  completed_late: { background: "#fff1d6", color: "#6b4200", border: "#f0c36b" },
  open_within_deadline: { background: "#e1eefc", color: "#0b4a8b", border: "#8ab8ec" },
  open_overdue: { background: "#fde2e1", color: "#8a1712", border: "#ef9a96" },
  requested: { background: "#efeaf7", color: "#4b2d7f", border: "#b9a5dc" },
};

export const CLASSES = [
  "completed_on_time",
  "completed_late",
  "open_within_deadline",
  "open_overdue",
] as const;

/** The status as shown: overdue is derived (never for a requested body), completed late too. */
export function StateTag({
  a,
}: {
  a: Pick<AssignmentSummary, "state" | "overdue" | "pauseReason" | "role">;
}) {
  const { t } = useTranslation();
  const tag = (
    <Tag className="asg-tag" color={STATE_COLORS[a.state]}>
      {t(`assignments.state.${a.state}`)}
    </Tag>
  );
  return (
    <span className="asg-tags">
      {a.state === "paused" && a.pauseReason ? (
        <Tooltip title={a.pauseReason}>
          <span>{tag}</span>
        </Tooltip>
      ) : (
        tag
      )}
      {a.overdue && (
        <Tag className="asg-tag" color="red">
          {t("assignments.overdue")}
        </Tag>
      )}
      {a.role === "requested" && (
        <Tag className="asg-tag" color="purple">
          {t("assignments.asked")}
        </Tag>
      )}
    </span>
  );
}

export function RoleTag({ role }: { role: string }) {
  const { t } = useTranslation();
  return <Tag>{t(`assignments.role.${role}`)}</Tag>;
}

export function percentText(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${Math.round(value)}%`;
}

/** The task's label; a task the plan's version in force no longer has says so in the reader's language. */
export function ItemLabel({ a }: { a: Pick<AssignmentSummary, "itemLabel" | "itemRemoved"> }) {
  const { t } = useTranslation();
  return <>{a.itemRemoved ? t("assignments.itemRemoved") : a.itemLabel}</>;
}

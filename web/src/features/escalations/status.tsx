import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { EscalationStatus } from "./api.ts";

// Dark text on light backgrounds: every pair above 4.5:1 (WCAG AA).
const TONES: Record<EscalationStatus, { color: string; background: string; borderColor: string }> = {
  open: { color: "#6b4a00", background: "#fff8e1", borderColor: "#e0b000" },
  decided: { color: "#0b3d91", background: "#e8f0fe", borderColor: "#8ab4f8" },
  closed: { color: "#135a24", background: "#e6f4ea", borderColor: "#81c995" },
};
const RED = { color: "#8a1c12", background: "#fdecea", borderColor: "#f28b82" };

export function EscalationStatusTag({ status }: { status: EscalationStatus }) {
  const { t } = useTranslation();
  return <Tag style={TONES[status]}>{t(`escalations.status.${status}`)}</Tag>;
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  return overdue ? <Tag style={RED}>{t("escalations.overdue")}</Tag> : null;
}

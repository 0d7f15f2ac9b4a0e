import { Tag } from "antd";
import { useTranslation } from "react-i18next";

// Dark text on light backgrounds: every pair above 4.5:1 (WCAG AA).
type Tone = { color: string; background: string; borderColor: string };
const GREY: Tone = { color: "#3d3d3d", background: "#f5f5f5", borderColor: "#bfbfbf" };
const GOLD: Tone = { color: "#6b4a00", background: "#fff8e1", borderColor: "#e0b000" };
const BLUE: Tone = { color: "#0b3d91", background: "#e8f0fe", borderColor: "#8ab4f8" };
const GREEN: Tone = { color: "#135a24", background: "#e6f4ea", borderColor: "#81c995" };
const RED: Tone = { color: "#8a1c12", background: "#fdecea", borderColor: "#f28b82" };
const TONES: Record<string, Tone> = {
  draft: GREY,
  pending_approval: GOLD,
  sent: BLUE,
  received: BLUE,
  accepted: GREEN,
  returned: RED,
  none: RED,
};

/** A report's status by its Vietnamese / English name (reports.status.*). */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag style={TONES[status] ?? GREY}>{t(`reports.status.${status}`)}</Tag>;
}

/** On time / late of a sending; nothing before the first sending. */
export function LateTag({ late }: { late: boolean | null }) {
  const { t } = useTranslation();
  if (late === null) return null;
  return <Tag style={late ? RED : GREEN}>{t(late ? "reports.ui.late" : "reports.ui.onTime")}</Tag>;
}

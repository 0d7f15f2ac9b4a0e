import { ClockCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/dates.ts";
import { clockText, clockTone, TONE_COLORS } from "./format.ts";

type Props = {
  petition: { dueDate: string | null; overdue: boolean; dueSoon: boolean; workingDaysLeft: number | null };
};

/** The nearest running legal deadline: days left, a warning colour near it, red when past. */
export function ClockTag({ petition }: Props) {
  const { t } = useTranslation();
  const tone = clockTone(petition);
  if (tone === "none") return <span className="petitions-muted">{t("petitions.clock.none")}</span>;
  const icon =
    tone === "overdue" ? (
      <ExclamationCircleOutlined aria-hidden />
    ) : tone === "warning" ? (
      <WarningOutlined aria-hidden />
    ) : (
      <ClockCircleOutlined aria-hidden />
    );
  return (
    <span className="petitions-clock">
      <Tag color={TONE_COLORS[tone]} icon={icon} className={`petitions-clock-${tone}`}>
        {clockText(t, petition)}
      </Tag>
      <span className="petitions-muted">
        {t("petitions.clock.dueOn", { date: formatDate(petition.dueDate) })}
      </span>
    </span>
  );
}

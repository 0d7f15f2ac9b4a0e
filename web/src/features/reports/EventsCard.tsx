import { Card, Timeline } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/dates.ts";
import type { ReportDetail } from "./api.ts";

/** What happened to the report, newest first. */
export function EventsCard({ report }: { report: ReportDetail }) {
  const { t, i18n } = useTranslation();
  const statusName = (s: string | null) => (s ? t(`reports.status.${s}`) : "—");
  return (
    <Card title={<h2 className="card-heading">{t("reports.ui.eventsHeading")}</h2>}>
      <Timeline
        items={[...report.events].reverse().map((e) => ({
          key: e.id,
          content: (
            <div>
              <strong>
                {i18n.exists(`reports.ui.event.${e.action}`) ? t(`reports.ui.event.${e.action}`) : e.action}
              </strong>{" "}
              · {e.actor} · {formatDateTime(e.at)}
              {e.statusFrom !== e.statusTo && (
                <div>
                  {statusName(e.statusFrom)} → {statusName(e.statusTo)}
                </div>
              )}
              {e.comment && <div style={{ whiteSpace: "pre-wrap" }}>{e.comment}</div>}
              {Object.entries(e.sectionComments).map(([code, text]) => (
                <div key={code} style={{ whiteSpace: "pre-wrap" }}>
                  <em>{code}</em>: {text}
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

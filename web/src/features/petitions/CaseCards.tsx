import { LockOutlined, PaperClipOutlined, StarFilled } from "@ant-design/icons";
import { Alert, Card, Descriptions, Empty, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../lib/dates.ts";
import { attachmentUrl, type PetitionDetail } from "./api.ts";
import { formatSize } from "./format.ts";

const heading = (text: string) => <h2 className="card-heading">{text}</h2>;

/** The petition's words and who sent it: personal data only for those who handle it. */
export function ContentCard({ detail }: { detail: PetitionDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={heading(detail.personalData ? t("petitions.case.text") : t("petitions.case.maskedText"))}>
      {detail.personalData ? (
        <Alert
          type="info"
          showIcon
          icon={<LockOutlined aria-hidden />}
          style={{ marginBottom: 12 }}
          title={t("petitions.case.accessLogged")}
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("petitions.case.noPersonalData")}
        />
      )}
      {detail.title && <p style={{ fontWeight: 600 }}>{detail.title}</p>}
      <p className="petitions-text" data-testid="petition-text">
        {detail.text}
      </p>
      {detail.contact && (
        <section aria-label={t("petitions.case.contact")} style={{ marginTop: 16 }}>
          <Descriptions
            size="small"
            column={1}
            bordered
            title={<h3 className="card-heading">{t("petitions.case.contact")}</h3>}
            items={[
              { key: "name", label: t("petitions.case.name"), children: detail.contact.name },
              { key: "phone", label: t("petitions.case.phone"), children: detail.contact.phone ?? "—" },
              { key: "email", label: t("petitions.case.email"), children: detail.contact.email ?? "—" },
            ]}
          />
        </section>
      )}
      {detail.personalData && (
        <section aria-label={t("petitions.case.attachments")} style={{ marginTop: 16 }}>
          <h3 className="card-heading">{t("petitions.case.attachments")}</h3>
          {detail.attachments.length === 0 ? (
            <p className="petitions-muted">{t("petitions.case.noAttachments")}</p>
          ) : (
            <ul>
              {detail.attachments.map((a, i) => (
                <li key={a.id}>
                  <a href={attachmentUrl(detail.id, a.id)} target="_blank" rel="noreferrer">
                    <PaperClipOutlined aria-hidden />{" "}
                    {t("petitions.case.attachment", {
                      n: i + 1,
                      type: a.contentType.split("/").pop(),
                      size: formatSize(a.size),
                    })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </Card>
  );
}

/** Every legal clock of the case, with its legal basis, flags and extensions. */
export function ClocksCard({ detail }: { detail: PetitionDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={heading(t("petitions.case.clocks"))}>
      {detail.clocks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("petitions.clock.none")} />
      ) : (
        <ul className="petitions-clock-list">
          {detail.clocks.map((c) => {
            const late = c.overdue;
            return (
              <li key={c.id} data-testid={`clock-${c.purpose}`}>
                <div className="petitions-card-top">
                  <strong>{t(`petitions.clock.purpose.${c.purpose}`)}</strong>
                  <Space wrap size={4}>
                    <Tag color={c.status === "running" ? "blue" : c.status === "met" ? "green" : "default"}>
                      {t(`petitions.clock.state.${c.status}`)}
                    </Tag>
                    {late && <Tag color="red">{t("petitions.clock.overdue")}</Tag>}
                  </Space>
                </div>
                <div>
                  {t("petitions.clock.dueOn", { date: formatDate(c.dueDate) })}
                  {c.metDate && ` · ${t("petitions.clock.metOn", { date: formatDate(c.metDate) })}`}
                </div>
                <div className="petitions-muted">
                  {t("petitions.clock.span", {
                    days: c.days,
                    unit: t(`petitions.clock.unit.${c.unit}`),
                    from: t(`petitions.clock.startsFrom.${c.startsFrom}`),
                    start: formatDate(c.startDate),
                  })}
                </div>
                <div className="petitions-muted">
                  {t("petitions.clock.basis")}: {c.basis}
                </div>
                {c.check && (
                  <div className="petitions-muted">
                    {t("petitions.clock.check")}: {c.check}
                  </div>
                )}
                {c.flags.length > 0 && (
                  <Space wrap size={4} style={{ marginTop: 4 }}>
                    {c.flags.map((f) => (
                      <Tag key={f}>{t(`petitions.clock.flag.${f}`)}</Tag>
                    ))}
                  </Space>
                )}
                {c.extensions.length > 0 && (
                  <div style={{ marginTop: 6 }}>
                    <strong>{t("petitions.clock.extensions")}</strong>
                    <ul style={{ margin: "4px 0 0", paddingInlineStart: 18 }}>
                      {c.extensions.map((e) => (
                        <li key={e.at}>
                          {t("petitions.clock.extension", {
                            days: e.days,
                            decision: e.decisionNumber,
                            reason: e.reason,
                            who: e.decidedBy,
                            date: formatDate(e.at),
                          })}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

export function TimelineCard({ detail }: { detail: PetitionDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={heading(t("petitions.case.timeline"))}>
      {detail.events.length === 0 ? (
        <p className="petitions-muted">{t("petitions.case.noEvents")}</p>
      ) : (
        <ol className="petitions-timeline" aria-label={t("petitions.case.timeline")}>
          {detail.events.map((e) => (
            <li key={`${e.at}-${e.type}-${e.toUnit ?? ""}`}>
              <strong>
                {i18n.exists(`petitions.event.${e.type}`) ? t(`petitions.event.${e.type}`) : e.type}
              </strong>{" "}
              <span className="petitions-muted">
                {formatDateTime(e.at)} · {e.actor}
              </span>
              {(e.fromUnit || e.toUnit) && (
                <div>
                  {e.fromUnit && e.toUnit
                    ? t("petitions.case.fromTo", { from: e.fromUnit, to: e.toUnit })
                    : t("petitions.case.to", { to: e.toUnit ?? e.fromUnit })}
                </div>
              )}
              {e.note && <div className="petitions-text">{e.note}</div>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** What the citizen said afterwards: read only, staff cannot change it. */
export function CitizenCard({ detail }: { detail: PetitionDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={heading(t("petitions.case.citizen"))}>
      <p className="petitions-muted" style={{ marginTop: 0 }}>
        {t("petitions.case.readOnlyCitizen")}
      </p>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: "rating",
            label: t("petitions.case.rating"),
            children: detail.rating ? (
              <span data-testid="citizen-rating">
                <StarFilled aria-hidden style={{ color: "#d48806" }} />{" "}
                {t("petitions.case.ratingValue", { score: detail.rating.score })}
                {detail.rating.comment && ` — ${detail.rating.comment}`}
              </span>
            ) : (
              t("petitions.case.noRating")
            ),
          },
          {
            key: "followUp",
            label: t("petitions.case.followUp"),
            children: detail.followUp ? (
              <span>
                <Tag color={detail.followUp.resolved ? "green" : "volcano"}>
                  {detail.followUp.resolved
                    ? t("petitions.case.followUpResolved")
                    : t("petitions.case.followUpNotResolved")}
                </Tag>
                {detail.followUp.comment}
              </span>
            ) : (
              t("petitions.case.noFollowUp")
            ),
          },
        ]}
      />
    </Card>
  );
}

/** Closed resolved, closed not resolved and refused read differently, each with its reason. */
export function OutcomeNotice({ detail }: { detail: PetitionDetail }) {
  const { t } = useTranslation();
  const reason = detail.closeReason && (
    <>
      <strong>{t("petitions.case.closeReason")}:</strong>{" "}
      <span className="petitions-text">{detail.closeReason}</span>
    </>
  );
  if (detail.status === "closed_resolved")
    return (
      <Alert
        className="petitions-outcome-resolved"
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        title={t("petitions.case.closedResolved")}
        description={reason || undefined}
        data-testid="outcome"
      />
    );
  if (detail.status === "closed_unresolved")
    return (
      <Alert
        className="petitions-outcome-unresolved"
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={t("petitions.case.closedUnresolved")}
        description={reason}
        data-testid="outcome"
      />
    );
  if (detail.status === "refused")
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t("petitions.case.refused")}
        description={reason}
        data-testid="outcome"
      />
    );
  return null;
}

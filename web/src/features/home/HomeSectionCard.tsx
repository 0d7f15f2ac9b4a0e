import { Card, Empty, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { HomeItem, HomeSection } from "../../../../common/schemas/home.ts";
import { AppLink } from "../../components/AppLink.tsx";
import { formatDate } from "../../lib/dates.ts";
import { TONE_STYLE, toneOf } from "./tones.ts";

type Section = z.infer<typeof HomeSection>;
type Item = z.infer<typeof HomeItem>;

function ItemTitle({ item }: { item: Item }) {
  if (!item.href) return <span className="home-item-title">{item.title}</span>;
  return (
    <AppLink href={item.href} className="home-item-title">
      {item.title}
    </AppLink>
  );
}

export function HomeSectionCard({ section }: { section: Section }) {
  const { t, i18n } = useTranslation();
  const headingId = `home-section-${section.key}`;
  // A section the web app does not know yet still shows, named by its key.
  const title = i18n.exists(`home.section.${section.key}`)
    ? t(`home.section.${section.key}`)
    : i18n.exists(`reports.section.${section.key}`)
      ? t(`reports.section.${section.key}`)
      : section.key;
  const help = i18n.exists(`home.sectionHelp.${section.key}`) ? t(`home.sectionHelp.${section.key}`) : null;
  const hidden = section.total - section.items.length;

  return (
    <Card
      style={{ height: "100%" }}
      title={
        <h2 id={headingId} className="card-heading">
          {title}
        </h2>
      }
      extra={
        <Tag style={{ marginInlineEnd: 0, fontSize: 14 }}>
          <span aria-hidden>{section.total}</span>
          <span className="visually-hidden">{t("home.totalLabel", { count: section.total })}</span>
        </Tag>
      }
    >
      <section aria-labelledby={headingId}>
        {help && <p style={{ color: "#4a4a4a", marginTop: 0 }}>{help}</p>}
        {section.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("home.empty")} />
        ) : (
          <ul className="home-items">
            {section.items.map((item) => {
              const tone = toneOf(item.tone);
              const style = TONE_STYLE[tone];
              return (
                <li key={item.id}>
                  <div
                    style={{
                      display: "flex",
                      gap: 8,
                      alignItems: "flex-start",
                      justifyContent: "space-between",
                    }}
                  >
                    <ItemTitle item={item} />
                    {tone !== "normal" && (
                      <Tag
                        style={{
                          color: style.color,
                          background: style.background,
                          borderColor: style.border,
                          marginInlineEnd: 0,
                        }}
                      >
                        {t(`home.tone.${tone}`)}
                      </Tag>
                    )}
                  </div>
                  {(item.subtitle || item.due || item.date) && (
                    <div className="home-item-meta">
                      {item.subtitle && <span>{item.subtitle}</span>}
                      {item.due && <span>{t("home.due", { date: formatDate(item.due) })}</span>}
                      {item.date && <span>{t("changes.dateLabel", { date: formatDate(item.date) })}</span>}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {hidden > 0 && (
          <p style={{ margin: "8px 0 0", color: "#4a4a4a" }}>{t("home.more", { count: hidden })}</p>
        )}
      </section>
    </Card>
  );
}

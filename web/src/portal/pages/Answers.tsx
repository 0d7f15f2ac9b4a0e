import { useEffect, useState } from "react";
import { type PublicAnswer, request } from "../api.ts";
import { LoadError, Loading, PageHeading, usePageTitle } from "../components.tsx";
import { formatDate, t, useLocale } from "../i18n.ts";

const PAGE = 10;

export default function Answers() {
  const locale = useLocale();
  usePageTitle(t("portal.answers.title"));
  const [items, setItems] = useState<PublicAnswer[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);

  const load = async (offset: number) => {
    setLoading(true);
    setFailed(false);
    try {
      const page = await request<{ total: number; items: PublicAnswer[] }>(
        `/api/public/answers?limit=${PAGE}&offset=${offset}`,
      );
      setItems((list) => (offset === 0 ? page.items : [...list, ...page.items]));
      setTotal(page.total);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page, again in a new language
  useEffect(() => {
    void load(0);
  }, [locale]);

  return (
    <>
      <PageHeading>{t("portal.answers.title")}</PageHeading>
      <p className="lead">{t("portal.answers.intro")}</p>
      {total === 0 && <p>{t("portal.answers.none")}</p>}
      <ol className="answers">
        {items.map((item) => (
          <li key={item.id} className="card">
            <article aria-labelledby={`answer-${item.id}`}>
              <h2 id={`answer-${item.id}`}>
                {t(`portal.kinds.${item.kind}`)}
                {item.category ? ` — ${t(`portal.categories.${item.category}`)}` : ""}
                {item.commune ? ` — ${item.commune}` : ""}
              </h2>
              <p className="muted small">
                {item.handlingUnit && <span>{t("portal.answers.by", { unit: item.handlingUnit })}. </span>}
                <span>{t("portal.answers.at", { date: formatDate(item.answeredAt) })}</span>
                {item.rating !== null && <span>. {t("portal.answers.rating", { score: item.rating })}</span>}
              </p>
              <h3>{t("portal.answers.question")}</h3>
              <p className="prewrap">{item.question}</p>
              <h3>{t("portal.answers.answer")}</h3>
              <p className="prewrap">{item.answer}</p>
            </article>
          </li>
        ))}
      </ol>
      {loading && <Loading />}
      {failed && <LoadError retry={() => void load(items.length)} />}
      {total !== null && total > 0 && (
        <p className="muted">{t("portal.answers.count", { shown: items.length, total })}</p>
      )}
      {total !== null && items.length < total && !loading && (
        <button type="button" className="button secondary" onClick={() => void load(items.length)}>
          {t("portal.answers.more")}
        </button>
      )}
    </>
  );
}

import { useTranslation } from "react-i18next";
import { diffObjects, showValue } from "../../lib/diff.ts";

/** Before/after of one audit entry; changed rows are marked in words, not only by colour. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const rows = diffObjects(before, after);
  if (rows.length === 0) return <p>{t("audit.noData")}</p>;
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="ant-table" style={{ width: "100%", borderCollapse: "collapse", fontSize: 13 }}>
        <caption className="visually-hidden">{t("audit.diffCaption")}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: "left", padding: 6 }}>
              {t("audit.field")}
            </th>
            <th scope="col" style={{ textAlign: "left", padding: 6 }}>
              {t("audit.before")}
            </th>
            <th scope="col" style={{ textAlign: "left", padding: 6 }}>
              {t("audit.after")}
            </th>
            <th scope="col" style={{ textAlign: "left", padding: 6 }}>
              {t("audit.change")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.path || "value"} className={r.kind === "same" ? undefined : "diff-changed"}>
              <th scope="row" style={{ textAlign: "left", padding: 6, fontWeight: 600 }}>
                {r.path || "—"}
              </th>
              <td style={{ padding: 6, wordBreak: "break-word" }}>{showValue(r.before)}</td>
              <td style={{ padding: 6, wordBreak: "break-word" }}>{showValue(r.after)}</td>
              <td style={{ padding: 6 }}>{t(`audit.kind.${r.kind}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useRef, useState } from "react";
import { PageHeading, usePageTitle } from "../components.tsx";
import { t, useLocale } from "../i18n.ts";
import { Link } from "../router.tsx";

export default function Sent({ code }: { code: string }) {
  useLocale();
  usePageTitle(t("portal.sent.title"));
  const [copied, setCopied] = useState(false);
  const codeRef = useRef<HTMLElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
    } catch {
      // No clipboard (an old browser, a page not served over HTTPS): select the code to copy by hand.
      const range = document.createRange();
      if (codeRef.current) range.selectNodeContents(codeRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      document.execCommand?.("copy");
    }
    setCopied(true);
  };
  return (
    <>
      <PageHeading>{t("portal.sent.title")}</PageHeading>
      <div className="card">
        <p>{t("portal.sent.text")}</p>
        <p className="muted">{t("portal.sent.code")}</p>
        <p className="tracking-code">
          <strong ref={codeRef} data-testid="tracking-code">
            {code}
          </strong>
        </p>
        <p>
          <button type="button" className="button secondary" onClick={() => void copy()}>
            {t("portal.sent.copy")}
          </button>
        </p>
        <p role="status" className="success">
          {copied ? t("portal.sent.copied") : ""}
        </p>
        <p className="links">
          <Link to={`/tra-cuu/${encodeURIComponent(code)}`} className="button primary">
            {t("portal.sent.lookup")}
          </Link>
          <Link to="/gui-phan-anh">{t("portal.sent.another")}</Link>
        </p>
      </div>
    </>
  );
}

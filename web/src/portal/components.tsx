import { type ReactNode, useEffect, useRef } from "react";
import { t } from "./i18n.ts";

/** Sets the tab's title and moves focus to the page's heading, as a new page would. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ${t("portal.site")}`;
  }, [title]);
}

export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // After an in-page navigation, screen readers and keyboards start at the new heading.
    if (document.activeElement && document.activeElement !== document.body) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading() {
  return (
    <p className="muted" role="status">
      {t("portal.loading")}
    </p>
  );
}

export function LoadError({ retry }: { retry(): void }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>{t("portal.loadFailed")}</p>
      <button type="button" className="button secondary" onClick={retry}>
        {t("portal.retry")}
      </button>
    </div>
  );
}

/** A progress bar a screen reader announces with its label and value. */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  const shown = value === null ? t("portal.home.noProgress") : `${Math.round(value)}%`;
  return (
    <div className="progress-row">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value === null ? undefined : Math.round(value)}
        aria-valuetext={shown}
      >
        <div className="progress-fill" style={{ width: `${value ?? 0}%` }} />
      </div>
      <span className="progress-value">{shown}</span>
    </div>
  );
}

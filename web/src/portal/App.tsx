import { Component, lazy, type ReactNode, Suspense } from "react";
import { Loading, PageHeading, usePageTitle } from "./components.tsx";
import { setLocale, t, useLocale } from "./i18n.ts";
import Home from "./pages/Home.tsx";
import { Link, usePath } from "./router.tsx";

// The home page comes with the first load; the others when first opened.
const Submit = lazy(() => import("./pages/Submit.tsx"));
const Sent = lazy(() => import("./pages/Sent.tsx"));
const Lookup = lazy(() => import("./pages/Lookup.tsx"));
const Answers = lazy(() => import("./pages/Answers.tsx"));
const Accessibility = lazy(() => import("./pages/Accessibility.tsx"));
const DialogueList = lazy(() => import("./pages/Dialogues.tsx").then((m) => ({ default: m.DialogueList })));
const DialoguePage = lazy(() => import("./pages/Dialogues.tsx").then((m) => ({ default: m.DialoguePage })));
const ConsultationList = lazy(() =>
  import("./pages/Consultations.tsx").then((m) => ({ default: m.ConsultationList })),
);
const ConsultationPage = lazy(() =>
  import("./pages/Consultations.tsx").then((m) => ({ default: m.ConsultationPage })),
);

const NAV = [
  { to: "/", key: "portal.nav.home" },
  { to: "/gui-phan-anh", key: "portal.nav.submit" },
  { to: "/tra-cuu", key: "portal.nav.lookup" },
  { to: "/tra-loi", key: "portal.nav.answers" },
  { to: "/doi-thoai", key: "portal.nav.dialogues" },
  { to: "/gop-y", key: "portal.nav.consultations" },
];

function NotFound() {
  usePageTitle(t("portal.notFoundTitle"));
  return (
    <>
      <PageHeading>{t("portal.notFoundTitle")}</PageHeading>
      <p>{t("portal.notFoundText")}</p>
      <Link to="/">{t("portal.backHome")}</Link>
    </>
  );
}

function page(path: string): ReactNode {
  if (path === "/") return <Home />;
  if (path === "/gui-phan-anh") return <Submit />;
  if (path === "/tra-cuu") return <Lookup code={null} />;
  if (path === "/tra-loi") return <Answers />;
  if (path === "/doi-thoai") return <DialogueList />;
  if (path === "/gop-y") return <ConsultationList />;
  if (path === "/tiep-can") return <Accessibility />;
  const dialogue = /^\/doi-thoai\/([0-9a-f-]{36})$/.exec(path);
  if (dialogue) return <DialoguePage id={dialogue[1]} />;
  const consultation = /^\/gop-y\/([0-9a-f-]{36})$/.exec(path);
  if (consultation) return <ConsultationPage id={consultation[1]} />;
  const sent = /^\/da-gui\/([^/]+)$/.exec(path);
  if (sent) return <Sent code={decodeURIComponent(sent[1])} />;
  const lookup = /^\/tra-cuu\/([^/]+)$/.exec(path);
  if (lookup) return <Lookup code={decodeURIComponent(lookup[1])} />;
  return <NotFound />;
}

/** A page that failed to load its code (a new version was deployed meanwhile): offer a reload. */
class PageBoundary extends Component<{ children: ReactNode; path: string }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidUpdate(previous: { path: string }) {
    if (previous.path !== this.props.path && this.state.failed) this.setState({ failed: false });
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="alert alert-error" role="alert">
        <p>{t("portal.loadFailed")}</p>
        <button type="button" className="button secondary" onClick={() => window.location.reload()}>
          {t("portal.retry")}
        </button>
      </div>
    );
  }
}

export function App() {
  const locale = useLocale();
  const path = usePath();
  const current = (to: string) => (to === "/" ? path === "/" : path === to || path.startsWith(`${to}/`));
  const other = locale === "vi" ? "en" : "vi";
  return (
    <>
      <a className="skip-link" href="#main">
        {t("portal.skip")}
      </a>
      <header className="site-header">
        <div className="wrap header-row">
          <Link to="/" className="brand">
            <span className="brand-name">{t("portal.site")}</span>
            <span className="brand-sub">{t("portal.province")}</span>
          </Link>
          <button
            type="button"
            className="lang"
            lang={other}
            aria-label={t("portal.languageLabel")}
            onClick={() => setLocale(other)}
          >
            {t("portal.language")}
          </button>
        </div>
        <nav className="wrap" aria-label={t("portal.navLabel")}>
          <ul className="nav">
            {NAV.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={current(item.to) ? "page" : undefined}>
                  {t(item.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="wrap" tabIndex={-1}>
        <PageBoundary path={path}>
          <Suspense fallback={<Loading />}>{page(path)}</Suspense>
        </PageBoundary>
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p className="small">{t("portal.footer")}</p>
          <ul className="footer-links small">
            <li>
              <Link to="/tiep-can" aria-current={path === "/tiep-can" ? "page" : undefined}>
                {t("portal.footerA11y")}
              </Link>
            </li>
            <li>
              <a href="/login">{t("portal.staffSignIn")}</a>
            </li>
          </ul>
        </div>
      </footer>
    </>
  );
}

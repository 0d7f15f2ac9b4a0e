import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  CommentOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  MessageOutlined,
  ProfileOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { useIsFetching, useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { App, Button, Drawer, Grid, Layout } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../common/enums.ts";
import type { Me } from "../../../common/schemas/auth.ts";
import { ApiError, api } from "../api/client.ts";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { NoticesBell } from "../components/NoticesBell.tsx";
import { useScrollRegions } from "../components/scrollRegions.ts";
import { rolesSummary } from "./roleText.ts";
import { meQuery, useMe } from "./session.ts";

type NavItem = { to: string; key: string; icon: React.ReactNode; show: (me: Me) => boolean };

// Which entries appear is read from the server's Me.permissions, never worked out here.
const NAV: NavItem[] = [
  { to: "/", key: "nav.home", icon: <HomeOutlined aria-hidden />, show: () => true },
  { to: "/directory", key: "nav.directory", icon: <ClusterOutlined aria-hidden />, show: () => true },
  { to: "/plans", key: "nav.plans", icon: <FileTextOutlined aria-hidden />, show: () => true },
  {
    to: "/assignments",
    key: "assignments.nav",
    icon: <CheckSquareOutlined aria-hidden />,
    show: (me) => me.roles.length > 0,
  },
  {
    to: "/progress",
    key: "assignments.navProgress",
    icon: <BarChartOutlined aria-hidden />,
    show: (me) => me.permissions.provinceWide,
  },
  {
    to: "/restructuring",
    key: "restructuring.nav",
    icon: <ApartmentOutlined aria-hidden />,
    show: (me) => me.permissions.directory.manage,
  },
  {
    to: "/petitions",
    key: "petitions.nav",
    icon: <MessageOutlined aria-hidden />,
    show: (me) => me.permissions.petitions.see,
  },
  {
    to: "/petitions/stats",
    key: "petitions.navStats",
    icon: <BarChartOutlined aria-hidden />,
    show: (me) => me.permissions.petitions.see,
  },
  {
    to: "/dialogues",
    key: "dialogues.nav",
    icon: <CommentOutlined aria-hidden />,
    show: (me) => me.permissions.dialogues.see,
  },
  {
    to: "/commitments",
    key: "dialogues.navCommitments",
    icon: <FlagOutlined aria-hidden />,
    show: (me) => me.permissions.dialogues.see,
  },
  {
    to: "/consultations",
    key: "consultations.nav",
    icon: <FormOutlined aria-hidden />,
    show: (me) => me.permissions.consultations.see,
  },
  {
    to: "/reports",
    key: "reports.ui.nav",
    icon: <ProfileOutlined aria-hidden />,
    show: (me) => me.permissions.reports.see,
  },
  {
    to: "/escalations",
    key: "escalations.nav",
    icon: <AlertOutlined aria-hidden />,
    show: (me) => me.permissions.escalations.see,
  },
  {
    to: "/reporting/consolidations",
    key: "consolidation.nav",
    icon: <FileDoneOutlined aria-hidden />,
    show: (me) => me.permissions.consolidation.see,
  },
  {
    to: "/users",
    key: "nav.users",
    icon: <TeamOutlined aria-hidden />,
    show: (me) => me.permissions.users.manage,
  },
  {
    to: "/audit",
    key: "nav.audit",
    icon: <AuditOutlined aria-hidden />,
    show: (me) => me.permissions.audit.read,
  },
  { to: "/account", key: "nav.account", icon: <UserOutlined aria-hidden />, show: () => true },
];

function selectedKey(pathname: string): string {
  // The longest entry that the address starts with: /petitions/stats is not /petitions.
  const match = NAV.filter((n) => n.to !== "/" && pathname.startsWith(n.to))
    .map((n) => n.to)
    .sort((a, b) => b.length - a.length)[0];
  return match ?? "/";
}

// antd's App (message, modal hooks) is only needed once signed in: keeping it here keeps
// its code out of the sign-in page's download.
export default function AppLayoutWithApp() {
  return (
    <App>
      <AppLayout />
    </App>
  );
}

function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  // Queries still without data: the page is loading (aria-busy on <main>; the browser tests wait on it).
  const loading = useIsFetching({ predicate: (query) => query.state.data === undefined });
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  // Focus moves to <main> after a navigation in one place, the router (router.tsx).
  useScrollRegions(t("app.scrollRegion"));
  // biome-ignore lint/correctness/useExhaustiveDependencies: the drawer closes whenever the page changes
  useEffect(() => {
    setDrawerOpen(false);
  }, [pathname]);

  const saveLocale = useMutation({
    mutationFn: (locale: Locale) => api<Me>("/api/me", { method: "PATCH", body: { locale } }),
    onSuccess: (updated) => {
      if (updated && typeof updated === "object" && "id" in updated)
        queryClient.setQueryData(meQuery.queryKey, updated);
    },
    onError: (error) => message.error(error instanceof ApiError ? error.message : t("errors.generic")),
  });

  const signOut = useMutation({
    mutationFn: () => api<void>("/api/auth/logout", { method: "POST" }),
    onSettled: async () => {
      await navigate({ to: "/login" });
      queryClient.clear();
    },
  });

  // A list of plain links, not antd's Menu: a menu widget is one more tab stop of its own and
  // arrow keys a navigation does not need; each link here is one stop, the current one says so.
  const current = selectedKey(pathname);
  const nav = (
    <nav aria-label={t("nav.label")}>
      <ul className="app-nav">
        {NAV.filter((n) => n.show(me)).map((n) => (
          <li key={n.to}>
            <Link
              to={n.to}
              activeOptions={{ exact: true, includeSearch: false }}
              className={n.to === current ? "app-nav-link app-nav-current" : "app-nav-link"}
              aria-current={n.to === current ? "page" : undefined}
            >
              {n.icon}
              <span>{t(n.key)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <Layout.Header className="app-header" role="banner">
        {isPhone && (
          <Button
            type="text"
            icon={<MenuOutlined aria-hidden />}
            aria-label={t("nav.open")}
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/" className="app-brand">
          {t("app.name")}
        </Link>
        <span className="app-header-spacer" />
        {!isPhone && (
          <div className="app-user">
            <span className="app-user-name">{me.displayName}</span>
            <span className="app-user-role">{rolesSummary(t, me.roles)}</span>
          </div>
        )}
        <NoticesBell compact={isPhone} />
        <LanguageSwitch dark onChange={(locale) => saveLocale.mutate(locale)} />
        <Button
          type="text"
          icon={<LogoutOutlined aria-hidden />}
          loading={signOut.isPending}
          onClick={() => signOut.mutate()}
          aria-label={isPhone ? t("header.signOut") : undefined}
        >
          {isPhone ? null : t("header.signOut")}
        </Button>
      </Layout.Header>
      <Layout>
        {!isPhone && (
          <Layout.Sider width={232} theme="light" style={{ borderRight: "1px solid #eee" }}>
            {nav}
          </Layout.Sider>
        )}
        {isPhone && (
          <Drawer
            title={
              <div>
                <div className="app-user-name">{me.displayName}</div>
                <div style={{ fontSize: 13, fontWeight: 400, color: "#4a4a4a" }}>
                  {rolesSummary(t, me.roles)}
                </div>
              </div>
            }
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            styles={{ body: { padding: 0 } }}
          >
            {nav}
          </Drawer>
        )}
        {/* antd's Layout.Content is the <main> landmark; busy while the page's data is loading. */}
        <Layout.Content id="main" className="app-main" tabIndex={-1} aria-busy={loading > 0}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

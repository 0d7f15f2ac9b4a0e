import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import type { Me } from "../../../common/schemas/auth.ts";
import { ApiError, configureApiClient } from "../api/client.ts";
import { NotFoundPage, RouteErrorPage } from "../components/StatusPages.tsx";
import { validateAssignmentSearch } from "../features/assignments/search.ts";
import type { InboxSearch } from "../features/petitions/search.ts";
import { queryClient } from "./queryClient.ts";
import { meQuery } from "./session.ts";

type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

export type LoginSearch = { next?: string; reason?: "expired" };

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: (search: Record<string, unknown>): LoginSearch => ({
    next: typeof search.next === "string" ? search.next : undefined,
    reason: search.reason === "expired" ? "expired" : undefined,
  }),
  component: lazyRouteComponent(() => import("../features/auth/LoginPage.tsx")),
});

// An account whose role requires a second factor it has not set up yet sees only this screen.
const secondFactorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/second-factor",
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) throw redirect({ to: "/login" });
      throw error;
    });
    if (!me.secondFactorEnrolment) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../features/auth/SecondFactorPage.tsx")),
});

// Every signed-in page sits under this layout, which first makes sure there is a session.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    let me: Me;
    try {
      me = await context.queryClient.ensureQueryData(meQuery);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw redirect({ to: "/login", search: { next: location.href } });
      }
      throw error;
    }
    if (me.secondFactorEnrolment) throw redirect({ to: "/second-factor" });
  },
  component: lazyRouteComponent(() => import("./AppLayout.tsx")),
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  component: lazyRouteComponent(() => import("../features/home/HomePage.tsx")),
});
const directoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/directory",
  component: lazyRouteComponent(() => import("../features/directory/DirectoryPage.tsx")),
});
const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/users",
  component: lazyRouteComponent(() => import("../features/users/UsersPage.tsx")),
});
const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/audit",
  component: lazyRouteComponent(() => import("../features/audit/AuditPage.tsx")),
});
const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/account",
  component: lazyRouteComponent(() => import("../features/account/AccountPage.tsx")),
});

const plansRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/plans",
  component: lazyRouteComponent(() => import("../features/plans/PlansPage.tsx")),
});
const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/plans/$id",
  component: lazyRouteComponent(() => import("../features/plans/PlanPage.tsx")),
});

const petitionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/petitions",
  // Checked by the page itself (features/petitions/search.ts), so its code loads with it.
  validateSearch: (search: Record<string, unknown>): InboxSearch => search,
  component: lazyRouteComponent(() => import("../features/petitions/InboxPage.tsx")),
});
const petitionNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/petitions/new",
  component: lazyRouteComponent(() => import("../features/petitions/IntakePage.tsx")),
});
const petitionStatsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/petitions/stats",
  component: lazyRouteComponent(() => import("../features/petitions/StatsPage.tsx")),
});
const petitionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/petitions/$id",
  component: lazyRouteComponent(() => import("../features/petitions/CasePage.tsx")),
});

const assignmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/assignments",
  validateSearch: validateAssignmentSearch,
  component: lazyRouteComponent(() => import("../features/assignments/AssignmentsPage.tsx")),
});
const assignmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/assignments/$id",
  component: lazyRouteComponent(() => import("../features/assignments/AssignmentPage.tsx")),
});
const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/plans/$id/tasks/$code",
  component: lazyRouteComponent(() => import("../features/assignments/TaskPage.tsx")),
});
const matrixRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/plans/$id/matrix",
  component: lazyRouteComponent(() => import("../features/assignments/MatrixPage.tsx")),
});
const progressRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/progress",
  component: lazyRouteComponent(() => import("../features/assignments/ProgressOverviewPage.tsx")),
});
const restructuringRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/restructuring",
  component: lazyRouteComponent(() => import("../features/restructuring/RestructuringPage.tsx")),
});

const dialoguesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/dialogues",
  component: lazyRouteComponent(() => import("../features/dialogues/DialoguesPage.tsx")),
});
const dialogueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/dialogues/$id",
  component: lazyRouteComponent(() => import("../features/dialogues/DialoguePage.tsx")),
});
const commitmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/commitments",
  component: lazyRouteComponent(() => import("../features/dialogues/CommitmentsPage.tsx")),
});
const consultationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/consultations",
  component: lazyRouteComponent(() => import("../features/consultations/ConsultationsPage.tsx")),
});
const consolidationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reporting/consolidations",
  component: lazyRouteComponent(() => import("../features/consolidation/ConsolidationsPage.tsx")),
});
const consolidationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reporting/consolidations/$id",
  component: lazyRouteComponent(() => import("../features/consolidation/ConsolidationPage.tsx")),
});
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reports",
  component: lazyRouteComponent(() => import("../features/reports/ReportsPage.tsx")),
});
const reportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reports/$id",
  component: lazyRouteComponent(() => import("../features/reports/ReportPage.tsx")),
});
const reportingPeriodRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reporting/periods/$id",
  component: lazyRouteComponent(() => import("../features/reports/PeriodPage.tsx")),
});
const escalationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/escalations",
  component: lazyRouteComponent(() => import("../features/escalations/EscalationsPage.tsx")),
});
const escalationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/escalations/$id",
  component: lazyRouteComponent(() => import("../features/escalations/EscalationPage.tsx")),
});
const consultationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/consultations/$id",
  component: lazyRouteComponent(() => import("../features/consultations/ConsultationPage.tsx")),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  secondFactorRoute,
  appRoute.addChildren([
    homeRoute,
    directoryRoute,
    plansRoute,
    planRoute,
    taskRoute,
    matrixRoute,
    assignmentsRoute,
    assignmentRoute,
    progressRoute,
    restructuringRoute,
    petitionsRoute,
    petitionNewRoute,
    petitionStatsRoute,
    petitionRoute,
    dialoguesRoute,
    dialogueRoute,
    commitmentsRoute,
    consultationsRoute,
    consultationRoute,
    consolidationsRoute,
    consolidationRoute,
    reportsRoute,
    reportRoute,
    reportingPeriodRoute,
    escalationsRoute,
    escalationRoute,
    usersRoute,
    auditRoute,
    accountRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: "intent",
  scrollRestoration: true,
});

// After moving to another page within the app (a link, a form that leads on, signing in), keyboard
// and screen-reader focus goes to the new page's content, so that its heading is what is read next
// and Tab starts from the top of it, not from a link that no longer exists or from <body>. A page
// opened by its address (the first load: no page before it) keeps the browser's own focus, as does
// a change of the query alone (a filter, a page of a list).
router.subscribe("onRendered", ({ fromLocation, pathChanged }) => {
  if (!fromLocation || !pathChanged) return;
  const main = document.getElementById("main");
  // Only the signed-in layout's <main> takes focus (tabindex="-1"); a field the new page focused on
  // opening keeps it, a link or button left from the page before does not.
  const active = document.activeElement;
  if (!main || main.tabIndex !== -1) return;
  if (active && main.contains(active) && active.matches("input, textarea, select, [contenteditable]")) return;
  main.focus({ preventScroll: true });
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}

// A session that ends while someone works sends them to sign in again, then back here.
configureApiClient({
  onSessionEnd: () => {
    const { pathname, href } = router.state.location;
    if (pathname === "/login") return;
    // Leave the signed-in layout first, then forget the user, so no page renders without one.
    void router
      .navigate({ to: "/login", search: { next: href, reason: "expired" } })
      .then(() => queryClient.removeQueries({ queryKey: ["me"] }));
  },
});

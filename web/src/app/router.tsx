import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { ApiError, configureApiClient } from "../api/client.ts";
import { NotFoundPage, RouteErrorPage } from "../components/StatusPages.tsx";
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

// Every signed-in page sits under this layout, which first makes sure there is a session.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQuery);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw redirect({ to: "/login", search: { next: location.href } });
      }
      throw error;
    }
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

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    homeRoute,
    directoryRoute,
    plansRoute,
    planRoute,
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

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { APIRequestContext, Page } from "@playwright/test";
import { callApi, expect, waitUntilLoaded } from "./helpers.ts";

// Walking every route of the staff app and every page of the citizens' portal, for the test that
// checks each page once with every check (a11y-routes.e2e.ts: axe, title, language, icon names).
// The routes are read from the router's own definitions, so a route added without being visited
// fails that test instead of going unchecked.

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The staff app's route paths, as web/src/app/router.tsx defines them ("/plans/$id"). Sign-in and
 * the second factor's enrolment (only for an account that must set one up; second-factor.e2e.ts
 * checks it) are outside the signed-in app.
 */
export function staffRoutes(): string[] {
  const source = readFileSync(join(ROOT, "web/src/app/router.tsx"), "utf8");
  return [...source.matchAll(/\bpath:\s*"([^"]+)"/g)]
    .map((m) => m[1])
    .filter((p) => p !== "/login" && p !== "/second-factor");
}

/** The portal's pages as web/src/portal/App.tsx routes them: fixed paths and the prefixes of pages with a parameter. */
export function portalRoutes(): { fixed: string[]; withParam: string[] } {
  const source = readFileSync(join(ROOT, "web/src/portal/App.tsx"), "utf8");
  const fixed = [...source.matchAll(/path === "([^"]+)"/g)].map((m) => m[1]);
  const withParam = [...source.matchAll(/\/\^\\\/([a-z-]+)\\\/\(/g)].map((m) => `/${m[1]}/`);
  return { fixed, withParam };
}

/**
 * Every portal page's address: the fixed pages, one page of each kind with a parameter (the
 * first dialogue and consultation the portal shows, a tracking code: when it is unknown the page
 * says so, still a page to check) and an address that is no page.
 */
export async function portalPaths(request: APIRequestContext): Promise<string[]> {
  const { fixed, withParam } = portalRoutes();
  expect(fixed).toContain("/tiep-can");
  const paths = fixed.map((p) => (p === "/" ? "/cong-dan" : `/cong-dan${p}`));
  const dialogues = (await (await request.get("/api/public/dialogues")).json()) as {
    items: { id: string }[];
  };
  const consultations = (await (await request.get("/api/public/consultations")).json()) as {
    items: { id: string }[];
  };
  const answers = (await (await request.get("/api/public/answers?limit=1")).json()) as {
    items: { trackingCode: string }[];
  };
  const code = answers.items[0]?.trackingCode ?? "PA-000000";
  const sample: Record<string, string | undefined> = {
    "/doi-thoai/": dialogues.items[0]?.id,
    "/gop-y/": consultations.items[0]?.id,
    "/tra-cuu/": code,
    "/da-gui/": code,
  };
  for (const prefix of withParam) {
    expect(sample[prefix], `a sample address for the portal's ${prefix}… pages`).toBeTruthy();
    paths.push(`/cong-dan${prefix}${sample[prefix]}`);
  }
  paths.push("/cong-dan/khong-co-trang-nay");
  return paths;
}

export function routePattern(route: string): RegExp {
  const escaped = route.replace(/[.*+?^{}()|[\]\\]/g, "\\$&").replace(/\$[a-zA-Z]+/g, "[^/?#]+");
  return new RegExp(`^${escaped}$`);
}

/** Which route an address belongs to: a fixed route wins over one with a parameter (/petitions/new). */
export function routeOf(routes: string[], pathname: string): string | undefined {
  const fixed = routes.filter((r) => !r.includes("$"));
  if (fixed.includes(pathname)) return pathname;
  return routes.filter((r) => r.includes("$")).find((r) => routePattern(r).test(pathname));
}

/**
 * Waits until the page has its heading and its data: <main> no longer busy (the app sets
 * aria-busy while a query has no data yet), no spinner, no skeleton.
 */
export async function settle(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await waitUntilLoaded(page);
  await expect(page.locator(".ant-spin-spinning, .ant-skeleton-active")).toHaveCount(0);
}

/** Where a detail route's ids come from when no page links to one (a list whose rows are buttons). */
export const API_IDS: Record<string, { list: string; path: (item: Record<string, string>) => string }> = {
  "/petitions/$id": { list: "/api/petitions?limit=5", path: (i) => `/petitions/${i.id}` },
  "/dialogues/$id": { list: "/api/dialogues", path: (i) => `/dialogues/${i.id}` },
  "/consultations/$id": { list: "/api/consultations", path: (i) => `/consultations/${i.id}` },
  "/escalations/$id": { list: "/api/escalations", path: (i) => `/escalations/${i.id}` },
  "/reporting/consolidations/$id": {
    list: "/api/reporting/consolidations",
    path: (i) => `/reporting/consolidations/${i.id}`,
  },
  "/assignments/$id": { list: "/api/assignments?limit=5", path: (i) => `/assignments/${i.id}` },
  "/reports/$id": { list: "/api/reports", path: (i) => `/reports/${i.id}` },
};

export async function idFromApi(page: Page, route: string): Promise<string | undefined> {
  const source = API_IDS[route];
  if (!source) return undefined;
  const answer = await page.request.get(source.list);
  if (!answer.ok()) return undefined;
  const body = (await answer.json()) as { items?: Record<string, string>[] } | Record<string, string>[];
  const items = Array.isArray(body) ? body : (body.items ?? []);
  return items[0] ? source.path(items[0]) : undefined;
}

/**
 * Makes sure there is a consolidated report to visit: the demo has none, so on a fresh server
 * the coordinator drafts one (for the period of the latest published plan with the most reports
 * received; drafting it again later only refreshes it). Needs a coordinator's page.
 */
export async function ensureConsolidation(page: Page): Promise<void> {
  const list = await callApi(page, "GET", "/api/reporting/consolidations");
  if (list.json.items.length > 0) return;
  const plans = await callApi(page, "GET", "/api/plans?status=published");
  const planId: string = plans.json.items[0].id;
  const periods = await callApi(page, "GET", `/api/reporting/plans/${planId}/periods`);
  const [period] = (periods.json.items as { key: string; counts: { received: number } }[]).sort(
    (a, b) => b.counts.received - a.counts.received,
  );
  const drafted = await callApi(page, "POST", "/api/reporting/consolidations", {
    planId,
    periodKey: period.key,
  });
  expect(drafted.status, JSON.stringify(drafted.json)).toBe(201);
}

/** The directory with the details of its first unit open (`/directory?unit=…`), if there is a unit. */
export async function unitDetailPath(page: Page): Promise<string | undefined> {
  const units = (await (await page.request.get("/api/units?limit=1")).json()) as { items: { id: string }[] };
  return units.items[0] ? `/directory?unit=${units.items[0].id}` : undefined;
}

/**
 * Moves within the app as its own links do (the history API and a popstate the router follows),
 * without loading the whole app again for every page.
 */
export async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, "", to);
    window.dispatchEvent(new PopStateEvent("popstate", { state: null }));
  }, path);
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === path);
}

/** One page the walk showed: the route it belongs to and its address. */
export type RouteVisit = { route: string; path: string };

/**
 * Walks the staff app on a signed-in page: every fixed route, then each route with a parameter
 * at an address a visited page links to (or, when none does, one from API_IDS), going on while
 * detail pages lead to more. Each page is settled before `onPage` looks at it. Routes no address
 * was found for are left out of what it returns.
 */
export async function walkStaffApp(
  page: Page,
  routes: string[],
  onPage: (visit: RouteVisit) => Promise<void>,
): Promise<RouteVisit[]> {
  const visits: RouteVisit[] = [];
  const found = new Map<string, string>(); // route with a parameter → an address seen in a link
  const queue = routes.filter((r) => !r.includes("$"));
  const pending = routes.filter((r) => r.includes("$"));

  const visit = async (path: string, route: string) => {
    await goTo(page, path);
    await settle(page);
    await onPage({ route, path });
    visits.push({ route, path });
    // Links to detail pages, for the routes with a parameter still to visit.
    const hrefs = await page.$$eval("#main a[href]", (links) =>
      links.map((a) => a.getAttribute("href") ?? ""),
    );
    for (const href of hrefs) {
      const url = new URL(href, "http://x");
      const target = routeOf(routes, url.pathname);
      if (target?.includes("$") && !found.has(target)) found.set(target, url.pathname);
    }
  };

  for (const route of queue) await visit(route, route);
  // Detail pages lead to more detail pages (a plan to its tasks and matrix): go on while there are.
  let progress = true;
  while (progress) {
    progress = false;
    for (const route of pending.filter((r) => !visits.some((v) => v.route === r))) {
      const path = found.get(route) ?? (await idFromApi(page, route));
      if (!path) continue;
      await visit(path, route);
      progress = true;
    }
  }
  return visits;
}

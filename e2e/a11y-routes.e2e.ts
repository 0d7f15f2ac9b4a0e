import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { DEMO_USERS, expect, signIn, test } from "./helpers.ts";
import {
  ensureConsolidation,
  goTo,
  portalPaths,
  ROOT,
  type RouteVisit,
  settle,
  staffRoutes,
  unitDetailPath,
  walkStaffApp,
} from "./routes.ts";

// Every route of the staff app as every demo role, and every page of the citizens' portal on a
// 360 px phone, checked by axe against WCAG 2.0–2.2 A and AA: no serious or critical violation.
// The routes are read from the router's own definitions, so a route added without being visited
// here fails the test instead of going unchecked (the walk is shared with the language test, in
// routes.ts). Each page also has to say in its title where the user is.

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function seriousViolations(page: Page): Promise<string[]> {
  // Only the violations are needed: axe then skips gathering what passed, several times faster.
  const results = await new AxeBuilder({ page })
    .withTags(WCAG)
    .options({ resultTypes: ["violations"] })
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}) on ${new URL(page.url()).pathname}: ${v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`)
          .join(" | ")}`,
    );
}

// One account per role: the two officers and two leaders of the demo have the same pages.
const ROLES = DEMO_USERS.filter((u, i) => DEMO_USERS.findIndex((o) => o.role === u.role) === i);

let forbiddenChecked = false;
// Pages already checked, by route and content: another role seeing the very same page (the same
// text and the same controls) adds nothing, and axe takes seconds on a large table.
const checkedContent = new Set<string>();

async function contentKey(page: Page, route: string): Promise<string> {
  const content = await page.evaluate(() => {
    const main = document.getElementById("main");
    const controls = [...(main?.querySelectorAll("a, button, input, select, textarea, [tabindex]") ?? [])]
      .map(
        (e) =>
          `${e.tagName}:${e.getAttribute("aria-label") ?? ""}:${e.textContent?.trim().slice(0, 40) ?? ""}`,
      )
      .join("|");
    return `${main?.textContent ?? ""}#${controls}`;
  });
  return `${route}\n${content}`;
}

type Visit = RouteVisit & { role: string };

async function walkAsRole(browser: Browser, username: string, routes: string[]): Promise<Visit[]> {
  const context = await browser.newContext({
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await signIn(page, username);
  // A consolidated report's page needs one: the demo has none until the coordinator drafts it.
  if (username === "dieuphoi") await ensureConsolidation(page);
  const problems: string[] = [];
  let first = true;

  const visits = await walkStaffApp(page, routes, async ({ route, path }) => {
    const title = await page.title();
    if (!/^\S.* · Đồng Thuận$/.test(title))
      problems.push(`${path}: the title "${title}" does not name the page`);
    // A page this role may not open is the same for everyone: it is checked once.
    const forbidden = (await page.locator(".ant-result-403").count()) > 0;
    const key = await contentKey(page, route);
    const seen = forbidden ? forbiddenChecked : checkedContent.has(key);
    if (!seen || first) problems.push(...(await seriousViolations(page)));
    first = false;
    if (forbidden) forbiddenChecked = true;
    checkedContent.add(key);
  });
  // A unit's details in the directory.
  const unitPath = await unitDetailPath(page);
  if (unitPath) {
    await goTo(page, unitPath);
    await settle(page);
    await expect(page.locator("#unit-detail")).toBeVisible();
    problems.push(...(await seriousViolations(page)));
  }
  await context.close();
  expect(problems, `as ${username}`).toEqual([]);
  return visits.map((v) => ({ ...v, role: username }));
}

test.describe.configure({ mode: "serial" });
// A trace snapshots every step: on some forty large pages per role it costs more than the checks.
test.use({ trace: "off" });

const allVisits: Visit[] = [];
let portalPages = 0;

for (const user of ROLES) {
  test(`every route of the staff app as ${user.role} (${user.username}) passes axe`, async ({ browser }) => {
    test.setTimeout(600_000);
    allVisits.push(...(await walkAsRole(browser, user.username, staffRoutes())));
  });
}

test("no route of the staff app is left unvisited", () => {
  // Only meaningful after the walks in this file: run alone (e.g. with --grep) there is nothing to compare.
  test.skip(allVisits.length === 0, "runs after the walks above");
  const routes = staffRoutes();
  expect(routes.length).toBeGreaterThan(20);
  const missing = routes.filter((r) => !allVisits.some((v) => v.route === r));
  expect(missing, "routes no role reached: visit them or give them a source of ids").toEqual([]);
});

test.describe("the citizens' portal on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("every portal page passes axe and names itself in its title", async ({ page }) => {
    test.setTimeout(120_000);
    const paths = await portalPaths(page.request);
    const problems: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expect(page.locator("[role=status]", { hasText: /Đang tải/ })).toHaveCount(0);
      const title = await page.title();
      if (!/^\S.* — Cổng thông tin người dân$/.test(title)) problems.push(`${path}: title "${title}"`);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > 360) problems.push(`${path}: scrolls sideways (${scrollWidth} px)`);
      problems.push(...(await seriousViolations(page)));
    }
    expect(problems).toEqual([]);
    portalPages = paths.length;
  });
});

// When every walk passed, the portal's accessibility statement gets the date of this check.
test("the accessibility statement records this run", () => {
  // The statement records a whole check only: run alone, or after a partial walk, it keeps the last one.
  test.skip(allVisits.length === 0 || portalPages === 0, "runs after the checks above");
  const roles = new Set(allVisits.map((v) => v.role)).size;
  test.skip(roles < ROLES.length, "only a full run is recorded");
  const pages = new Set(allVisits.map((v) => v.route)).size + portalPages;
  // The real date on purpose: the statement tells citizens when the pages were last checked.
  const checkedOn = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
  const file = join(ROOT, "web/src/portal/accessibility-check.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ checkedOn, pages, roles, standard: "WCAG 2.2 AA" })}\n`);
});

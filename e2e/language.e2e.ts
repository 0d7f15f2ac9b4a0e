import type { Browser, Page } from "@playwright/test";
import { DEMO_USERS as DEMO_ACCOUNTS } from "../demo/users.ts";
import { expect, signIn, switchLanguage, test } from "./helpers.ts";
import { type Lang, languageChecker, type PageText } from "./language-check.ts";
import {
  ensureConsolidation,
  goTo,
  portalPaths,
  type RouteVisit,
  settle,
  staffRoutes,
  unitDetailPath,
  walkStaffApp,
} from "./routes.ts";

// No mixed languages: every route of the staff app and every page of the citizens' portal, in
// Vietnamese and then in English, shows no raw message key, no string of the other language and
// no text the server glued in both. What counts as either language's words comes from the
// translation files (language-check.ts); the routes and the walk are the accessibility test's
// (routes.ts), so a new route is checked here as soon as it is in the router.

// The coordinator and the administrator reach every route between them (the test fails if a
// route is left out or seen only as "no access"). One sign-in each.
const WALKERS = ["dieuphoi", "admin"];

// People's names are data, whatever words they are in (see languageChecker).
const checker = languageChecker(DEMO_ACCOUNTS.map((u) => u.displayName));

/**
 * The page's words: the title, the text nodes of the body that are shown (hidden ones, in a
 * closed menu or an inactive tab, are not), and the attributes people hear or see. Anything
 * marked with a language of its own (the switch's "English", lang="en") is left out.
 */
async function pageText(page: Page): Promise<PageText> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang.slice(0, 2);
    const ownLanguage = (el: Element) =>
      (el.closest("[lang]")?.getAttribute("lang") ?? lang).slice(0, 2) === lang;
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, " ").trim();
      const parent = node.parentElement;
      // <code> holds identifiers, words of no language (the audit log's actions: "consolidation.draft").
      if (!text || !parent || parent.closest("script, style, noscript, code")) continue;
      if (parent.checkVisibility() && ownLanguage(parent)) texts.push(text);
    }
    const attributes: [string, string][] = [];
    for (const el of document.body.querySelectorAll("[aria-label], [placeholder], [title], [alt]")) {
      if (!el.checkVisibility() || !ownLanguage(el)) continue;
      for (const name of ["aria-label", "placeholder", "title", "alt"]) {
        const value = el.getAttribute(name)?.trim();
        if (value) attributes.push([name, value]);
      }
    }
    return { title: document.title, texts, attributes };
  });
}

const isForbidden = async (page: Page) => (await page.locator(".ant-result-403").count()) > 0;

// A trace snapshots every step: on some ninety large pages per walker it costs more than the checks.
test.use({ trace: "off" });

/** Checks the page as it is now; what is wrong goes to `problems` as "lang path: finding". */
async function checkPage(page: Page, lang: Lang, path: string, problems: string[]): Promise<void> {
  for (const finding of checker.check(await pageText(page), lang))
    problems.push(`${lang} ${path}: ${finding}`);
}

/** Signs in as `username` and walks every route in Vietnamese, then in English. */
async function walkInBothLanguages(
  browser: Browser,
  username: string,
  problems: string[],
): Promise<(RouteVisit & { forbidden: boolean })[]> {
  const context = await browser.newContext({
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const visits: (RouteVisit & { forbidden: boolean })[] = [];
  await signIn(page, username);
  if (username === "dieuphoi") await ensureConsolidation(page);
  try {
    for (const lang of ["vi", "en"] as const) {
      if (lang === "en") {
        // Switched on the account page, whose data (the account) says nothing in a language:
        // what the page in view fetches again after a switch cannot show on the next one.
        await goTo(page, "/account");
        await settle(page);
        await switchLanguage(page, "EN");
      }
      await walkStaffApp(page, staffRoutes(), async ({ route, path }) => {
        visits.push({ route, path, forbidden: await isForbidden(page) });
        await checkPage(page, lang, path, problems);
      });
      const unitPath = await unitDetailPath(page);
      if (unitPath) {
        await goTo(page, unitPath);
        await settle(page);
        await expect(page.locator("#unit-detail")).toBeVisible();
        await checkPage(page, lang, unitPath, problems);
      }
    }
  } finally {
    // The choice is saved on the account: other tests sign in as this user and read Vietnamese.
    if ((await page.locator("html").getAttribute("lang")) === "en") {
      const saved = page.waitForResponse(
        (r) => r.url().endsWith("/api/me") && r.request().method() === "PATCH",
      );
      await switchLanguage(page, "VI");
      await saved;
    }
    await context.close();
  }
  return visits;
}

test("every route of the staff app, in Vietnamese and in English", async ({ browser, page }) => {
  test.setTimeout(600_000);
  const problems: string[] = [];
  // The sign-in page, in both languages.
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await checkPage(page, "vi", "/login", problems);
  await switchLanguage(page, "EN");
  await checkPage(page, "en", "/login", problems);

  const visits: (RouteVisit & { forbidden: boolean })[] = [];
  for (const username of WALKERS) visits.push(...(await walkInBothLanguages(browser, username, problems)));
  const routes = staffRoutes();
  expect(routes.length).toBeGreaterThan(20);
  const missing = routes.filter((r) => !visits.some((v) => v.route === r && !v.forbidden));
  expect.soft(missing, "routes no walker could open: add a role that can, or a source of ids").toEqual([]);
  expect(problems, "route: what was found").toEqual([]);
});

test("every page of the citizens' portal, in Vietnamese and in English", async ({ page }) => {
  test.setTimeout(120_000);
  const paths = await portalPaths(page.request);
  const problems: string[] = [];
  for (const lang of ["vi", "en"] as const) {
    if (lang === "en") {
      // The portal's own button, on the last page; the choice is kept in the browser.
      await page.locator("header button.lang").click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    }
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator("[role=status]", { hasText: /^(Đang tải|Loading)…$/ })).toHaveCount(0);
      await checkPage(page, lang, path, problems);
    }
  }
  expect(problems, "route: what was found").toEqual([]);
});

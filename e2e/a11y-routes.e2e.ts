import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { DEMO_USERS as DEMO_ACCOUNTS } from "../demo/users.ts";
import { DEMO_USERS, expect, signIn, switchLanguage, test } from "./helpers.ts";
import { type Lang, languageChecker, pageText } from "./language-check.ts";
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

// Every page, loaded once, with every check that looks at whole pages. The routes are read from
// the router's own definitions (routes.ts), so a route added without being visited fails here
// instead of going unchecked.
//
// The staff app, every route (walkStaffApp) as each demo role — dieuphoi (coordinator) first, so
// that there is a consolidated report to visit, then admin, canbo.so, lanhdao.so, lanhdao.tinh,
// giamsat, baochi — in Vietnamese at 1280 × 800. On each page:
//   - title: it says where the user is ("<page> · Đồng Thuận");
//   - axe: no serious or critical violation. A page whose content another role has already had
//     checked (the same text and controls) is not checked again, nor a "no access" page after
//     the first; the first page of each walk always is;
//   - language (vi): no raw message key, no English string, nothing glued in both languages
//     (language-check.ts);
//   - icon names: every button and link that shows only an icon has a name in the page's
//     language (WCAG 1.1.1, 4.1.2); the coordinator's pages have such controls.
// Then the directory with a unit's details open: axe and language (vi).
// Then dieuphoi and admin switch to English (on the account page) and walk every route again,
// each page and the unit's details with the language check (en); between them they must open
// every route (not only see "no access"). Their choice of language is put back.
// The sign-in page: language in Vietnamese and in English.
// The citizens' portal, every page (portalPaths) on a 360 px phone: title ("<page> — Cổng thông
// tin người dân"), no sideways scrolling, axe, language (vi); the same page widened to 1280 px:
// language (vi) again, as a desktop shows it. Then in English at 1280 px, each page loaded again:
// language (en).
// Afterwards: no route left unvisited, and, when all of it passed, the portal's accessibility
// statement records the date.
//
// A failure names the check, the role and the route (with the address the walk used).

// People's names are data, whatever words they are in (see languageChecker).
const checker = languageChecker(DEMO_ACCOUNTS.map((u) => u.displayName));

/**
 * axe's rules as it enables them by default: its WCAG 2.0–2.2 A and AA rules and its best
 * practices (what these pages have always been held to: an `options()` after `withTags()` replaces
 * the tags). Run in the page itself (legacy mode): the pages have no frames, and the per-frame mode
 * opens a blank page to merge its results, two to three times as slow for the same findings.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  // Only the violations are needed: axe then skips gathering what passed, several times faster.
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .setLegacyMode(true)
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`)
          .join(" | ")}`,
    );
}

/** Buttons and links that show nothing but an icon, with the name a screen reader gives them. */
async function iconOnlyControls(page: Page): Promise<{ html: string; name: string; iconName: string }[]> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && style.display !== "none";
    };
    const textOf = (el: Element): string => {
      let text = "";
      for (const node of el.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? "";
        else if (node instanceof Element && !node.matches("svg, .anticon, [aria-hidden='true']"))
          text += textOf(node);
      }
      return text;
    };
    const found: { html: string; name: string; iconName: string }[] = [];
    for (const el of document.querySelectorAll("button, a[href], [role='button']")) {
      if (!visible(el) || el.closest("[aria-hidden='true']")) continue;
      // antd's pagination: the arrow's focusable stop is its <li>, titled in the page's language
      // ("Trang trước"); the <button> inside is out of the tab order. Left as antd draws it.
      if (el.matches(".ant-pagination-item-link") && el.closest("li[title]")) continue;
      const icon = el.querySelector("svg, .anticon");
      if (!icon || textOf(el).trim() !== "") continue;
      const labelledBy = el
        .getAttribute("aria-labelledby")
        ?.split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" ");
      const name = (el.getAttribute("aria-label") || labelledBy || el.getAttribute("title") || "").trim();
      found.push({
        html: el.outerHTML.slice(0, 160),
        name,
        iconName: icon.getAttribute("aria-label") ?? "",
      });
    }
    return found;
  });
}

/** What is wrong with the icon-only controls' names, and how many there are. */
async function iconNameProblems(page: Page): Promise<{ problems: string[]; count: number }> {
  const controls = await iconOnlyControls(page);
  const problems = controls
    // antd's icons carry their English file name ("delete", "close"): it is no name for a Vietnamese page.
    .filter((c) => !c.name || c.name === c.iconName || /^[a-z]+(-[a-z]+)*$/.test(c.name))
    .map((c) => `${c.html} is named "${c.name}"`);
  return { problems, count: controls.length };
}

/** The pages the coordinator works on most: each is walked, and they have icon-only controls. */
const COORDINATOR_PAGES = [
  "/",
  "/directory",
  "/plans",
  "/assignments",
  "/progress",
  "/petitions",
  "/petitions/new",
  "/petitions/stats",
  "/dialogues",
  "/commitments",
  "/consultations",
  "/reports",
  "/escalations",
  "/reporting/consolidations",
  "/account",
];

// One account per role (the two officers and two leaders of the demo have the same pages), the
// coordinator first: it drafts the consolidated report the others then visit.
const ROLES = DEMO_USERS.filter((u, i) => DEMO_USERS.findIndex((o) => o.role === u.role) === i).sort(
  (a, b) => Number(b.username === "dieuphoi") - Number(a.username === "dieuphoi"),
);
// The coordinator and the administrator reach every route between them: they are also walked in English.
const IN_ENGLISH = ["dieuphoi", "admin"];

let forbiddenChecked = false;
// Pages already checked by axe, by route and content: another role seeing the very same page (the
// same text and the same controls) adds nothing, and axe takes seconds on a large table.
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

const isForbidden = async (page: Page) => (await page.locator(".ant-result-403").count()) > 0;

type Visit = RouteVisit & { role: string; lang: Lang; forbidden: boolean };

/**
 * Signs in as `username` and walks every route in Vietnamese with every check, then (for the
 * coordinator and the administrator) in English with the language check. What is wrong goes to
 * `problems` as "check, route (address): finding".
 */
async function walkAsRole(
  browser: Browser,
  username: string,
  problems: string[],
): Promise<{ visits: Visit[]; iconControls: number }> {
  const context = await browser.newContext({
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const visits: Visit[] = [];
  let iconControls = 0;
  const report = (check: string, where: string, findings: string[]) => {
    for (const finding of findings) problems.push(`${check}, ${where}: ${finding}`);
  };
  await signIn(page, username);
  // A consolidated report's page needs one: the demo has none until the coordinator drafts it.
  if (username === "dieuphoi") await ensureConsolidation(page);
  try {
    let first = true;
    await walkStaffApp(page, staffRoutes(), async ({ route, path }) => {
      const where = route === path ? route : `${route} (${path})`;
      const forbidden = await isForbidden(page);
      visits.push({ route, path, role: username, lang: "vi", forbidden });
      const title = await page.title();
      if (!/^\S.* · Đồng Thuận$/.test(title)) report("title", where, [`"${title}" does not name the page`]);
      // A page this role may not open is the same for everyone: axe checks it once.
      const key = await contentKey(page, route);
      const seen = forbidden ? forbiddenChecked : checkedContent.has(key);
      if (!seen || first) report("axe", where, await seriousViolations(page));
      first = false;
      if (forbidden) forbiddenChecked = true;
      checkedContent.add(key);
      report("language vi", where, checker.check(await pageText(page), "vi"));
      const icons = await iconNameProblems(page);
      if (username === "dieuphoi" && COORDINATOR_PAGES.includes(path)) iconControls += icons.count;
      report("icon names", where, icons.problems);
    });
    // A unit's details in the directory.
    const unitPath = await unitDetailPath(page);
    if (unitPath) {
      await goTo(page, unitPath);
      await settle(page);
      await expect(page.locator("#unit-detail")).toBeVisible();
      report("axe", unitPath, await seriousViolations(page));
      report("language vi", unitPath, checker.check(await pageText(page), "vi"));
    }
    if (IN_ENGLISH.includes(username)) {
      // Switched on the account page, whose data (the account) says nothing in a language:
      // what the page in view fetches again after a switch cannot show on the next one.
      await goTo(page, "/account");
      await settle(page);
      await switchLanguage(page, "EN");
      await walkStaffApp(page, staffRoutes(), async ({ route, path }) => {
        visits.push({ route, path, role: username, lang: "en", forbidden: await isForbidden(page) });
        const where = route === path ? route : `${route} (${path})`;
        report("language en", where, checker.check(await pageText(page), "en"));
      });
      if (unitPath) {
        await goTo(page, unitPath);
        await settle(page);
        await expect(page.locator("#unit-detail")).toBeVisible();
        report("language en", unitPath, checker.check(await pageText(page), "en"));
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
  return { visits, iconControls };
}

test.describe.configure({ mode: "serial" });
// A trace snapshots every step: on some forty large pages per role it costs more than the checks.
test.use({ trace: "off" });

const allVisits: Visit[] = [];
let portalPages = 0;

for (const user of ROLES) {
  const checks = IN_ENGLISH.includes(user.username)
    ? "axe, title, language in Vietnamese and English, icon names"
    : "axe, title, language, icon names";
  test(`every route of the staff app as ${user.role} (${user.username}): ${checks}`, async ({ browser }) => {
    test.setTimeout(600_000);
    const problems: string[] = [];
    const { visits, iconControls } = await walkAsRole(browser, user.username, problems);
    expect(problems, `as ${user.role} (${user.username}): check, route: what was found`).toEqual([]);
    if (user.username === "dieuphoi") {
      const walked = COORDINATOR_PAGES.filter((p) => visits.some((v) => v.path === p && v.lang === "vi"));
      expect(walked, "the coordinator's pages the walk reached").toEqual(COORDINATOR_PAGES);
      // The pages do have such controls (the notices bell, a table's sort and filter icons …).
      expect(iconControls, "icon-only controls on the coordinator's pages").toBeGreaterThan(0);
    }
    allVisits.push(...visits);
  });
}

test("no route of the staff app is left unvisited", () => {
  // Only meaningful after the walks in this file: run alone (e.g. with --grep) there is nothing to compare.
  test.skip(allVisits.length === 0, "runs after the walks above");
  const routes = staffRoutes();
  expect(routes.length).toBeGreaterThan(20);
  const missing = routes.filter((r) => !allVisits.some((v) => v.route === r));
  expect(missing, "routes no role reached: visit them or give them a source of ids").toEqual([]);
  // The walks in English see every route.
  const inEnglish = IN_ENGLISH.filter((u) => allVisits.some((v) => v.role === u));
  // Run with --grep on one role, the English walks did not happen: nothing to compare them with.
  test.skip(inEnglish.length < IN_ENGLISH.length, "runs after the walks in both languages");
  const unopened = routes.filter(
    (r) => !allVisits.some((v) => IN_ENGLISH.includes(v.role) && v.route === r && !v.forbidden),
  );
  expect(
    unopened,
    "routes neither walker in both languages could open: add a role that can, or a source of ids",
  ).toEqual([]);
});

test("the sign-in page, in Vietnamese and in English: language", async ({ page }) => {
  const problems: string[] = [];
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  for (const finding of checker.check(await pageText(page), "vi")) problems.push(`language vi: ${finding}`);
  await switchLanguage(page, "EN");
  for (const finding of checker.check(await pageText(page), "en")) problems.push(`language en: ${finding}`);
  expect(problems, "/login: check: what was found").toEqual([]);
});

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 720 };

/** Two frames: a resized page has laid itself out again. */
const nextFrames = (page: Page) =>
  page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );

test.describe("the citizens' portal on a 360 px phone", () => {
  test.use({ viewport: PHONE });

  test("every portal page: axe, title and width on a phone; language in Vietnamese and English", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const paths = await portalPaths(page.request);
    const problems: string[] = [];
    const report = (check: string, path: string, findings: string[]) => {
      for (const finding of findings) problems.push(`${check}, ${path}: ${finding}`);
    };
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expect(page.locator("[role=status]", { hasText: /Đang tải/ })).toHaveCount(0);
      const title = await page.title();
      if (!/^\S.* — Cổng thông tin người dân$/.test(title)) report("title", path, [`"${title}"`]);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > PHONE.width) report("width", path, [`scrolls sideways (${scrollWidth} px)`]);
      report("axe", path, await seriousViolations(page));
      report("language vi (phone)", path, checker.check(await pageText(page), "vi"));
      // The portal lays itself out with CSS alone: widened, the page shows what a desktop shows.
      await page.setViewportSize(DESKTOP);
      await nextFrames(page);
      report("language vi", path, checker.check(await pageText(page), "vi"));
      await page.setViewportSize(PHONE);
    }
    // In English, on a desktop: the portal's own button, on the last page; the choice is kept in
    // the browser, and each page is loaded again in it.
    await page.setViewportSize(DESKTOP);
    await page.locator("header button.lang").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator("[role=status]", { hasText: /^(Đang tải|Loading)…$/ })).toHaveCount(0);
      report("language en", path, checker.check(await pageText(page), "en"));
    }
    expect(problems, "check, portal page: what was found").toEqual([]);
    portalPages = paths.length;
  });
});

// When every walk passed, the portal's accessibility statement gets the date of this check.
test("the accessibility statement records this run", () => {
  // The statement records a whole check only: run alone, or after a partial walk, it keeps the last one.
  test.skip(allVisits.length === 0 || portalPages === 0, "runs after the checks above");
  const roles = new Set(allVisits.map((v) => v.role)).size;
  // A walk of some roles only (--grep) must not date the statement as if every page was checked.
  test.skip(roles < ROLES.length, "only a full run is recorded");
  const pages = new Set(allVisits.map((v) => v.route)).size + portalPages;
  // The real date on purpose: the statement tells citizens when the pages were last checked.
  const checkedOn = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
  const file = join(ROOT, "web/src/portal/accessibility-check.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ checkedOn, pages, roles, standard: "WCAG 2.2 AA" })}\n`);
});

import { existsSync } from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "secret-demo-pass";

// The built app's files under /assets/ have content hashes and never change: one copy serves
// every test, as a returning user's browser cache would. Without it each test's fresh context
// downloads some twenty files per page, and the suite, all from 127.0.0.1, runs into the
// server's per-address rate limit.
const assetCache = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();

// Without the system's Chromium there is nothing to drive: every test is skipped with the fix
// to apply (in CI the config fails instead). An automatic fixture applies it to every test.
export const test = base.extend<{ chromiumPresent: undefined }>({
  chromiumPresent: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object
    async ({}, use, testInfo) => {
      testInfo.skip(
        !existsSync(process.env.DT_CHROMIUM ?? "/usr/bin/chromium"),
        "Chromium is missing: run `apt-get install chromium` to run the browser tests",
      );
      await use(undefined);
    },
    { auto: true },
  ],
  context: async ({ context }, use) => {
    await context.route(/\/assets\//, async (route) => {
      const url = route.request().url();
      let cached = assetCache.get(url);
      if (!cached) {
        try {
          const response = await route.fetch();
          cached = { status: response.status(), headers: response.headers(), body: await response.body() };
        } catch {
          // The page moved on while the file was on its way: nothing waits for it any more.
          await route.abort().catch(() => undefined);
          return;
        }
        if (cached.status === 200) assetCache.set(url, cached);
      }
      await route.fulfill(cached).catch(() => undefined);
    });
    await use(context);
  },
});
export { expect };

/** One account per role of the demo province (server/demo), with what its home page greets. */
export const DEMO_USERS = [
  { username: "admin", role: "admin", vi: "Quản trị hệ thống", en: "Administrator" },
  { username: "dieuphoi", role: "coordinator", vi: "Cơ quan đầu mối", en: "Coordinator" },
  { username: "canbo.so", role: "unit_officer", vi: "Cán bộ đơn vị", en: "Unit officer" },
  { username: "lanhdao.so", role: "unit_leader", vi: "Lãnh đạo đơn vị", en: "Unit leader" },
  { username: "canbo.huyen", role: "unit_officer", vi: "Cán bộ đơn vị", en: "Unit officer" },
  { username: "lanhdao.huyen", role: "unit_leader", vi: "Lãnh đạo đơn vị", en: "Unit leader" },
  { username: "lanhdao.tinh", role: "leadership", vi: "Lãnh đạo UBND tỉnh", en: "Provincial leadership" },
  {
    username: "giamsat",
    role: "supervisor",
    vi: "Giám sát (MTTQ, đoàn thể)",
    en: "Supervisor (Fatherland Front, mass organisations)",
  },
  { username: "baochi", role: "media", vi: "Cơ quan báo chí, truyền thông", en: "Media" },
] as const;

/** Signs in through the form, as a person would, and waits for the home page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Sets the UI language with the header switch (the choice is also saved on the account). */
export async function switchLanguage(page: Page, lang: "VI" | "EN"): Promise<void> {
  await page.getByRole("banner").getByText(lang, { exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang.toLowerCase());
}

/** A name no other test run uses, so tests can share one server. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** The headers the signed-in page sends: its anti-forgery token, and Vietnamese messages. */
export async function apiHeaders(page: Page): Promise<Record<string, string>> {
  const csrf = (await page.context().cookies()).find((c) => c.name === "dt_csrf")?.value ?? "";
  return { "x-csrf-token": csrf, "accept-language": "vi" };
}

/** The API as the signed-in page calls it, with its session and anti-forgery token. */
export async function callApi(
  page: Page,
  method: "GET" | "POST" | "PATCH",
  url: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever the answer holds
): Promise<{ status: number; json: any }> {
  const response = await page.request.fetch(url, { method, headers: await apiHeaders(page), data: body });
  return { status: response.status(), json: await response.json().catch(() => null) };
}

/**
 * Waits until the staff app's <main> is not busy (aria-busy while a query has no data yet),
 * checked two frames after each look so that queries a page starts on mount are counted. Much
 * quicker than waiting for the network to be idle for half a second.
 */
export async function waitUntilLoaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            resolve(document.getElementById("main")?.getAttribute("aria-busy") !== "true"),
          ),
        ),
      ),
  );
}

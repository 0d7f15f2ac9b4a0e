import type { BrowserContext, Page } from "@playwright/test";
import { expect, signIn } from "./helpers.ts";

// One signed-in session per demo account for the whole run of a worker: a test that is about
// something other than signing in starts signed in, as a returning user's browser does, instead
// of going through the form (the sign-in page, the password check, the home page) every time.
// Signing in itself is tested through the form (auth.e2e.ts, the keyboard journeys), and every
// account's first session here is made by the form too.

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;
const sessions = new Map<string, Cookies>();

/**
 * Opens `path` (the home page unless told) on `page`, signed in as `username`: with the session
 * kept from the account's first sign-in in this run, or, when there is none or it has ended
 * (signed out, expired), by signing in through the form, whose session is then kept.
 */
export async function signedIn(page: Page, username: string, path = "/"): Promise<void> {
  const kept = sessions.get(username);
  if (kept) {
    await page.context().addCookies(kept);
    if ((await page.request.get("/api/me")).ok()) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await expect(page).not.toHaveURL(/\/login/);
      return;
    }
    sessions.delete(username);
    await page.context().clearCookies();
  }
  await signIn(page, username);
  sessions.set(username, await page.context().cookies());
  if (path !== "/") {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  }
}

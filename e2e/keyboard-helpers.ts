import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect } from "./helpers.ts";

// What the keyboard-only journeys share (a11y-keyboard*.e2e.ts): Tab, Shift+Tab, arrows, typing,
// Enter and Space, never a click. At every stop the focused element must be on screen: inside the
// viewport and not under the sticky header (WCAG 2.4.11, focus not obscured), and it must show a
// focus ring.

/** Where the focused element is, or what is wrong with it; null when it is fine. */
export async function focusProblem(page: Page, header: string | null): Promise<string | null> {
  return page.evaluate((headerSelector) => {
    let el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "nothing has focus";
    const name = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
    // A radio hidden inside its label (antd's segmented control): the label is what shows.
    let rect = el.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) {
      el = el.closest("label") ?? el.parentElement;
      rect = el?.getBoundingClientRect() ?? rect;
    }
    if (
      rect.top >= window.innerHeight ||
      rect.bottom <= 0 ||
      rect.right > window.innerWidth + 1 ||
      rect.left < -1
    )
      return `${name} is outside the viewport (${Math.round(rect.top)}, ${Math.round(rect.left)})`;
    // Covered by the sticky header: what the browser shows at the element's top edge is the header.
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), window.innerWidth - 1);
    const y = Math.max(rect.top + Math.min(4, rect.height / 2), 0);
    const hit = document.elementFromPoint(x, y);
    const header = headerSelector ? hit?.closest(headerSelector) : null;
    if (header && el && !header.contains(el))
      return `${name} is under the header (top ${Math.round(rect.top)})`;
    const style = getComputedStyle(document.activeElement as Element);
    const ring =
      (style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2) ||
      (el !== document.activeElement && el !== null && getComputedStyle(el).outlineStyle !== "none");
    if (!ring) return `${name} shows no focus ring`;
    return null;
  }, header);
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, checking every stop on the way.
 * Fails when the element is not reached within `limit` stops.
 */
export async function tabTo(
  page: Page,
  matches: (el: { role: string | null; name: string; label: string; href: string | null }) => boolean,
  options: { header: string | null; back?: boolean; limit?: number },
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i <= (options.limit ?? 60); i++) {
    // The first look is at what has focus already (a field the page focused on opening).
    if (i > 0) {
      await page.keyboard.press(options.back ? "Shift+Tab" : "Tab");
      const problem = await focusProblem(page, options.header);
      expect(problem, `after ${seen.length} stops (${seen.join(" → ")})`).toBeNull();
    }
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return {
        role: el.getAttribute("role") ?? el.tagName.toLowerCase(),
        name: (el.getAttribute("aria-label") ?? el.textContent ?? "").trim(),
        label: (labelled ?? el.closest("label")?.textContent ?? "").trim(),
        href: el.getAttribute("href"),
      };
    });
    seen.push((focused.name || focused.label || focused.role || "?").slice(0, 50));
    if (matches(focused)) return;
  }
  throw new Error(`not reached by keyboard; the stops were: ${seen.join(" → ")}`);
}

export const STAFF_HEADER = ".app-header";

export async function signInByKeyboard(page: Page, username: string): Promise<void> {
  await page.goto("/login");
  await expect(page.getByLabel("Tên đăng nhập")).toBeVisible();
  await tabTo(page, (f) => /Tên đăng nhập/.test(f.label), { header: null });
  await page.keyboard.type(username);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The sign-in form is gone: focus is on the new page's content, not lost on <body>.
  await expect(page.locator("#main")).toBeFocused();
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    viewport: { width: 1280, height: 720 },
  });
  return context.newPage();
}

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, switchLanguage, test } from "./helpers.ts";
import { signedIn } from "./sessions.ts";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const [name, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 375, height: 740 }],
] as const) {
  test.describe(`accessibility on ${name}`, () => {
    test.use({ viewport });

    test("the sign-in page has no serious or critical axe violation", async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByLabel("Tên đăng nhập")).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "vi");
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the home page has no serious or critical axe violation", async ({ page }) => {
      await signedIn(page, "admin");
      await switchLanguage(page, "VI");
      await expect(page.getByRole("heading", { name: "Đơn vị của tôi" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test("the sign-in page downloads no directory, users or audit code", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  await page.goto("/login");
  await expect(page.getByLabel("Tên đăng nhập")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(scripts.some((s) => s.includes("LoginPage"))).toBe(true);
  expect(scripts.filter((s) => /DirectoryPage|UsersPage|AuditPage|table-|echarts/.test(s))).toEqual([]);
});

test.describe("phone layout", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("the navigation folds into a drawer and the skip link leads to the content", async ({ page }) => {
    await signedIn(page, "admin");
    await switchLanguage(page, "VI");
    await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toHaveCount(0);
    const open = page.getByRole("button", { name: "Mở danh mục chức năng" });
    const box = await open.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(44);
    expect(box?.height).toBeGreaterThanOrEqual(44);
    await open.click();
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Danh bạ đơn vị" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Danh bạ đơn vị" })).toBeVisible();
    // No sideways scrolling at 375 px.
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375);

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Bỏ qua, đến nội dung chính" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main")).toBeFocused();
  });
});

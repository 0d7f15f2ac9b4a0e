import { expect, test } from "./helpers.ts";
import { noSidewaysScroll, PHONE, seriousViolations } from "./portal-helpers.ts";

// The citizens' portal (/cong-dan): a light page of its own, no account needed. Here a citizen
// on a phone reads the plan's progress and the published answers, switches the language, and
// follows old links; the portal stays light and usable by keyboard. Sending a petition is in
// portal-petition.e2e.ts, dialogues and drafts in portal-civic.e2e.ts, rating the answer in
// portal-rating.e2e.ts.

test.describe("the citizens' portal on a phone", () => {
  test.use({ viewport: PHONE });

  test("reads the plan's progress by heading, without an account", async ({ page }) => {
    await page.goto("/cong-dan");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(
      page.getByRole("heading", { level: 1, name: "Kế hoạch của tỉnh và tiến độ thực hiện" }),
    ).toBeVisible();
    // Other browser tests may have published plans of their own: read the seed plan's card.
    const seed = page.getByRole("article", { name: /^Kế hoạch thực hiện Chương trình hành động/ });
    await expect(seed.getByRole("heading", { level: 2 })).toBeVisible();
    await expect(seed.getByRole("heading", { name: "Kế hoạch nhằm mục đích gì" })).toBeVisible();
    const bars = seed.getByRole("progressbar");
    expect(await bars.count()).toBeGreaterThan(3);
    const overall = await bars.first().getAttribute("aria-valuenow");
    expect(Number(overall)).toBeGreaterThan(0);
    expect(Number(overall)).toBeLessThanOrEqual(100);
    await expect(seed.getByText(/^II\.1$/)).toBeVisible();
    await noSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("lists the published answers with personal data masked", async ({ page }) => {
    await page.goto("/cong-dan");
    await page
      .getByRole("link", { name: /Trả lời đã công bố/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Trả lời đã công bố" })).toBeVisible();
    const items = page.locator("ol.answers > li");
    await expect(items.first()).toBeVisible();
    expect(await items.count()).toBe(10);
    await expect(page.getByText(/^10 trên \d+ trả lời$/)).toBeVisible();
    await page.getByRole("button", { name: "Xem thêm" }).click();
    await expect(items).toHaveCount(20);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("[họ tên]");
    expect(text).not.toMatch(/\b0[35789]\d{8}\b|\+84\d{9}|@[a-z0-9-]+\.[a-z]/i);
    await noSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    // A tracking code is the citizen's key to the case: the public page shows none.
    expect(text).not.toMatch(/\bPA-[0-9A-Z]{5}-[0-9A-Z]{5}\b/);
  });

  test("switches to English and back, and keeps the choice", async ({ page }) => {
    await page.goto("/cong-dan");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(
      page.getByRole("heading", { level: 1, name: "The province's plan and its progress" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "Track a petition" }).first().click();
    await page.getByLabel("Tracking code").fill("PA-23456-789AB");
    await page.getByRole("button", { name: "Look up" }).click();
    await expect(page.getByRole("alert")).toContainText("No petition has the code PA-23456-789AB");
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Track a petition" })).toBeVisible();
    await page.goto("/cong-dan/gui-phan-anh");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByText("The text needs at least 20 characters.").first()).toBeVisible();
    await page.getByRole("button", { name: "Chuyển sang tiếng Việt" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByRole("heading", { level: 1, name: "Gửi phản ánh, kiến nghị" })).toBeVisible();
  });

  test("an unknown portal address says so; e-mails' old links lead to the lookup", async ({ page }) => {
    await page.goto("/cong-dan/khong-co-trang-nay");
    await expect(page.getByRole("heading", { level: 1, name: "Không có trang này" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/phan-anh/tra-cuu/PA-23456-789AB");
    await expect(page).toHaveURL(/\/cong-dan\/tra-cuu\/PA-23456-789AB$/);
    await expect(page.getByRole("alert")).toContainText("Không tìm thấy hồ sơ");
  });

  test("the sign-in page leads citizens to the portal, and the portal back to it", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Cổng thông tin người dân" }).click();
    await expect(page).toHaveURL(/\/cong-dan$/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Kế hoạch của tỉnh và tiến độ thực hiện" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "Cán bộ đăng nhập" }).click();
    await expect(page).toHaveURL(/\/login/);
  });

  test("the portal loads none of the staff app's heavy code", async ({ page }) => {
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    await page.goto("/cong-dan");
    await expect(page.getByRole("progressbar").first()).toBeVisible();
    expect(scripts.filter((s) => /antd|zod|echarts|tanstack|i18next-/.test(s))).toEqual([]);
  });
});

test.describe("the citizens' portal on a desktop", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("every list page has no serious or critical axe violation", async ({ page }) => {
    for (const [path, heading] of [
      ["/cong-dan", "Kế hoạch của tỉnh và tiến độ thực hiện"],
      ["/cong-dan/gui-phan-anh", "Gửi phản ánh, kiến nghị"],
      ["/cong-dan/tra-cuu", "Tra cứu hồ sơ"],
      ["/cong-dan/tra-loi", "Trả lời đã công bố"],
      ["/cong-dan/doi-thoai", "Đối thoại sắp tới"],
      ["/cong-dan/gop-y", "Góp ý dự thảo"],
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });

  test("the keyboard reaches the skip link first and the commune list works with arrows", async ({
    page,
  }) => {
    await page.goto("/cong-dan/gui-phan-anh");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Bỏ qua, đến nội dung chính" })).toBeFocused();
    const commune = page.getByRole("combobox", { name: /Xã, phường, đặc khu/ });
    await commune.focus();
    await commune.pressSequentially("phu quoc");
    await expect(page.getByRole("listbox").getByRole("option").first()).toContainText("Phú Quốc");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect(commune).toHaveValue(/Phú Quốc/);
    await expect(page.getByRole("listbox")).toBeHidden();
  });
});

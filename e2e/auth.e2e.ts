import { DEMO_PASSWORD, DEMO_USERS, expect, signIn, switchLanguage, test } from "./helpers.ts";

test.describe("sign-in and each role's home page", () => {
  for (const user of DEMO_USERS) {
    test(`${user.username} sees the ${user.role} home page in Vietnamese and English`, async ({ page }) => {
      await signIn(page, user.username);
      await switchLanguage(page, "VI");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Xin chào");
      await expect(page.getByText(`Vai trò: ${user.vi}`)).toBeVisible();
      await expect(page.getByRole("heading", { name: "Bảo mật tài khoản" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Đơn vị của tôi" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toBeVisible();

      await switchLanguage(page, "EN");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Hello");
      await expect(page.getByText(`Role: ${user.en}`)).toBeVisible();
      await expect(page.getByRole("heading", { name: "Account security" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "My units" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Unit directory" })).toBeVisible();

      // Leave the account as the other tests expect it.
      await switchLanguage(page, "VI");
      await expect(page.getByRole("heading", { name: "Đơn vị của tôi" })).toBeVisible();
    });
  }

  test("only the administrator's menu has Users and Audit log", async ({ page }) => {
    await signIn(page, "canbo.so");
    await switchLanguage(page, "VI");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await expect(nav.getByRole("link", { name: "Danh bạ đơn vị" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Người dùng" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Nhật ký" })).toHaveCount(0);
  });
});

test.describe("sign-in errors", () => {
  test("a wrong password shows the server's message and stays on /login", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill("baochi");
    await page.getByLabel("Mật khẩu").fill("not-the-password");
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("Tên đăng nhập hoặc mật khẩu không đúng");
    await expect(page).toHaveURL(/\/login/);

    // The message comes in the language the page is shown in.
    await page.getByText("EN", { exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("Wrong username or password");
    await expect(page).toHaveURL(/\/login/);
  });

  test("after repeated wrong passwords the next attempt must wait, and the page says how long in both languages", async ({
    page,
  }) => {
    // A name no account has: the server answers it exactly as it would a real one, and no other
    // test's account is held back. The server's defaults: 5 free failures, then 30 s.
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill("khong-co-tai-khoan-nay");
    await page.getByLabel("Mật khẩu").fill("not-the-password");
    const submit = async (name: string) => {
      const answer = page.waitForResponse((r) => r.url().endsWith("/api/auth/login"));
      await page.getByRole("button", { name, exact: true }).click();
      return (await answer).status();
    };
    for (let i = 0; i < 5; i++) {
      expect(await submit("Đăng nhập")).toBe(401);
      await expect(page.getByRole("alert")).toContainText("Tên đăng nhập hoặc mật khẩu không đúng");
    }
    expect(await submit("Đăng nhập")).toBe(429);
    await expect(page.getByRole("alert")).toContainText(
      /Đăng nhập sai quá nhiều lần\. Vui lòng chờ \d+ giây rồi thử lại\./,
    );
    await expect(page).toHaveURL(/\/login/);

    await page.getByText("EN", { exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    expect(await submit("Sign in")).toBe(429);
    await expect(page.getByRole("alert")).toContainText(
      /Too many failed sign-ins\. Please wait \d+ seconds and try again\./,
    );
  });

  test("signing in works with the keyboard alone", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByLabel("Tên đăng nhập")).toBeFocused();
    await page.keyboard.type("giamsat");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Mật khẩu")).toBeFocused();
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/Xin chào|Hello/);
  });

  test("a page asked for while signed out comes back after sign-in", async ({ page }) => {
    await page.goto("/directory");
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.getByLabel("Tên đăng nhập").fill("dieuphoi");
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await expect(page).toHaveURL(/\/directory$/);
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, "lanhdao.tinh");
    await switchLanguage(page, "VI");
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
});

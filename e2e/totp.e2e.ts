import { generateSync } from "otplib";
import { DEMO_PASSWORD, expect, signIn, switchLanguage, test } from "./helpers.ts";

test("a user turns on two-step verification, signs in with a code, and turns it off", async ({ page }) => {
  await signIn(page, "lanhdao.huyen");
  await switchLanguage(page, "VI");
  await page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Tài khoản" })
    .click();
  await page.getByRole("button", { name: "Thiết lập xác thực hai bước" }).click();
  await expect(
    page.getByRole("img", { name: "Mã QR để thêm tài khoản vào ứng dụng xác thực" }),
  ).toBeVisible();
  await expect(page.getByText(/^otpauth:\/\/totp\//)).toBeVisible();
  const secret =
    (
      await page
        .locator("code")
        .filter({ hasText: /^[A-Z2-7]{16,}$/ })
        .textContent()
    )?.trim() ?? "";
  expect(secret).not.toBe("");

  const code = page.getByLabel("Mã 6 chữ số từ ứng dụng");
  const wrong = generateSync({ secret }) === "000000" ? "111111" : "000000";
  await code.fill(wrong);
  await page.getByRole("button", { name: "Bật xác thực hai bước" }).click();
  await expect(page.getByRole("alert")).toContainText("Mã xác thực không đúng");
  await code.fill(generateSync({ secret }));
  await page.getByRole("button", { name: "Bật xác thực hai bước" }).click();
  await expect(page.getByText("Đang bật: khi đăng nhập cần thêm mã")).toBeVisible();

  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.getByLabel("Tên đăng nhập").fill("lanhdao.huyen");
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  const totp = page.getByLabel("Mã xác thực (6 chữ số)");
  await expect(totp).toBeFocused();
  await totp.fill(generateSync({ secret }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Xin chào");

  await page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Tài khoản" })
    .click();
  await page.getByLabel("Nhập mã hiện tại để tắt").fill(generateSync({ secret }));
  await page.getByRole("button", { name: "Tắt xác thực hai bước" }).click();
  await expect(page.getByText("Chưa bật. Nên bật")).toBeVisible();
});

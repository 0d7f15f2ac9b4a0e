import { expect, signIn, switchLanguage, test } from "./helpers.ts";

test("the administrator creates a user, who signs in and changes the temporary password", async ({
  page,
  browser,
}) => {
  const username = `thu.nghiem.${Date.now().toString(36)}`;
  await signIn(page, "admin");
  await switchLanguage(page, "VI");
  await page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Người dùng" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Người dùng" })).toBeVisible();

  await page.getByRole("button", { name: "Thêm người dùng" }).click();
  const dialog = page.getByRole("dialog", { name: "Thêm người dùng" });
  await dialog.getByLabel("Tên đăng nhập").fill(username);
  await dialog.getByLabel("Họ và tên").fill("Trương Thị Thử Nghiệm");
  await dialog.getByRole("button", { name: "Thêm vai trò" }).click();
  await dialog.getByLabel("Tại đơn vị 1").click();
  await page.keyboard.type("so noi vu");
  await page
    .locator(".ant-select-tree-node-content-wrapper")
    .filter({ hasText: /Sở Nội vụ/ })
    .first()
    .click();
  await dialog.getByRole("button", { name: "Thêm người dùng" }).click();

  const temp = page.getByRole("dialog", { name: `Mật khẩu tạm của ${username}` });
  await expect(temp).toBeVisible();
  const password = await temp.getByLabel("Mật khẩu tạm").inputValue();
  expect(password.length).toBeGreaterThanOrEqual(10);
  await temp.getByRole("button", { name: "Sao chép" }).click();
  await temp.getByRole("button", { name: "Đóng" }).first().click();
  await expect(page.getByRole("row", { name: new RegExp(username) })).toContainText(
    "Cán bộ đơn vị · Sở Nội vụ",
  );

  const context = await browser.newContext();
  const newUser = await context.newPage();
  await signIn(newUser, username, password);
  // A temporary password leads straight to the account page.
  await expect(newUser).toHaveURL(/\/account$/);
  await expect(newUser.getByText("Bạn đang dùng mật khẩu tạm")).toBeVisible();
  await newUser.getByLabel("Mật khẩu hiện tại").fill(password);
  await newUser.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-moi-2025");
  await newUser.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-moi-2025");
  await newUser.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(newUser.getByText("Đã đổi mật khẩu.")).toBeVisible();
  await newUser.getByRole("link", { name: "Trang chủ" }).click();
  await expect(newUser.getByRole("heading", { level: 1 })).toContainText("Trương Thị Thử Nghiệm");
  await context.close();
});

test("the administrator sees the audit trail and checks its integrity", async ({ page }) => {
  await signIn(page, "admin");
  await switchLanguage(page, "VI");
  await page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Nhật ký" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Nhật ký" })).toBeVisible();
  await expect(page.locator(".ant-table-row").first()).toBeVisible();
  await page.getByRole("button", { name: "Kiểm tra toàn vẹn" }).click();
  await expect(page.getByText(/Nhật ký toàn vẹn: đã kiểm tra \d+ mục/)).toBeVisible();
});

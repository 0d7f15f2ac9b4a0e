import { generateSync } from "otplib";
import { callApi, expect, signIn, switchLanguage, test } from "./helpers.ts";

test("the administrator creates a user, who signs in and changes the temporary password", async ({
  page,
  browser,
}) => {
  // Date.now only makes the name unique among runs on one server; no date is read.
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
  await expect(page.getByText(/Chuỗi được ký bằng khóa lưu ngoài cơ sở dữ liệu/)).toBeVisible();
});

test("the administrator removes the second factor of a user who lost their phone", async ({
  page,
  browser,
}) => {
  // A user with two-step verification on, set up through the API as the account page does.
  // Date.now only makes the name unique among runs on one server; no date is read.
  const username = `mat.dien.thoai.${Date.now().toString(36)}`;
  await signIn(page, "admin");
  const created = await callApi(page, "POST", "/api/users", {
    username,
    displayName: "Người Mất Điện Thoại",
    password: "mat-khau-du-dai-2026",
  });
  expect(created.status).toBe(201);
  const context = await browser.newContext();
  const user = await context.newPage();
  await signIn(user, username, "mat-khau-du-dai-2026");
  const setup = await callApi(user, "POST", "/api/me/totp/setup");
  expect(setup.status).toBe(200);
  expect(
    (
      await callApi(user, "POST", "/api/me/totp/enable", {
        code: generateSync({ secret: setup.json.secret }),
      })
    ).status,
  ).toBe(204);

  await switchLanguage(page, "VI");
  await page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Người dùng" })
    .click();
  await page.getByLabel("Tìm theo tên đăng nhập hoặc họ tên").fill(username);
  await page.keyboard.press("Enter");
  const row = page.getByRole("row", { name: new RegExp(username) });
  await row.getByRole("button", { name: `Gỡ xác thực hai bước của ${username}?` }).click();
  // Not undone with a click: it asks first.
  const confirm = page.getByRole("dialog", { name: `Gỡ xác thực hai bước của ${username}?` });
  await expect(confirm).toContainText("Dùng khi người dùng mất điện thoại");
  await confirm.getByRole("button", { name: "Gỡ xác thực hai bước" }).click();
  await expect(page.getByText(`Đã gỡ xác thực hai bước của ${username}.`)).toBeVisible();
  await expect(row.getByRole("button", { name: /Gỡ xác thực hai bước/ })).toHaveCount(0);

  // The user's session ended; the password alone signs them in again.
  expect((await callApi(user, "GET", "/api/me")).status).toBe(401);
  await signIn(user, username, "mat-khau-du-dai-2026");
  await expect(user.getByRole("heading", { level: 1 })).toContainText("Người Mất Điện Thoại");
  await context.close();
});

import type { Locator, Page } from "@playwright/test";
import { openDirectory, pickUnit } from "./directory-helpers.ts";
import { expect, test } from "./helpers.ts";
import { settle } from "./routes.ts";
import { signedIn } from "./sessions.ts";

// What a screen reader says: a form sent with required fields empty says so aloud and ties each
// field to its message, and a chart has its figures in words (WCAG 1.1.1, 3.3.1, 4.1.2, 4.1.3).
// That buttons and links showing only an icon have a name in the page's language is checked on
// every page of the staff app, in the walk of a11y-routes.e2e.ts.

/** The field's error: aria-invalid, and the message it names (aria-describedby or aria-errormessage). */
async function expectTiedError(page: Page, field: Locator): Promise<void> {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const ids =
    `${(await field.getAttribute("aria-describedby")) ?? ""} ${(await field.getAttribute("aria-errormessage")) ?? ""}`
      .split(/\s+/)
      .filter(Boolean);
  expect(ids.length, "the field names its message").toBeGreaterThan(0);
  const texts = await Promise.all(
    ids.map((id) =>
      page
        .locator(`[id="${id}"]`)
        .textContent()
        .catch(() => ""),
    ),
  );
  expect(texts.join(" ").trim(), `the text of ${ids.join(", ")}`).not.toBe("");
}

test("the staff petition intake form, sent empty, announces its errors and ties them to the fields", async ({
  page,
}) => {
  await signedIn(page, "dieuphoi", "/petitions/new");
  await settle(page);
  await page.getByRole("button", { name: "Lưu hồ sơ" }).click();

  // Announced: a summary in an alert, which takes the focus, with a link to each field.
  const summary = page.getByRole("alert").filter({ hasText: "cần sửa lại" });
  await expect(summary).toBeVisible();
  await expect(page.locator(".form-error-summary")).toBeFocused();
  for (const label of ["Xã, phường nơi xảy ra vụ việc", "Nội dung", "Họ tên người gửi", "Số điện thoại"]) {
    await expect(summary.getByRole("link", { name: new RegExp(`^${label}:`) })).toBeVisible();
    await expectTiedError(page, page.getByLabel(label, { exact: true }));
  }
  // A link in the summary leads to its field.
  await summary.getByRole("link", { name: /^Họ tên người gửi:/ }).press("Enter");
  await expect(page.getByLabel("Họ tên người gửi", { exact: true })).toBeFocused();
});

test("the directory's unit form and the user form, sent empty, announce their errors and tie them to the fields", async ({
  page,
}) => {
  await signedIn(page, "admin");
  await openDirectory(page);
  await pickUnit(page, "so noi vu", "Sở Nội vụ");
  await page.getByRole("button", { name: "Thêm đơn vị trực thuộc" }).click();
  const unit = page.getByRole("dialog", { name: "Thêm đơn vị" });
  await unit.getByRole("button", { name: "Lưu" }).click();
  // Announced: a summary in an alert, which takes the focus, with a link to each field.
  const unitSummary = unit.getByRole("alert").filter({ hasText: "cần sửa lại" });
  await expect(unitSummary).toBeVisible();
  await expect(unit.locator(".form-error-summary")).toBeFocused();
  await expect(unitSummary.getByRole("link", { name: /^Tên đầy đủ:/ })).toBeVisible();
  await expectTiedError(page, unit.getByLabel("Tên đầy đủ", { exact: true }));
  await unitSummary.getByRole("link", { name: /^Tên đầy đủ:/ }).press("Enter");
  await expect(unit.getByLabel("Tên đầy đủ", { exact: true })).toBeFocused();
  // Corrected, the field's problem leaves the summary (and with it the summary).
  await unit.getByLabel("Tên đầy đủ", { exact: true }).fill("Phòng Thử nghiệm");
  await expect(unitSummary).toBeHidden();
  await unit.getByRole("button", { name: "Hủy" }).click();
  await expect(unit).toBeHidden();

  await page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Người dùng" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Người dùng" })).toBeVisible();
  await page.getByRole("button", { name: "Thêm người dùng" }).click();
  const user = page.getByRole("dialog", { name: "Thêm người dùng" });
  await user.getByRole("button", { name: "Thêm người dùng" }).click();
  const userSummary = user.getByRole("alert").filter({ hasText: "cần sửa lại" });
  await expect(userSummary).toBeVisible();
  await expect(user.locator(".form-error-summary")).toBeFocused();
  for (const label of ["Tên đăng nhập", "Họ và tên"]) {
    await expect(userSummary.getByRole("link", { name: new RegExp(`^${label}:`) })).toBeVisible();
    await expectTiedError(page, user.getByLabel(label, { exact: true }));
  }
  await userSummary.getByRole("link", { name: /^Họ và tên:/ }).press("Enter");
  await expect(user.getByLabel("Họ và tên", { exact: true })).toBeFocused();
});

test("the portal's petition form, sent empty, announces its errors and ties them to the fields", async ({
  page,
}) => {
  await page.goto("/cong-dan/gui-phan-anh");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Gửi", exact: true }).click();
  const summary = page.getByRole("alert");
  await expect(summary.first()).toBeVisible();
  await expectTiedError(page, page.getByLabel(/^Nội dung/));
  await expectTiedError(page, page.getByLabel(/^Họ và tên/));
  await expectTiedError(page, page.getByLabel(/^Số điện thoại/));
});

test("the petition statistics chart has a text alternative: its figures in a table the keyboard reaches", async ({
  page,
}) => {
  await signedIn(page, "dieuphoi", "/petitions/stats");
  await settle(page);
  // The chart is an image with a description that says where its figures are.
  const chart = page.getByRole("img", { name: /Biểu đồ cột theo đơn vị/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("aria-label", /bảng/);
  // From the chart's link, by keyboard, to the table, and into its scrolling region.
  const toTable = page.getByRole("link", { name: "Xem bảng số liệu của biểu đồ" });
  for (let i = 0; i < 60 && !(await toTable.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(toTable).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#petition-stats-table")).toBeFocused();
  await page.keyboard.press("Tab");
  const region = page.getByRole("region", { name: "Bảng số liệu" });
  await expect(region).toBeFocused();
  // Every series the chart tells apart by colour (and pattern) is a column of numbers in words.
  const table = region.getByRole("table");
  for (const series of ["Đúng hạn", "Quá hạn", "Đóng — đã giải quyết", "Đóng — chưa giải quyết"])
    await expect(table.getByRole("columnheader", { name: series, exact: true })).toBeVisible();
  // One row per unit, at least as many as the chart draws.
  expect(await table.locator("tbody tr.ant-table-row").count()).toBeGreaterThan(0);
});

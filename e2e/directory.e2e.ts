import { openDirectory, pickUnit, searchUnit } from "./directory-helpers.ts";
import { expect, signIn, switchLanguage, test, unique } from "./helpers.ts";

test.describe("unit directory", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin");
    await switchLanguage(page, "VI");
  });

  test("the tree shows the Kiên Giang units as of 2024", async ({ page }) => {
    await openDirectory(page);
    const tree = page.getByRole("tree");
    await expect(tree.getByRole("treeitem", { name: /^Tỉnh Kiên Giang/ })).toBeVisible();
    await expect(tree.getByRole("treeitem", { name: /^Ủy ban nhân dân tỉnh Kiên Giang/ })).toBeVisible();
    await expect(tree.getByRole("treeitem", { name: /^Sở Nội vụ/ })).toBeVisible();

    await tree
      .getByRole("treeitem", { name: /^Sở Nội vụ/ })
      .locator(".ant-tree-title")
      .click();
    const detail = page.locator("#unit-detail-heading");
    await expect(detail).toHaveText("Sở Nội vụ");
    await expect(page.locator(".ant-descriptions")).toContainText(
      "Tỉnh Kiên Giang › Ủy ban nhân dân tỉnh Kiên Giang",
    );
  });

  test("searching without diacritics finds Sở Nội vụ", async ({ page }) => {
    await openDirectory(page);
    await searchUnit(page, "so noi vu");
    const results = page.getByRole("list", { name: "Kết quả tìm kiếm" });
    await expect(results.getByRole("button", { name: /Sở Nội vụ/ }).first()).toBeVisible();
    await results
      .getByRole("button", { name: /Sở Nội vụ/ })
      .first()
      .click();
    await expect(page.locator("#unit-detail-heading")).toHaveText("Sở Nội vụ");
    await expect(page.getByRole("treeitem", { name: /^Sở Nội vụ/, selected: true })).toBeVisible();
  });

  test("the administrator creates, renames and deletes a unit", async ({ page }) => {
    const name = unique("Phòng Thử nghiệm");
    const renamed = `${name} (đổi tên)`;
    await openDirectory(page);
    await pickUnit(page, "so noi vu", "Sở Nội vụ");

    await page.getByRole("button", { name: "Thêm đơn vị trực thuộc" }).click();
    const create = page.getByRole("dialog", { name: "Thêm đơn vị" });
    await create.getByLabel("Tên đầy đủ").fill(name);
    await create.getByRole("button", { name: "Lưu" }).click();
    await expect(create).toBeHidden();
    await expect(page.locator("#unit-detail-heading")).toHaveText(name);
    await expect(page.getByText(/Sở Nội vụ$/).first()).toBeVisible();

    await page.getByRole("button", { name: "Sửa", exact: true }).click();
    const edit = page.getByRole("dialog", { name: `Sửa đơn vị: ${name}` });
    await edit.getByLabel("Tên đầy đủ").fill(renamed);
    await edit.getByRole("button", { name: "Lưu" }).click();
    await expect(edit).toBeHidden();
    await expect(page.locator("#unit-detail-heading")).toHaveText(renamed);
    await expect(page.getByRole("tree").getByText(renamed)).toBeVisible();

    await page.getByRole("button", { name: "Xóa", exact: true }).click();
    const confirm = page.getByRole("dialog", { name: `Xóa đơn vị “${renamed}”?` });
    await confirm.getByRole("button", { name: "Xóa" }).click();
    await expect(page.getByText(`Đã xóa đơn vị “${renamed}”.`)).toBeVisible();
    await expect(page.getByRole("tree").getByText(renamed)).toHaveCount(0);
  });

  test("a unit with sub-units cannot be deleted and the server says why", async ({ page }) => {
    await openDirectory(page);
    await pickUnit(page, "chau thanh", /^Ủy ban nhân dân huyện Châu Thành/);
    await page.getByRole("button", { name: "Xóa", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Xóa" }).click();
    await expect(page.getByRole("dialog", { name: "Không xóa được đơn vị" })).toContainText(
      /trực thuộc|đang được dùng/,
    );
  });

  test("moving a unit under its own sub-unit shows the server's refusal", async ({ page }) => {
    await openDirectory(page);
    await pickUnit(page, "chau thanh", /^Ủy ban nhân dân huyện Châu Thành/);
    await page.getByRole("button", { name: "Chuyển đơn vị" }).click();
    const dialog = page.getByRole("dialog", { name: /^Chuyển đơn vị/ });
    await dialog.getByLabel("Đơn vị cấp trên").click();
    await page.keyboard.type("Minh Hoa");
    await page
      .locator(".ant-select-tree-node-content-wrapper")
      .filter({ hasText: /Minh Hòa/ })
      .first()
      .click();
    await dialog.getByRole("button", { name: "Lưu" }).click();
    // The server names the field, so the message shows under "Đơn vị cấp trên".
    await expect(dialog).toContainText("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó");
  });

  test("a second editor gets the conflict and can apply the change again", async ({ page, browser }) => {
    const name = unique("Ban Xung đột");
    await openDirectory(page);
    await pickUnit(page, "so noi vu", "Sở Nội vụ");
    await page.getByRole("button", { name: "Thêm đơn vị trực thuộc" }).click();
    const create = page.getByRole("dialog", { name: "Thêm đơn vị" });
    await create.getByLabel("Tên đầy đủ").fill(name);
    await create.getByRole("button", { name: "Lưu" }).click();
    await expect(page.locator("#unit-detail-heading")).toHaveText(name);

    // First editor opens the form and keeps it open.
    await page.getByRole("button", { name: "Sửa", exact: true }).click();
    const mine = page.getByRole("dialog", { name: `Sửa đơn vị: ${name}` });
    await mine.getByLabel("Tên viết tắt").fill("BXD");

    // Someone else saves a change to the same unit meanwhile.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, "admin");
    await openDirectory(otherPage);
    await pickUnit(otherPage, name, name);
    await otherPage.getByRole("button", { name: "Sửa", exact: true }).click();
    const theirs = otherPage.getByRole("dialog", { name: `Sửa đơn vị: ${name}` });
    await theirs.getByLabel("Mã đơn vị").fill("XD-01");
    await theirs.getByRole("button", { name: "Lưu" }).click();
    await expect(theirs).toBeHidden();
    await other.close();

    // The first save is refused and both versions are shown.
    await mine.getByRole("button", { name: "Lưu" }).click();
    const alert = mine.getByRole("alert");
    await expect(alert).toContainText("Dữ liệu đã được người khác thay đổi");
    await expect(alert).toContainText("XD-01");
    await expect(alert).toContainText("BXD");
    await alert.getByRole("button", { name: "Áp dụng lại thay đổi của tôi" }).click();
    await expect(mine).toBeHidden();

    // Both changes survive.
    const details = page.locator(".ant-descriptions");
    await expect(details).toContainText("BXD");
    await expect(details).toContainText("XD-01");
  });
});

test.describe("directory export", () => {
  test("the administrator downloads the directory as CSV", async ({ page }) => {
    await signIn(page, "admin");
    await switchLanguage(page, "VI");
    await openDirectory(page);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Xuất CSV" }).click();
    expect((await download).suggestedFilename()).toBe("danh-ba-don-vi-2024-06-01.csv");
  });

  test("a unit officer who may not export is not offered it, and the server refuses it anyway", async ({
    page,
  }) => {
    await signIn(page, "canbo.so");
    await switchLanguage(page, "VI");
    await openDirectory(page);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Xuất CSV" })).toHaveCount(0);
    const refused = await page.evaluate(async () => (await fetch("/api/units/export?format=csv")).status);
    expect(refused).toBe(403);
  });
});
